/**
 * The one error the WeChat layer throws. `errcode` is WeChat's; -1 ("system busy") also stands
 * for network failures and timeouts. Messages never carry secrets, tokens or URLs.
 */
export class WechatError extends Error {
  readonly errcode: number;
  readonly errmsg: string;

  constructor(errcode: number, errmsg: string) {
    super(`WeChat error ${errcode}: ${errmsg}`);
    this.name = 'WechatError';
    this.errcode = errcode;
    this.errmsg = errmsg;
  }
}

/** Answers meaning "this access_token is no good": refresh once, retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

export const isTokenError = (err: unknown): err is WechatError =>
  err instanceof WechatError && TOKEN_ERRCODES.has(err.errcode);
