import { Router } from '@koa/router';
import { SimError } from './errors';
import { readJson } from './http';
import type { MpState, PushTarget } from './mp-state';
import { pushOnce, pushWithRetries, type PushResult } from './push';

const bad = (what: string) => new SimError(40097, `invalid args: ${what}`, 400);
const str = (v: unknown, what: string, re: RegExp): string => {
  if (typeof v !== 'string' || !re.test(v)) throw bad(what);
  return v;
};
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * What a simulated WeChat user does to the public account (scan, follow, unfollow, click,
 * write), each pushed to the developer's endpoint as WeChat would; plus the knobs tests and
 * the bench need. Never part of WeChat's contract.
 */
export function mpDevRoutes(mp: MpState): Router {
  const router = new Router({ prefix: '/dev' });

  const target = (): PushTarget => {
    const t = mp.target();
    if (!t) throw new SimError(40097, 'no push target: POST /dev/push-config first', 409);
    return t;
  };
  const now = () => mp.state.now();
  const event = (openid: string, fields: Record<string, string>) => ({
    ToUserName: 'gh_simulator',
    FromUserName: openid,
    CreateTime: Math.floor(now() / 1000),
    MsgType: 'event',
    ...fields,
  });
  const answer = (r: PushResult | undefined) =>
    r ? { status: r.status, body: r.body, reply: r.reply ?? null } : { status: 0, body: '', reply: null };

  // Extends /dev/reset (the base dev router answers it).
  router.post('/reset', async (_ctx, next) => {
    mp.reset();
    await next();
  });

  router.post('/push-config', async (ctx) => {
    const b = await readJson(ctx);
    const base = mp.target();
    mp.push = {
      url: mp.state.pushUrl(str(b.url ?? base?.url, 'url', /^https?:\/\/\S+$/)).href,
      token: str(b.token ?? base?.token, 'token', /^[A-Za-z0-9]{3,32}$/),
      aesKey: str(b.aesKey ?? base?.aesKey, 'aesKey', /^[A-Za-z0-9]{43}$/),
      appid: str(b.appid ?? base?.appid, 'appid', /^wx[0-9a-zA-Z]{8,30}$/),
      mode: str(b.mode ?? base?.mode ?? 'safe', 'mode', /^(plain|compatible|safe)$/) as PushTarget['mode'],
      finishDelayMs: typeof b.finishDelayMs === 'number' ? b.finishDelayMs : base?.finishDelayMs,
    };
    ctx.body = { ok: true, mode: mp.push.mode };
  });

  // A user scans a parameter QR code: subscribe with qrscene_<scene> when not following yet, else SCAN.
  router.post('/mp/scan', async (ctx) => {
    const b = await readJson(ctx);
    const openid = str(b.openid, 'openid', OPENID);
    const ticket = str(b.ticket, 'ticket', /^\S{4,200}$/);
    const qr = mp.qrcodes.get(ticket);
    if (!qr || (qr.expiresAt !== undefined && qr.expiresAt < mp.state.now())) throw bad('ticket (unknown or expired)');
    const f = mp.follower(openid, typeof b.unionid === 'string' ? b.unionid : undefined);
    const fields = f.subscribed
      ? event(openid, { Event: 'SCAN', EventKey: qr.scene, Ticket: ticket })
      : event(openid, { Event: 'subscribe', EventKey: `qrscene_${qr.scene}`, Ticket: ticket });
    f.subscribed = true;
    ctx.body = answer(await pushWithRetries(target(), fields, now));
  });

  router.post('/mp/follow', async (ctx) => {
    const b = await readJson(ctx);
    const openid = str(b.openid, 'openid', OPENID);
    const f = mp.follower(openid, typeof b.unionid === 'string' ? b.unionid : undefined);
    f.subscribed = true;
    ctx.body = answer(await pushWithRetries(target(), event(openid, { Event: 'subscribe', EventKey: '' }), now));
  });

  router.post('/mp/unfollow', async (ctx) => {
    const b = await readJson(ctx);
    const openid = str(b.openid, 'openid', OPENID);
    const f = mp.follower(openid);
    f.subscribed = false;
    // `silent`: the user unfollowed but the event never reached the developer (a lost push).
    ctx.body =
      b.silent === true
        ? { status: 0, body: '', reply: null }
        : answer(await pushWithRetries(target(), event(openid, { Event: 'unsubscribe', EventKey: '' }), now));
  });

  router.post('/mp/block', async (ctx) => {
    const b = await readJson(ctx);
    mp.follower(str(b.openid, 'openid', OPENID)).blocked = b.blocked !== false;
    ctx.body = { ok: true };
  });

  router.post('/mp/undeliverable', async (ctx) => {
    const b = await readJson(ctx);
    mp.follower(str(b.openid, 'openid', OPENID)).undeliverable = b.undeliverable !== false;
    ctx.body = { ok: true };
  });

  router.post('/mp/click', async (ctx) => {
    const b = await readJson(ctx);
    const openid = str(b.openid, 'openid', OPENID);
    ctx.body = answer(
      await pushWithRetries(
        target(),
        event(openid, { Event: 'CLICK', EventKey: str(b.key, 'key', /^\S{1,128}$/) }),
        now,
      ),
    );
  });

  router.post('/mp/view', async (ctx) => {
    const b = await readJson(ctx);
    const openid = str(b.openid, 'openid', OPENID);
    ctx.body = answer(
      await pushWithRetries(
        target(),
        event(openid, { Event: 'VIEW', EventKey: str(b.url, 'url', /^\S{1,1000}$/) }),
        now,
      ),
    );
  });

  // A text message to the account; `raw` pushes exactly once (no retries) and `msgId` reuses an id (a WeChat retry).
  router.post('/mp/text', async (ctx) => {
    const b = await readJson(ctx);
    const openid = str(b.openid, 'openid', OPENID);
    const content = str(b.content, 'content', /^[\s\S]{1,2000}$/);
    const msgId = typeof b.msgId === 'string' && /^\d{1,20}$/.test(b.msgId) ? b.msgId : mp.mintMsgid();
    const fields = {
      ToUserName: 'gh_simulator',
      FromUserName: openid,
      CreateTime: Math.floor(now() / 1000),
      MsgType: 'text',
      Content: content,
      MsgId: msgId,
    };
    ctx.body = { msgId, ...answer(await pushOnce(target(), fields, now).catch(() => undefined)) };
  });

  // Many followers at once, silently (the bench's 100,000 subscribers): openids `${prefix}${i}`.
  router.post('/mp/followers', async (ctx) => {
    const b = await readJson(ctx);
    const prefix = str(b.prefix, 'prefix', /^[A-Za-z0-9_-]{4,40}$/);
    const count = Number(b.count);
    const start = Number(b.start ?? 0);
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000 || !Number.isInteger(start) || start < 0)
      throw bad('count');
    for (let i = start; i < start + count; i++) mp.follower(`${prefix}${i}`).subscribed = true;
    ctx.body = { ok: true, followers: mp.followers.size };
  });

  // What the phone's requestSubscribeMessage leaves behind when the user taps 允许.
  router.post('/mini/consent', async (ctx) => {
    const b = await readJson(ctx);
    const key = `${str(b.openid, 'openid', OPENID)}:${str(b.templateId, 'templateId', /^[A-Za-z0-9_-]{10,64}$/)}`;
    const times = Number(b.times ?? 1);
    if (!Number.isInteger(times) || times < 1 || times > 1000) throw bad('times');
    mp.consents.set(key, (mp.consents.get(key) ?? 0) + times);
    ctx.body = { ok: true, left: mp.consents.get(key) };
  });

  router.post('/mp/quota', async (ctx) => {
    const b = await readJson(ctx);
    if (!Number.isInteger(b.templatePerDay) || (b.templatePerDay as number) < 0) throw bad('templatePerDay');
    mp.templateQuota = b.templatePerDay as number;
    ctx.body = { ok: true };
  });

  router.post('/mp/revoke-template', async (ctx) => {
    const b = await readJson(ctx);
    mp.revokedTemplates.add(str(b.templateId, 'templateId', /^\S{1,64}$/));
    ctx.body = { ok: true };
  });

  // Deliveries: total, distinct openids, and who got the same kind of message more than once.
  router.get('/mp/deliveries', (ctx) => {
    const summary = (m: Map<string, number>) => {
      let total = 0;
      const duplicated: string[] = [];
      for (const [openid, n] of m) {
        total += n;
        if (n > 1) duplicated.push(openid);
      }
      return { total, openids: m.size, duplicatedOpenids: duplicated.length, sample: duplicated.slice(0, 20) };
    };
    const openid = typeof ctx.query.openid === 'string' ? ctx.query.openid : undefined;
    ctx.body = openid
      ? { template: mp.delivered.template.get(openid) ?? 0, subscribe: mp.delivered.subscribe.get(openid) ?? 0 }
      : { template: summary(mp.delivered.template), subscribe: summary(mp.delivered.subscribe) };
  });

  // Template-send calls per second ({epochSecond: calls}): proves a shared rate limit holds.
  router.get('/mp/send-rate', (ctx) => {
    ctx.body = { perSecond: Object.fromEntries(mp.templateCallsPerSecond) };
  });

  router.post('/mp/deliveries/reset', (ctx) => {
    mp.delivered.template.clear();
    mp.delivered.subscribe.clear();
    mp.templateCallsPerSecond.clear();
    ctx.body = { ok: true };
  });

  router.get('/mp/state', (ctx) => {
    ctx.body = { menu: mp.menu, tags: Object.fromEntries(mp.tags), followers: mp.followers.size };
  });

  return router;
}
