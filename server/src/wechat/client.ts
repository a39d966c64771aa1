/**
 * Our WeChat client: the only way the rest of the server talks to WeChat. Tokens always come
 * from our TokenManager; base URLs from configuration (a function: in embedded mode the
 * simulator's address is known only once the server listens).
 */
import type { Config } from '../../../config';
import type { Cache } from '../platform/cache';
import { WechatError } from './errors';
import { createFreepublish, type Freepublish } from './freepublish';
import { createMaterial, type Material } from './material';
import { TokenManager, type SecretResolver } from './token-manager';
import { createTransport, type Transport } from './transport';
import { createWxaCode, type UnlimitedCodeRequest } from './wxacode';

export { WechatError } from './errors';

export interface Wechat {
  tokens: TokenManager;
  /** Publishing APIs of any public account we hold credentials for (content-matrix members). */
  freepublish: Freepublish;
  /** Permanent material (images a draft names as its cover) of any public account we hold credentials for. */
  material: Material;
  mini: {
    /** Exchanges a wx.login() code; each code works once (40029), 45011 when a user logs in too often. */
    code2Session(code: string): Promise<{ openid: string; unionid?: string; sessionKey: string }>;
    /** Exchanges the getPhoneNumber button's code. */
    getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>;
    /** `wxa/getwxacodeunlimit`: the image bytes of a mini-program code for a scene (40169 bad scene). */
    getUnlimitedCode(req: UnlimitedCodeRequest): Promise<Buffer>;
    /** One subscribe message; spends a consent the user gave with requestSubscribeMessage (43101 without). */
    sendSubscribe(msg: SubscribeMessage): Promise<void>;
  };
  /** The public account (服务号). */
  mp: {
    /** Template message; msgid is WeChat's int64 as an exact decimal string. */
    sendTemplate(msg: TemplateMessage): Promise<{ msgid: string }>;
    createQrcode(
      scene: string,
      opts?: { expireSeconds?: number },
    ): Promise<{ ticket: string; url: string; expireSeconds?: number }>;
    /** A follower's profile: whether they still follow, and their unionid when the account is bound. */
    userInfo(openid: string): Promise<{ subscribed: boolean; unionid?: string }>;
    createMenu(menu: { button: unknown[] }): Promise<void>;
    tags: {
      create(name: string): Promise<{ id: number; name: string }>;
      list(): Promise<Array<{ id: number; name: string; count: number }>>;
      tagUsers(tagId: number, openids: string[]): Promise<void>;
      untagUsers(tagId: number, openids: string[]): Promise<void>;
    };
  };
}

export interface TemplateMessage {
  touser: string;
  template_id: string;
  url?: string;
  miniprogram?: { appid: string; pagepath: string };
  client_msg_id?: string;
  data: Record<string, { value: string }>;
}

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: string;
  data: Record<string, { value: string }>;
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
    material: createMaterial(tokens, base),
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
        const r = await api.post<{
          phone_info?: { phoneNumber: string; purePhoneNumber: string; countryCode: string };
        }>(mini.appid, '/wxa/business/getuserphonenumber', { code });
        const info = r.phone_info;
        if (!info || typeof info.phoneNumber !== 'string')
          throw new WechatError(-1, 'system busy (answer without phone_info)');
        return {
          phoneNumber: info.phoneNumber,
          purePhoneNumber: info.purePhoneNumber,
          countryCode: String(info.countryCode),
        };
      },

      async sendSubscribe(msg) {
        await api.post(mini.appid, '/cgi-bin/message/subscribe/send', msg);
      },
    },

    mp: {
      async sendTemplate(msg) {
        const r = await api.post<{ msgid?: unknown }>(mp.appid, '/cgi-bin/message/template/send', msg);
        if (typeof r.msgid !== 'string' && typeof r.msgid !== 'number')
          throw new WechatError(-1, 'system busy (answer without msgid)');
        return { msgid: String(r.msgid) };
      },

      async createQrcode(scene, qopts = {}) {
        const body = qopts.expireSeconds
          ? {
              expire_seconds: qopts.expireSeconds,
              action_name: 'QR_STR_SCENE',
              action_info: { scene: { scene_str: scene } },
            }
          : { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: scene } } };
        const r = await api.post<{ ticket?: string; url?: string; expire_seconds?: number }>(
          mp.appid,
          '/cgi-bin/qrcode/create',
          body,
        );
        if (typeof r.ticket !== 'string') throw new WechatError(-1, 'system busy (answer without ticket)');
        return {
          ticket: r.ticket,
          url: String(r.url ?? ''),
          ...(r.expire_seconds ? { expireSeconds: r.expire_seconds } : {}),
        };
      },

      async userInfo(openid) {
        const r = await api.get<{ subscribe?: number; unionid?: string }>(mp.appid, '/cgi-bin/user/info', {
          openid,
          lang: 'zh_CN',
        });
        return { subscribed: r.subscribe === 1, ...(typeof r.unionid === 'string' ? { unionid: r.unionid } : {}) };
      },

      async createMenu(menu) {
        await api.post(mp.appid, '/cgi-bin/menu/create', menu);
      },

      tags: {
        async create(name) {
          const r = await api.post<{ tag?: { id: number; name: string } }>(mp.appid, '/cgi-bin/tags/create', {
            tag: { name },
          });
          if (!r.tag) throw new WechatError(-1, 'system busy (answer without tag)');
          return { id: Number(r.tag.id), name: r.tag.name };
        },
        async list() {
          const r = await api.get<{ tags?: Array<{ id: number; name: string; count: number }> }>(
            mp.appid,
            '/cgi-bin/tags/get',
          );
          return (r.tags ?? []).map((t) => ({ id: Number(t.id), name: t.name, count: Number(t.count) }));
        },
        async tagUsers(tagId, openids) {
          await api.post(mp.appid, '/cgi-bin/tags/members/batchtagging', { openid_list: openids, tagid: tagId });
        },
        async untagUsers(tagId, openids) {
          await api.post(mp.appid, '/cgi-bin/tags/members/batchuntagging', { openid_list: openids, tagid: tagId });
        },
      },
    },
  };
}

/** Calls of APIs that take `?access_token=`, through the token manager's refresh-once/retry-once. */
class AppApi {
  constructor(
    private transport: Transport,
    private tokens: TokenManager,
    private base: () => string,
  ) {}

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
