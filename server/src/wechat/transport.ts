/// <reference path="./co-wechat-api.d.ts" />
/**
 * The only file that touches node-webot's co-wechat-api. We use its transport (httpx with
 * timeouts, json-bigint so int64 ids such as template msgids stay exact) and its ready-made
 * API methods, but never its token handling: it is built with `tokenFromCustom`, and each call
 * gets a throw-away view carrying the base URL, credentials and token of that one call, so
 * concurrent calls for different apps or tokens never share mutable state.
 */
import API from 'co-wechat-api';
import { WechatError } from './errors';

/** What a per-call view offers: the library's methods (loosely typed) plus its request(). */
export interface LibraryView {
  request(url: string, opts?: Record<string, unknown>): Promise<unknown>;
  code2Session(jsCode: string): Promise<unknown>;
  [method: string]: unknown;
}

export interface ViewOptions {
  apiBase: string;
  appid?: string;
  secret?: string;
  token?: string;
}

export interface Transport {
  /** GET (no body) or POST JSON; resolves with the parsed answer, throws WechatError. */
  json<T = Record<string, unknown>>(url: string, body?: unknown): Promise<T>;
  /** Runs one library method on a fresh view; its errors become WechatError. */
  run<T>(view: ViewOptions, fn: (lib: LibraryView) => Promise<unknown>): Promise<T>;
}

export function createTransport(opts: { timeoutMs?: number } = {}): Transport {
  const lib = new API('', '', undefined, undefined, true);
  lib.setOpts({ timeout: opts.timeoutMs ?? 5000 });

  const view = (v: ViewOptions): LibraryView => {
    const base = v.apiBase.replace(/\/+$/, '');
    return Object.assign(Object.create(lib), {
      appid: v.appid ?? '',
      appsecret: v.secret ?? '',
      prefix: `${base}/cgi-bin/`,
      snsPrefix: `${base}/sns/`,
      wxaPrefix: `${base}/wxa/`,
      mpPrefix: `${base}/cgi-bin/`,
      fileServerPrefix: `${base}/cgi-bin/`,
      customservicePrefix: `${base}/customservice/`,
      // The library asks for a token through this; the manager already chose it for this call.
      getToken: async () => ({ accessToken: v.token ?? '', expireTime: Date.now() + 60_000 }),
    });
  };

  const run = async <T>(v: ViewOptions, fn: (lib: LibraryView) => Promise<unknown>): Promise<T> => {
    try {
      return normalize(await fn(view(v))) as T;
    } catch (err) {
      throw toWechatError(err);
    }
  };

  return {
    json: <T>(url: string, body?: unknown) =>
      run<T>({ apiBase: '' }, async (l) => {
        const res = await l.request(
          url,
          body === undefined
            ? { method: 'GET', headers: { Accept: 'application/json' } }
            : {
                method: 'POST',
                data: JSON.stringify(body),
                headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
              },
        );
        if (!res || typeof res !== 'object' || Buffer.isBuffer(res))
          throw new WechatError(-1, 'system busy (unexpected response)');
        return res;
      }),
    run,
  };
}

/** Library and network errors → WechatError, keeping WeChat's errcode but never a URL (it holds secrets). */
function toWechatError(err: unknown): WechatError {
  if (err instanceof WechatError) return err;
  const e = err as { name?: string; code?: unknown; message?: string };
  if (e?.name === 'WeChatAPIError' && typeof e.code === 'number')
    return new WechatError(e.code, String(e.message ?? ''));
  const status = /status code: (\d{3})/.exec(e?.message ?? '')?.[1];
  const reason = status
    ? `HTTP ${status}`
    : /timeout/i.test(`${e?.name} ${e?.message}`)
      ? 'timeout'
      : typeof e?.code === 'string' && /^E[A-Z_]+$/.test(e.code)
        ? e.code
        : e?.name === 'WeChatAPIError'
          ? 'unreadable response'
          : 'network error';
  return new WechatError(-1, `system busy (${reason})`);
}

/** json-bigint answers BigNumber for ints beyond 2^53; we hand out exact decimal strings. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    if ((v as { _isBigNumber?: boolean })._isBigNumber) return (v as { toFixed(): string }).toFixed();
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  }
  return v;
}
