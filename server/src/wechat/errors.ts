/**
 * WeChat's error codes, given meaning in one place. Modules never read an errcode: they ask
 * `wechatErrorOf(err)` what happened (a named condition, its class, a Chinese reason) and map
 * that onto their own errors — or use `wechatAppError` when a staff member just needs to know
 * that WeChat refused or is unavailable. docs/wechat.md lists the same table.
 */
import { AppError } from '../platform/errors';

/** The one error the WeChat layer throws. -1 ("system busy") also stands for network failures and timeouts. */
export class WechatError extends Error {
  readonly errcode: number;
  readonly errmsg: string;

  constructor(errcode: number, errmsg: string) {
    // Messages never carry secrets, tokens or URLs.
    super(`WeChat error ${errcode}: ${errmsg}`);
    this.name = 'WechatError';
    this.errcode = errcode;
    this.errmsg = errmsg;
  }
}

/**
 * What the caller can do about it:
 * - `token`: the access_token is no good — refresh it once and retry once (the token manager does);
 * - `transient`: WeChat is busy or out of today's quota — the same call may succeed later;
 * - `permanent`: our request, credentials or configuration is wrong — asking again answers the same;
 * - `user`: about the WeChat user (their code, consent, following, risk status) — only they can change it.
 */
export type WechatErrorClass = 'token' | 'transient' | 'permanent' | 'user';

/** Named conditions: several errcodes can mean the same thing to us (40029 and 40163: a spent login code). */
export type WechatCondition =
  | 'system-busy'
  | 'token-invalid'
  | 'token-missing'
  | 'credentials-invalid'
  | 'ip-not-whitelisted'
  | 'daily-quota'
  | 'too-frequent'
  | 'code-invalid'
  | 'risky-user'
  | 'openid-invalid'
  | 'not-following'
  | 'no-subscribe-consent'
  | 'template-invalid'
  | 'template-data-invalid'
  | 'media-invalid'
  | 'api-unauthorized'
  | 'publish-check-failed'
  | 'scene-invalid'
  | 'page-invalid'
  | 'request-invalid'
  | 'unknown';

export interface WechatErrorInfo {
  errcode: number;
  condition: WechatCondition;
  class: WechatErrorClass;
  /** What happened, in Chinese, for staff (matrix deliveries, the notice outbox, logs). */
  reason: string;
  /** What a citizen is told, where a citizen meets this error. */
  citizenMessage?: string;
  /** WeChat's daily quotas reset at midnight Beijing time: retrying sooner only burns calls. */
  retryAfter?: 'next-beijing-day';
}

type Entry = Omit<WechatErrorInfo, 'errcode'>;

const entry = (
  condition: WechatCondition,
  cls: WechatErrorClass,
  reason: string,
  extra: Partial<Entry> = {},
): Entry => ({
  condition,
  class: cls,
  reason,
  ...extra,
});

const BUSY = entry('system-busy', 'transient', '微信接口超时或暂不可用', {
  citizenMessage: '微信服务暂时不可用，请稍后再试',
});
const TOKEN = entry('token-invalid', 'token', '访问令牌失效');
const CODE_SPENT = entry('code-invalid', 'user', '登录凭证无效或已使用', {
  citizenMessage: '登录凭证已失效，请重新进入小程序',
});
const CREDENTIALS = (reason: string) => entry('credentials-invalid', 'permanent', reason);
const REQUEST = (reason: string) => entry('request-invalid', 'permanent', reason);

