/**
 * Where WeChat pushes an account's messages and events (docs/wechat.md, "Pushed messages"): the
 * one security boundary for every push we take — our public account's and the content matrix
 * members'. GET verification; POST in the mode the configuration names (never the one a request
 * claims); signatures, timestamps within a window, the appid inside the encryption; hostile XML
 * refused unread; each message handled once, for as long as a replay could be accepted; an
 * answer always within WeChat's 5 seconds (handlers put slow work on the job queue).
 */
import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Cache } from '../../platform/cache';
import type { Logger } from '../../platform/logger';
import { DecryptError, MessageCrypto, signatureMatches } from './crypto';
import { buildWechatXml, HostileXmlError, MAX_PUSH_BYTES, parseWechatXmlTree, textFields, type WechatXml } from './xml';

/**
 * plain: XML in clear, signed over token/timestamp/nonce only (the body is not covered);
 * compatible: clear or encrypted, each checked as what it is (for switching modes in WeChat's console);
 * safe: encrypted only, `msg_signature` covering the ciphertext. Production runs safe.
 */
export type PushMode = 'plain' | 'compatible' | 'safe';
export const PUSH_MODES: readonly PushMode[] = ['plain', 'compatible', 'safe'];

/** A pushed message: WeChat's field names, every text value a string. */
export type PushMessage = Record<string, string> & { FromUserName: string; MsgType: string };
export type PushReply = { type: 'text'; content: string } | undefined;
/** What else a handler may need: which account pushed, and the whole XML (nested events). */
export interface PushContext {
  appid: string;
  xml: WechatXml;
}
export type PushHandler = (msg: PushMessage, push: PushContext) => Promise<PushReply | void>;

export interface PushEndpointOptions {
  /**
   * `/wechat/mp`: pushes for the account `appid`. `/wechat/matrix/:appid`: pushes for the
   * account named by the last path segment (its encrypted pushes must carry that appid).
   */
  path: string;
  appid?: string;
  /** The Token and EncodingAESKey of the 服务器配置. */
  token: string;
  aesKey: string;
  mode: PushMode;
  /** How far a push's timestamp may be from our clock, either way (WeChat pushes at once). */
  windowSeconds: number;
  /** Our clock, in ms (the platform's, which tests move). */
  now: () => number;
  cache: Cache;
  logger: Logger;
  /** The answer is sent by then at the latest; WeChat gives up at 5 s. */
  budgetMs?: number;
}

/** Handlers by `text`, `image`…, or `event:<Event>` (event names as WeChat spells them). */
export class PushHandlers {
  private readonly handlers = new Map<string, PushHandler[]>();

  on(kind: string, handler: PushHandler): void {
    this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), handler]);
  }

  /** The first handler's reply wins; every handler runs. */
  async dispatch(msg: PushMessage, push: PushContext): Promise<PushReply> {
    const kind = msg.MsgType === 'event' ? `event:${msg.Event ?? ''}` : msg.MsgType;
    let reply: PushReply;
    for (const h of this.handlers.get(kind) ?? []) reply = (await h(msg, push)) ?? reply;
    return reply;
  }
}

/**
 * WeChat's own dedupe advice: MsgId, else sender + time + event; plus a digest of the whole
 * event, so that two different events of one sender in one second (two publish jobs finishing)
 * stay two, while WeChat's retries of one stay one.
 */
export function dedupeKey(msg: PushMessage, xml: WechatXml): string {
  if (msg.MsgId) return `msg:${msg.MsgId}`;
  const digest = createHash('sha256').update(canonical(xml)).digest('base64url').slice(0, 22);
  return `evt:${msg.FromUserName}:${msg.CreateTime ?? ''}:${msg.Event ?? ''}:${digest}`;
}

const canonical = (v: unknown): string =>
  typeof v === 'string'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v as object)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;

const APPID = /^wx[0-9a-zA-Z]{8,30}$/;
const TIMESTAMP = /^\d{1,12}$/;
/** Kept past the window's end, so a mark never expires while its push could still be accepted. */
const MARK_MARGIN_MS = 60_000;

/** A refusal: status and a short plain-text reason (WeChat reads no JSON here). */
class Refused extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

