/**
 * Our WeChat client: the only way the rest of the server talks to WeChat. Tokens always come
 * from our TokenManager; base URLs from configuration (a function: in embedded mode the
 * simulator's address is known only once the server listens).
 */
import type { Config } from '../../../config';
import type { Cache } from '../platform/cache';
import { WechatError } from './errors';
import { createFreepublish, type Freepublish } from './freepublish';
import { TokenManager, type SecretResolver } from './token-manager';
import { createTransport, type Transport } from './transport';
import { createWxaCode, type UnlimitedCodeRequest } from './wxacode';

export { WechatError } from './errors';

export interface Wechat {
  tokens: TokenManager;
  /** Publishing APIs of any public account we hold credentials for (content-matrix members). */
  freepublish: Freepublish;
  mini: {
    /** Exchanges a wx.login() code; each code works once (40029), 45011 when a user logs in too often. */
    code2Session(code: string): Promise<{ openid: string; unionid?: string; sessionKey: string }>;
    /** Exchanges the getPhoneNumber button's code. */
    getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>;
    /** `wxa/getwxacodeunlimit`: the image bytes of a mini-program code for a scene (40169 bad scene). */
    getUnlimitedCode(req: UnlimitedCodeRequest): Promise<Buffer>;
  };
}

export interface WechatOptions {
  config: Config;
  cache: Cache;
  apiBase: () => string;
  /** Secrets of appids added at run time (content-matrix members…). */
  resolveSecret?: SecretResolver;
  timeoutMs?: number;
}

export function createWechat(opts: WechatOptions): Wechat {
  const { mini, mp } = opts.config.wechat;
  const transport = createTransport({ timeoutMs: opts.timeoutMs });
  const tokens = new TokenManager({
    cache: opts.cache,
    apiBase: opts.apiBase,
    apps: [mini, mp],
    resolveSecret: opts.resolveSecret,
    timeoutMs: opts.timeoutMs,
    transport,
  });
  const base = () => opts.apiBase().replace(/\/+$/, '');
  const api = new AppApi(transport, tokens, base);

  return {
    tokens,
    freepublish: createFreepublish(tokens, transport, base),
    mini: {
      getUnlimitedCode: createWxaCode(tokens, base, mini.appid, opts.timeoutMs),

      async code2Session(code) {
        if (typeof code !== 'string' || !code) throw new WechatError(41008, 'missing code');
        const r = await transport.run<{ openid?: unknown; unionid?: unknown; session_key?: unknown }>(
          { apiBase: base(), appid: mini.appid, secret: mini.secret },
          (lib) => lib.code2Session(code),
        );
        if (typeof r.openid !== 'string' || typeof r.session_key !== 'string') {
          throw new WechatError(-1, 'system busy (jscode2session answer without openid)');
        }
        return {
          openid: r.openid,
          sessionKey: r.session_key,
          ...(typeof r.unionid === 'string' ? { unionid: r.unionid } : {}),
        };
      },

      async getPhoneNumber(code) {
        if (typeof code !== 'string' || !code) throw new WechatError(41008, 'missing code');
        const r = await api.post<{ phone_info?: { phoneNumber: string; purePhoneNumber: string; countryCode: string } }>(
          mini.appid, '/wxa/business/getuserphonenumber', { code });
        const info = r.phone_info;
        if (!info || typeof info.phoneNumber !== 'string') throw new WechatError(-1, 'system busy (answer without phone_info)');
        return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode) };
      },
    },
  };
}

/** Calls of APIs that take `?access_token=`, through the token manager's refresh-once/retry-once. */
class AppApi {
  constructor(private transport: Transport, private tokens: TokenManager, private base: () => string) {}

  get<T>(appid: string, path: string, query: Record<string, string> = {}): Promise<T> {
    return this.tokens.withToken(appid, (token) => this.transport.json<T>(this.url(path, token, query)));
  }

  post<T>(appid: string, path: string, body: unknown, query: Record<string, string> = {}): Promise<T> {
    return this.tokens.withToken(appid, (token) => this.transport.json<T>(this.url(path, token, query), body));
  }

  private url(path: string, token: string, query: Record<string, string>): string {
    const qs = new URLSearchParams({ ...query, access_token: token });
    return `${this.base()}${path}?${qs}`;
  }
}