/** errcode → meaning. Codes WeChat documents for the APIs we call; anything else is `unknown` (permanent). */
export const WECHAT_ERRORS: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [-1, BUSY],
  // 40001 also answers a token request whose AppSecret is wrong (the token endpoint's "invalid credential").
  [40001, TOKEN],
  [40014, TOKEN],
  [42001, TOKEN],
  [41001, entry('token-missing', 'permanent', '请求缺少访问令牌')],
  [40002, REQUEST('授权类型无效')],
  [40013, CREDENTIALS('AppID 无效')],
  [40125, CREDENTIALS('AppSecret 不正确')],
  [41002, CREDENTIALS('缺少 AppID')],
  [41004, CREDENTIALS('缺少 AppSecret')],
  [40164, entry('ip-not-whitelisted', 'permanent', '本服务器 IP 未加入公众号白名单')],
  [45009, entry('daily-quota', 'transient', '接口调用次数已达今日上限', { retryAfter: 'next-beijing-day' })],
  // Per user for a login (100 a minute), per account for other APIs: either way, later works.
  [
    45011,
    entry('too-frequent', 'transient', '调用过于频繁', {
      citizenMessage: '登录过于频繁，请稍后再试',
    }),
  ],
  [40029, CODE_SPENT],
  [40163, CODE_SPENT],
  [
    40226,
    entry('risky-user', 'user', '微信判定该用户存在风险', {
      citizenMessage: '您的微信账号暂时无法登录，请联系客服',
    }),
  ],
  [40003, entry('openid-invalid', 'user', '用户标识无效')],
  [43004, entry('not-following', 'user', '用户未关注公众号')],
  [43101, entry('no-subscribe-consent', 'user', '用户未授权订阅消息')],
  [40037, entry('template-invalid', 'permanent', '模板无效')],
  [47003, entry('template-data-invalid', 'permanent', '模板数据不合规')],
  [40007, entry('media-invalid', 'permanent', '素材不存在')],
  [48001, entry('api-unauthorized', 'permanent', '公众号未获得该接口权限')],
  [53503, entry('publish-check-failed', 'permanent', '该草稿未通过发布检查')],
  [40169, entry('scene-invalid', 'permanent', '二维码场景值不合规')],
  [41030, entry('page-invalid', 'permanent', '小程序页面不存在或未发布')],
  [40097, REQUEST('请求参数无效')],
  [44002, REQUEST('请求内容为空')],
  [47001, REQUEST('请求数据格式错误')],
]);

const UNKNOWN: Entry = entry('unknown', 'permanent', '微信接口返回错误');

/** The meaning of an errcode. */
export function wechatErrorInfo(errcode: number): WechatErrorInfo {
  return { errcode, ...(WECHAT_ERRORS.get(errcode) ?? UNKNOWN) };
}

/** The meaning of what a WeChat call threw; undefined when it is not a WeChat error (our own bug). */
export function wechatErrorOf(err: unknown): WechatErrorInfo | undefined {
  return err instanceof WechatError ? wechatErrorInfo(err.errcode) : undefined;
}

/** "AppSecret 不正确（40125）": the reason with its code, for staff and stored records. */
export function wechatReason(err: unknown): string {
  const info = wechatErrorOf(err);
  return info ? `${info.reason}（${info.errcode}）` : '系统错误';
}

/** Answers meaning "this access_token is no good": refresh once, retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set(
  [...WECHAT_ERRORS].filter(([, e]) => e.class === 'token').map(([code]) => code),
);

export const isTokenError = (err: unknown): err is WechatError => wechatErrorOf(err)?.class === 'token';

/**
 * A WeChat failure as a staff member's request answers it, when the module has nothing more
 * specific to say: out of today's quota, temporarily unavailable, or refused (with the reason).
 * Anything that is not a WeChat error passes through unchanged.
 */
export function wechatAppError(err: unknown): Error {
  const info = wechatErrorOf(err);
  if (!info) return err as Error;
  if (info.condition === 'daily-quota')
    return new AppError(503, 'WECHAT_QUOTA', '今日微信接口调用次数已用完，请明天再试');
  if (info.class === 'transient' || info.class === 'token')
    return new AppError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
  return new AppError(502, 'WECHAT_REFUSED', `微信拒绝了此次操作：${info.reason}（错误码 ${info.errcode}）`);
}
