import { Router } from '@koa/router';
import type { Context } from 'koa';
import { SimError } from './errors';
import { readJson, requireToken } from './http';
import type { MpState } from './mp-state';
import { pushWithRetries } from './push';
import type { TokenRecord } from './state';

/**
 * Value limits of template and subscribe message fields, by the key's prefix (thing1 → thing),
 * as WeChat documents them; a value over its limit answers 47003.
 */
const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  name: 10,
  phrase: 5,
  amount: 32,
  time: 32,
  date: 32,
  const: 20,
};

function checkData(data: unknown): void {
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new SimError(47003, 'argument invalid! data is empty');
  for (const [key, field] of Object.entries(data)) {
    const value = (field as { value?: unknown })?.value;
    if (typeof value !== 'string') throw new SimError(47003, `argument invalid! data.${key}.value invalid`);
    const kind = key.replace(/\d+$/, '');
    const limit = FIELD_LIMITS[kind];
    if (limit !== undefined && [...value].length > limit)
      throw new SimError(47003, `argument invalid! data.${key}.value exceeds limit`);
  }
}

const OPENID = /^[A-Za-z0-9_-]{6,64}$/;
const TEMPLATE_ID = /^[A-Za-z0-9_-]{10,64}$/;

/** An int64 msgid written bare in the JSON, as WeChat does (JSON.stringify cannot). */
function answerWithMsgid(ctx: Context, msgid: string): void {
  ctx.type = 'application/json';
  ctx.body = `{"errcode":0,"errmsg":"ok","msgid":${msgid}}`;
}

