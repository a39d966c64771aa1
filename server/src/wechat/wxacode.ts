/**
 * `wxa/getwxacodeunlimit`: the mini-program code for a scene. It answers image bytes on
 * success and a JSON error otherwise, which the JSON transport cannot read, so it has its own
 * small binary call (still with the token manager's refresh-once/retry-once).
 */
import { WechatError } from './errors';
import type { TokenManager } from './token-manager';

export interface UnlimitedCodeRequest {
  scene: string;
  /** Without leading '/' and without a query string. */
  page?: string;
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
  width?: number;
  isHyaline?: boolean;
}

export function createWxaCode(tokens: TokenManager, base: () => string, appid: string, timeoutMs = 10_000) {
  return async function getUnlimitedCode(req: UnlimitedCodeRequest): Promise<Buffer> {
    const body = {
      scene: req.scene,
      ...(req.page ? { page: req.page } : {}),
      ...(req.checkPath === undefined ? {} : { check_path: req.checkPath }),
      ...(req.envVersion ? { env_version: req.envVersion } : {}),
      ...(req.width ? { width: req.width } : {}),
      ...(req.isHyaline ? { is_hyaline: true } : {}),
    };
    return tokens.withToken(appid, async (token) => {
      let res: Response;
      try {
        res = await fetch(`${base()}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new WechatError(
          -1,
          `system busy (${(err as Error).name === 'TimeoutError' ? 'timeout' : 'network error'})`,
        );
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      if ((res.headers.get('content-type') ?? '').includes('json') || bytes[0] === 0x7b) {
        let err: { errcode?: number; errmsg?: string } = {};
        try {
          err = JSON.parse(bytes.toString('utf8'));
        } catch {
          /* unreadable */
        }
        throw new WechatError(
          typeof err.errcode === 'number' ? err.errcode : -1,
          String(err.errmsg ?? 'unreadable response'),
        );
      }
      if (!res.ok || bytes.length < 8) throw new WechatError(-1, `system busy (HTTP ${res.status})`);
      return bytes;
    });
  };
}
