/** errmsg texts as WeChat words them (the part before its " rid: …" suffix). */
export const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40226: 'high risk user',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  48001: 'api unauthorized',
};

/**
 * Thrown inside handlers to answer `{errcode, errmsg}`. WeChat answers errors with HTTP 200;
 * only our /dev helpers use another status.
 */
export class SimError extends Error {
  constructor(
    public errcode: number,
    errmsg?: string,
    public status = 200,
  ) {
    super(errmsg ?? ERRMSG[errcode] ?? 'error');
  }
}