/** Public-account APIs (template messages, QR codes, menu, tags) and subscribe messages. */
export function mpRoutes(mp: MpState): Router {
  const router = new Router();
  const { state } = mp;

  router.post('/cgi-bin/message/template/send', requireToken(state, 'mp'), async (ctx) => {
    const b = await readJson(ctx);
    const appid = (ctx.state.wxToken as TokenRecord).appid;
    if (typeof b.touser !== 'string' || !OPENID.test(b.touser)) throw new SimError(40003, 'invalid openid');
    if (
      typeof b.template_id !== 'string' ||
      !TEMPLATE_ID.test(b.template_id) ||
      mp.revokedTemplates.has(b.template_id)
    ) {
      throw new SimError(40037, 'invalid template_id');
    }
    const clientMsgId = typeof b.client_msg_id === 'string' ? b.client_msg_id : undefined;
    mp.countTemplateCall();
    state.countFor(b.touser, ctx.path);
    const follower = mp.followers.get(b.touser);
    if (!follower) throw new SimError(40003, 'invalid openid');
    if (!follower.subscribed) throw new SimError(43004, 'require subscribe');
    checkData(b.data);
    const prior = mp.priorSend(b.touser, clientMsgId);
    if (prior) return answerWithMsgid(ctx, prior); // the same message: not delivered again
    if (!mp.spendTemplateQuota(appid)) throw new SimError(45009);
    const msgid = mp.mintMsgid();
    mp.rememberSend(b.touser, clientMsgId, msgid);
    mp.deliver('template', b.touser);
    answerWithMsgid(ctx, msgid);

    // Delivery is reported later, as a pushed event.
    const target = mp.target();
    if (target) {
      const status = follower.blocked
        ? 'failed:user block'
        : follower.undeliverable
          ? 'failed: system failed'
          : 'success';
      setTimeout(
        () =>
          void pushWithRetries(
            target,
            {
              ToUserName: 'gh_simulator',
              FromUserName: b.touser as string,
              CreateTime: Math.floor(mp.state.now() / 1000),
              MsgType: 'event',
              Event: 'TEMPLATESENDJOBFINISH',
              MsgID: msgid,
              Status: status,
            },
            () => mp.state.now(),
          ),
        target.finishDelayMs ?? 100,
      ).unref?.();
    }
  });

  router.post('/cgi-bin/message/subscribe/send', requireToken(state, 'mini'), async (ctx) => {
    const b = await readJson(ctx);
    if (typeof b.touser !== 'string' || !OPENID.test(b.touser)) throw new SimError(40003, 'invalid openid');
    if (typeof b.template_id !== 'string' || !TEMPLATE_ID.test(b.template_id))
      throw new SimError(40037, 'invalid template_id');
    if (b.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(String(b.miniprogram_state)))
      throw new SimError(47003, 'argument invalid! miniprogram_state');
    state.countFor(b.touser, ctx.path);
    checkData(b.data);
    const key = `${b.touser}:${b.template_id}`;
    const left = mp.consents.get(key) ?? 0;
    if (left <= 0) throw new SimError(43101, 'user refuse to accept the msg');
    mp.consents.set(key, left - 1);
    mp.deliver('subscribe', b.touser);
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  // The follower's profile; unionid only for accounts bound to an open platform (ours are).
  router.get('/cgi-bin/user/info', requireToken(state, 'mp'), (ctx) => {
    const openid = ctx.query.openid;
    if (typeof openid !== 'string' || !OPENID.test(openid)) throw new SimError(40003, 'invalid openid');
    const f = mp.followers.get(openid);
    if (!f) throw new SimError(40003, 'invalid openid');
    ctx.body = f.subscribed
      ? {
          subscribe: 1,
          openid,
          language: 'zh_CN',
          subscribe_time: Math.floor(state.now() / 1000),
          ...(f.unionid ? { unionid: f.unionid } : {}),
          tagid_list: [...f.tags],
        }
      : { subscribe: 0, openid, ...(f.unionid ? { unionid: f.unionid } : {}) };
  });

  router.post('/cgi-bin/qrcode/create', requireToken(state, 'mp'), async (ctx) => {
    const b = await readJson(ctx);
    const action = String(b.action_name ?? '');
    const scene = (b.action_info as { scene?: { scene_str?: unknown; scene_id?: unknown } } | undefined)?.scene;
    const permanent = action.startsWith('QR_LIMIT');
    let value: string;
    if (action === 'QR_STR_SCENE' || action === 'QR_LIMIT_STR_SCENE') {
      if (typeof scene?.scene_str !== 'string' || scene.scene_str.length < 1 || scene.scene_str.length > 64)
        throw new SimError(40097, 'invalid args: scene_str');
      value = scene.scene_str;
    } else if (action === 'QR_SCENE' || action === 'QR_LIMIT_SCENE') {
      if (typeof scene?.scene_id !== 'number' || !Number.isInteger(scene.scene_id) || scene.scene_id < 1)
        throw new SimError(40097, 'invalid args: scene_id');
      value = String(scene.scene_id);
    } else throw new SimError(40097, 'invalid args: action_name');
    const expire = permanent ? undefined : Math.min(Number(b.expire_seconds ?? 60) || 60, 2_592_000);
    const ticket = `gQ${Buffer.from(`${value}:${state.now()}:${Math.random()}`).toString('base64url')}`;
    mp.qrcodes.set(ticket, { scene: value, expiresAt: expire ? state.now() + expire * 1000 : undefined });
    ctx.body = {
      ticket,
      url: `http://weixin.qq.com/q/${ticket.slice(2, 24)}`,
      ...(expire ? { expire_seconds: expire } : {}),
    };
  });

  router.post('/cgi-bin/menu/create', requireToken(state, 'mp'), async (ctx) => {
    const b = await readJson(ctx);
    checkMenu(b.button);
    mp.menu = { button: b.button };
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  router.get('/cgi-bin/menu/get', requireToken(state, 'mp'), (ctx) => {
    if (!mp.menu) throw new SimError(46003, 'menu no exist');
    ctx.body = { menu: mp.menu };
  });

  router.post('/cgi-bin/tags/create', requireToken(state, 'mp'), async (ctx) => {
    const b = await readJson(ctx);
    const name = (b.tag as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || !name || [...name].length > 30) throw new SimError(45158, 'tag name too long');
    if ([...mp.tags.values()].includes(name)) throw new SimError(45157, 'invalid tag name');
    const id = mp.mintTagId();
    mp.tags.set(id, name);
    ctx.body = { tag: { id, name } };
  });

  router.get('/cgi-bin/tags/get', requireToken(state, 'mp'), (ctx) => {
    const count = (id: number) => [...mp.followers.values()].filter((f) => f.tags.has(id)).length;
    ctx.body = { tags: [...mp.tags].map(([id, name]) => ({ id, name, count: count(id) })) };
  });

  for (const [path, add] of [
    ['/cgi-bin/tags/members/batchtagging', true],
    ['/cgi-bin/tags/members/batchuntagging', false],
  ] as const) {
    router.post(path, requireToken(state, 'mp'), async (ctx) => {
      const b = await readJson(ctx);
      const list = b.openid_list;
      if (typeof b.tagid !== 'number' || !mp.tags.has(b.tagid)) throw new SimError(45159, 'invalid tag id');
      if (!Array.isArray(list) || list.length === 0 || list.length > 50)
        throw new SimError(40032, 'invalid openid list size');
      for (const o of list)
        if (typeof o !== 'string' || !mp.followers.has(o)) throw new SimError(40003, 'invalid openid');
      for (const o of list as string[]) {
        const f = mp.followers.get(o)!;
        if (add) f.tags.add(b.tagid);
        else f.tags.delete(b.tagid);
      }
      ctx.body = { errcode: 0, errmsg: 'ok' };
    });
  }

  return router;
}

/** menu/create's rules: 1–3 buttons, 0–5 sub-buttons each, and each type's required fields. */
function checkMenu(buttons: unknown): void {
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
    throw new SimError(40016, 'invalid button size');
  // Names in UTF-8 bytes: 16 for a top button, 60 for a sub-button.
  const leaf = (b: Record<string, unknown>, maxNameBytes: number) => {
    if (typeof b.name !== 'string' || !b.name || Buffer.byteLength(b.name) > maxNameBytes)
      throw new SimError(40018, 'invalid button name size');
    if (b.type === 'click') {
      if (typeof b.key !== 'string' || !b.key || b.key.length > 128)
        throw new SimError(40019, 'invalid button key size');
    } else if (b.type === 'view') {
      if (typeof b.url !== 'string' || !/^https?:\/\//.test(b.url))
        throw new SimError(40055, 'invalid button url domain');
    } else if (b.type === 'miniprogram') {
      if (typeof b.appid !== 'string' || typeof b.pagepath !== 'string' || typeof b.url !== 'string')
        throw new SimError(40027, 'invalid sub button url domain');
    } else throw new SimError(40017, 'invalid button type');
  };
  for (const b of buttons as Record<string, unknown>[]) {
    if (b && Array.isArray(b.sub_button) && b.sub_button.length) {
      if (typeof b.name !== 'string' || !b.name || Buffer.byteLength(b.name) > 16)
        throw new SimError(40018, 'invalid button name size');
      if (b.sub_button.length > 5) throw new SimError(40023, 'invalid sub button size');
      for (const s of b.sub_button as Record<string, unknown>[]) leaf(s ?? {}, 60);
    } else leaf(b ?? {}, 16);
  }
}
