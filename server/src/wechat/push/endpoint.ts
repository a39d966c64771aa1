/**
 * The public account's message push endpoint (docs/wechat.md, "Pushed messages"): GET
 * verification; POST in plain, compatible and safe mode; 401 on a bad signature or a foreign
 * appid; hostile XML refused unread; each message handled once under WeChat's retries; an
 * answer always within WeChat's 5 seconds (handlers put slow work on the job queue).
 */
import type { Context, Next } from 'koa';
import type { Cache } from '../../platform/cache';
import type { Logger } from '../../platform/logger';
import { DecryptError, type MessageCrypto, signatureMatches } from './crypto';
import { buildWechatXml, HostileXmlError, MAX_PUSH_BYTES, parseWechatXml } from './xml';

/** A pushed message: WeChat's field names, every value a string. */
export type PushMessage = Record<string, string> & { FromUserName: string; MsgType: string };
export type PushReply = { type: 'text'; content: string } | undefined;
export type PushHandler = (msg: PushMessage) => Promise<PushReply | void>;

export interface PushEndpointOptions {
  path: string;
  crypto: MessageCrypto;
  cache: Cache;
  logger: Logger;
  /** The answer is sent by then at the latest; WeChat gives up at 5 s. */
  budgetMs?: number;
  dedupeTtlMs?: number;
}

/** Handlers by `text`, `image`…, or `event:<Event>` (event names as WeChat spells them). */
export class PushHandlers {
  private readonly handlers = new Map<string, PushHandler[]>();

  on(kind: string, handler: PushHandler): void {
    this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), handler]);
  }

  /** The first handler's reply wins; every handler runs. */
  async dispatch(msg: PushMessage): Promise<PushReply> {
    const kind = msg.MsgType === 'event' ? `event:${msg.Event ?? ''}` : msg.MsgType;
    let reply: PushReply;
    for (const h of this.handlers.get(kind) ?? []) reply = (await h(msg)) ?? reply;
    return reply;
  }
}

/** WeChat's own dedupe advice: MsgId, else sender + time + event (+ the event's id or key). */
export function dedupeKey(m: PushMessage): string {
  if (m.MsgId) return `msg:${m.MsgId}`;
  return `evt:${m.FromUserName}:${m.CreateTime ?? ''}:${m.Event ?? ''}:${m.MsgID ?? m.EventKey ?? ''}`;
}

export function createPushEndpoint(opts: PushEndpointOptions, handlers: PushHandlers) {
  const { crypto, cache, logger } = opts;
  const budgetMs = opts.budgetMs ?? 4000;
  const dedupeTtlMs = opts.dedupeTtlMs ?? 5 * 60_000;

  const deny = (ctx: Context, status: number, reason: string) => {
    ctx.status = status;
    ctx.type = 'text/plain';
    ctx.body = reason;
  };

  return async (ctx: Context, next: Next) => {
    if (ctx.path !== opts.path) return next();
    const q = ctx.query as Record<string, string | undefined>;
    const timestamp = String(q.timestamp ?? '');
    const nonce = String(q.nonce ?? '');

    if (ctx.method === 'GET') {
      if (!signatureMatches(crypto.signature(timestamp, nonce), q.signature))
        return deny(ctx, 401, 'invalid signature');
      ctx.type = 'text/plain';
      ctx.body = String(q.echostr ?? '');
      return;
    }
    if (ctx.method !== 'POST') return deny(ctx, 405, 'method not allowed');

    const raw = await readCapped(ctx);
    if (raw === null) return deny(ctx, 413, 'too large');
    const safe = q.encrypt_type === 'aes';
    let msg: PushMessage;
    try {
      if (safe) {
        const outer = parseWechatXml(raw);
        const encrypt = outer.Encrypt;
        if (!encrypt) return deny(ctx, 400, 'missing Encrypt');
        if (!signatureMatches(crypto.msgSignature(timestamp, nonce, encrypt), q.msg_signature))
          return deny(ctx, 401, 'invalid signature');
        const { message, appid } = crypto.decrypt(encrypt);
        if (appid !== crypto.appid) return deny(ctx, 401, 'invalid appid');
        msg = parseWechatXml(message) as PushMessage;
      } else {
        if (!signatureMatches(crypto.signature(timestamp, nonce), q.signature))
          return deny(ctx, 401, 'invalid signature');
        msg = parseWechatXml(raw) as PushMessage;
      }
    } catch (err) {
      if (err instanceof HostileXmlError || err instanceof DecryptError) {
        logger.warn({ reason: err.message, safe }, 'wechat push refused');
        return deny(ctx, 400, 'bad request');
      }
      throw err;
    }
    if (!msg.FromUserName || !msg.MsgType) return deny(ctx, 400, 'bad request');

    const reply = await once(msg);
    ctx.type = 'text/plain';
    ctx.body = reply ? wrap(reply, msg, safe, nonce) : 'success';
  };

  /**
   * Handles a message once. The mark holds '…' while the first delivery is being handled and
   * then its reply, so a retry gets the same answer; a failed handling forgets the mark so
   * WeChat's next retry tries again.
   */
  async function once(msg: PushMessage): Promise<PushReply> {
    const key = `wx:push:${crypto.appid}:${dedupeKey(msg)}`;
    if (!(await cache.setIfAbsent(key, '…', dedupeTtlMs))) {
      const seen = await cache.get(key);
      return seen && seen !== '…' ? ((JSON.parse(seen) as PushReply) ?? undefined) : undefined;
    }
    const work = handlers.dispatch(msg).then(
      async (reply) => {
        await cache.set(key, JSON.stringify(reply ?? null), dedupeTtlMs);
        return reply;
      },
      async (err) => {
        logger.error({ err, type: msg.MsgType, event: msg.Event }, 'wechat push handler failed');
        await cache.del(key).catch(() => {});
        throw err;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), budgetMs);
    });
    try {
      const result = await Promise.race([work, late]);
      if (result === 'late') {
        logger.warn(
          { type: msg.MsgType, event: msg.Event },
          'wechat push handler over budget; acknowledged without reply',
        );
        work.catch(() => {});
        return undefined;
      }
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  function wrap(reply: NonNullable<PushReply>, msg: PushMessage, safe: boolean, nonce: string): string {
    const xml = buildWechatXml({
      ToUserName: msg.FromUserName,
      FromUserName: msg.ToUserName ?? '',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: reply.content,
    });
    if (!safe) return xml;
    const encrypt = crypto.encrypt(xml);
    const ts = String(Math.floor(Date.now() / 1000));
    return buildWechatXml({
      Encrypt: encrypt,
      MsgSignature: crypto.msgSignature(ts, nonce, encrypt),
      TimeStamp: ts,
      Nonce: nonce,
    });
  }
}

/** The raw body, or null past the cap (checked on Content-Length first, then while reading). */
async function readCapped(ctx: Context): Promise<string | null> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > MAX_PUSH_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PUSH_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