export function createPushEndpoint(opts: PushEndpointOptions, handlers: PushHandlers) {
  const { cache, logger, mode, now } = opts;
  const crypto = new MessageCrypto(opts.token, opts.aesKey);
  const budgetMs = opts.budgetMs ?? 4000;
  const windowMs = opts.windowSeconds * 1000;
  const perAccount = opts.path.endsWith('/:appid');
  const prefix = perAccount ? opts.path.slice(0, -':appid'.length) : opts.path;
  if (!perAccount && !opts.appid) throw new Error(`push endpoint ${opts.path} needs the appid whose pushes it takes`);

  /** The account a request pushes for, or undefined when the path is not ours. */
  const accountOf = (path: string): string | undefined => {
    if (!perAccount) return path === prefix ? opts.appid : undefined;
    if (!path.startsWith(prefix)) return undefined;
    const appid = path.slice(prefix.length);
    return APPID.test(appid) ? appid : undefined;
  };

  /** Seconds since the epoch, when the request's timestamp is within the window of our clock. */
  const freshTimestamp = (timestamp: string): number => {
    if (!TIMESTAMP.test(timestamp)) throw new Refused(401, 'invalid timestamp');
    const seconds = Number(timestamp);
    if (Math.abs(seconds * 1000 - now()) > windowMs) throw new Refused(401, 'timestamp outside the accepted window');
    return seconds;
  };

  // Every request passes here: one not for us goes on without an async frame of this layer's.
  return (ctx: Context, next: Next) => {
    const appid = accountOf(ctx.path);
    return appid ? answer(ctx, appid) : next();
  };
  async function answer(ctx: Context, appid: string) {
    const q = ctx.query as Record<string, string | string[] | undefined>;
    const param = (name: string) => (typeof q[name] === 'string' ? (q[name] as string) : '');
    const timestamp = param('timestamp');
    const nonce = param('nonce');
    try {
      if (ctx.method === 'GET') {
        freshTimestamp(timestamp);
        if (!signatureMatches(crypto.signature(timestamp, nonce), q.signature))
          throw new Refused(401, 'invalid signature');
        ctx.type = 'text/plain';
        ctx.body = param('echostr');
        return;
      }
      if (ctx.method !== 'POST') throw new Refused(405, 'method not allowed');
      const sentAt = freshTimestamp(timestamp);
      const encrypted = mode === 'safe' || (mode === 'compatible' && param('encrypt_type') === 'aes');
      if (encrypted && (param('encrypt_type') !== 'aes' || !param('msg_signature')))
        throw new Refused(401, 'encrypted pushes only');
      // A plain push's signature covers no body: check it before reading one.
      if (!encrypted && !signatureMatches(crypto.signature(timestamp, nonce), q.signature))
        throw new Refused(401, 'invalid signature');
      const raw = await readCapped(ctx);
      const xml = encrypted ? decrypted(raw, appid, timestamp, nonce, param('msg_signature')) : parseWechatXmlTree(raw);
      const msg = textFields(xml) as PushMessage;
      if (!msg.FromUserName || !msg.MsgType) throw new Refused(400, 'bad request');

      const reply = await once(msg, { appid, xml }, sentAt);
      ctx.type = 'text/plain';
      ctx.body = reply ? wrap(reply, msg, appid, encrypted, nonce) : 'success';
    } catch (err) {
      const refusal =
        err instanceof Refused
          ? err
          : err instanceof HostileXmlError || err instanceof DecryptError
            ? new Refused(400, 'bad request')
            : undefined;
      if (!refusal) throw err;
      if (refusal.status !== 405)
        logger.warn({ reason: err instanceof Error ? err.message : '', mode, path: ctx.path }, 'wechat push refused');
      ctx.status = refusal.status;
      ctx.type = 'text/plain';
      ctx.body = refusal.message;
    }
  }

  /** The inner XML of an encrypted push, once its msg_signature and the appid inside check out. */
  function decrypted(raw: string, appid: string, timestamp: string, nonce: string, msgSignature: string): WechatXml {
    const encrypt = parseWechatXmlTree(raw).Encrypt;
    if (typeof encrypt !== 'string' || !encrypt) throw new Refused(400, 'missing Encrypt');
    if (!signatureMatches(crypto.msgSignature(timestamp, nonce, encrypt), msgSignature))
      throw new Refused(401, 'invalid signature');
    const inner = crypto.decrypt(encrypt);
    if (inner.appid !== appid) throw new Refused(401, 'invalid appid');
    return parseWechatXmlTree(inner.message);
  }

  /**
   * Handles a message once. The mark holds '…' while the first delivery is being handled and
   * then its reply, so a retry gets the same answer; a failed handling forgets the mark so
   * WeChat's next retry tries again. The mark lives until the push's timestamp leaves the
   * window (and a minute more): a replay it no longer stops is refused by the window.
   */
  async function once(msg: PushMessage, push: PushContext, sentAt: number): Promise<PushReply> {
    const key = `wx:push:${push.appid}:${dedupeKey(msg, push.xml)}`;
    const markMs = Math.max(0, sentAt * 1000 + windowMs - now()) + MARK_MARGIN_MS;
    if (!(await cache.setIfAbsent(key, '…', markMs))) {
      const seen = await cache.get(key);
      return seen && seen !== '…' ? ((JSON.parse(seen) as PushReply) ?? undefined) : undefined;
    }
    const work = handlers.dispatch(msg, push).then(
      async (reply) => {
        await cache.set(key, JSON.stringify(reply ?? null), markMs);
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

  function wrap(reply: NonNullable<PushReply>, msg: PushMessage, appid: string, encrypted: boolean, nonce: string) {
    const seconds = Math.floor(now() / 1000);
    const xml = buildWechatXml({
      ToUserName: msg.FromUserName,
      FromUserName: msg.ToUserName ?? '',
      CreateTime: seconds,
      MsgType: 'text',
      Content: reply.content,
    });
    if (!encrypted) return xml;
    const encrypt = crypto.encrypt(xml, appid);
    const ts = String(seconds);
    return buildWechatXml({
      Encrypt: encrypt,
      MsgSignature: crypto.msgSignature(ts, nonce, encrypt),
      TimeStamp: ts,
      Nonce: nonce,
    });
  }
}

/** The raw body; 413 past the cap (checked on Content-Length first, then while reading). */
async function readCapped(ctx: Context): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > MAX_PUSH_BYTES) throw new Refused(413, 'too large');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > MAX_PUSH_BYTES) throw new Refused(413, 'too large');
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof Refused) throw err;
    throw new Refused(400, 'body not readable'); // the sender went away mid-body
  }
  return Buffer.concat(chunks).toString('utf8');
}
