/**
 * Permanent material: `material/add_material?type=image`, one image uploaded to one account
 * (what a draft's thumb_media_id names). A multipart upload, which the JSON transport cannot
 * send, so it has its own small call, still through the token manager's refresh-once/retry-once.
 */
import { WechatError } from './errors';
import type { TokenManager } from './token-manager';

export interface Material {
  /** Uploads an image to `appid`'s permanent material; its media_id is that account's alone. */
  addImage(
    appid: string,
    image: Buffer,
    filename: string,
    contentType: string,
  ): Promise<{ mediaId: string; url: string }>;
}

export function createMaterial(tokens: TokenManager, base: () => string, timeoutMs = 30_000): Material {
  return {
    addImage(appid, image, filename, contentType) {
      return tokens.withToken(appid, async (token) => {
        const form = new FormData();
        form.append('media', new Blob([image], { type: contentType }), filename);
        let res: Response;
        try {
          res = await fetch(
            `${base()}/cgi-bin/material/add_material?access_token=${encodeURIComponent(token)}&type=image`,
            {
              method: 'POST',
              body: form,
              signal: AbortSignal.timeout(timeoutMs),
            },
          );
        } catch (err) {
          throw new WechatError(
            -1,
            `system busy (${(err as Error).name === 'TimeoutError' ? 'timeout' : 'network error'})`,
          );
        }
        let r: { errcode?: unknown; errmsg?: unknown; media_id?: unknown; url?: unknown };
        try {
          r = (await res.json()) as typeof r;
        } catch {
          throw new WechatError(-1, `system busy (HTTP ${res.status}, unreadable response)`);
        }
        if (typeof r.errcode === 'number' && r.errcode !== 0) throw new WechatError(r.errcode, String(r.errmsg ?? ''));
        if (typeof r.media_id !== 'string')
          throw new WechatError(-1, 'system busy (add_material answer without media_id)');
        return { mediaId: r.media_id, url: typeof r.url === 'string' ? r.url : '' };
      });
    },
  };
}
