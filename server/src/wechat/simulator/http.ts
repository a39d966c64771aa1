import type { Context, Next } from 'koa';
import { SimError } from './errors';
import type { SimulatorState, TokenRecord } from './state';

const MAX_BODY = 1024 * 1024;

/**
 * WeChat reads POST bodies as JSON whatever the content type says. When the host app already
 * ran a body parser before mounting us, its result is used (the stream is then consumed).
 */
export async function readJson(ctx: Context, opts: { optional?: boolean } = {}): Promise<Record<string, unknown>> {
  const parsed = (ctx.request as { body?: unknown }).body;
  if (parsed !== undefined && typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SimError(47001);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) {
    if (opts.optional) return {};
    throw new SimError(44002);
  }
  try {
    const body = JSON.parse(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    return body;
  } catch {
    throw new SimError(47001);
  }
}

/** Turns SimError into WeChat's `{errcode, errmsg}`; anything else is WeChat's "system error". */
export function errors() {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (err) {
      const e = err instanceof SimError ? err : new SimError(-1);
      ctx.status = e.status;
      ctx.body = { errcode: e.errcode, errmsg: e.message };
    }
  };
}

/** Counts every WeChat-API call (not /dev) and applies injected faults before the real handler. */
export function countAndFault(state: SimulatorState) {
  return async (ctx: Context, next: Next) => {
    if (ctx.path.startsWith('/dev/')) return next();
    state.count(ctx.path);
    const token = ctx.query.access_token;
    const appid =
      typeof ctx.query.appid === 'string'
        ? ctx.query.appid
        : typeof token === 'string'
          ? state.tokens.get(token)?.appid
          : undefined;
    const fault = state.takeFault(ctx.path, appid);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.errcode !== undefined) throw new SimError(fault.errcode, fault.errmsg);
    return next();
  };
}

/** Any API taking `?access_token=` validates it first; `type` rejects the other kind of account (48001). */
export function requireToken(state: SimulatorState, type?: 'mini' | 'mp') {
  return async (ctx: Context, next: Next) => {
    const rec: TokenRecord = state.checkToken(ctx.query.access_token);
    const app = state.apps.get(rec.appid);
    if (type && app?.type && app.type !== type) throw new SimError(48001);
    ctx.state.wxToken = rec;
    return next();
  };
}
