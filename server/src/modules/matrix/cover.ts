/**
 * A distribution's cover. WeChat refuses a draft without one (thumb_media_id, an image of the
 * receiving account), so every distribution keeps its cover's bytes: the editor's upload, else
 * the aggregated article's own cover fetched from its URL, else the cover shipped with us.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { badRequest } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { sniffImage } from '../../platform/uploads';
import type { CoverRow } from './models';

/** WeChat's limit for a permanent image. */
export const MAX_COVER_BYTES = 10 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 5000;

export interface CoverImage {
  origin: CoverRow['origin'];
  mime: string;
  data: Buffer;
}

let defaultCover: Buffer | undefined;
export function defaultCoverImage(): CoverImage {
  defaultCover ??= readFileSync(join(__dirname, 'assets', 'default-cover.png'));
  return { origin: 'default', mime: 'image/png', data: defaultCover };
}

/** The image type its first bytes say (as WeChat judges an upload), never its name. */
export function imageMimeOf(b: Buffer): string | undefined {
  return sniffImage(b, ['image/jpeg', 'image/png', 'image/gif', 'image/bmp']) ?? undefined;
}

export const extensionOf = (mime: string) =>
  ({ 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/bmp': 'bmp' })[mime] ?? 'img';

/** The editor's cover, sent as base64 (a data: URL prefix is allowed): 400 unless an image WeChat takes. */
export function uploadedCover(base64: string): CoverImage {
  const body = base64.replace(/^data:[\w/+.-]+;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body))
    throw badRequest('COVER_INVALID', '封面图片应为 base64 编码的 JPG、PNG、GIF 或 BMP 图片', {
      'article.cover': '封面图片格式不正确',
    });
  const data = Buffer.from(body, 'base64');
  if (data.length > MAX_COVER_BYTES)
    throw badRequest('COVER_TOO_LARGE', '封面图片不能超过 10MB', { 'article.cover': '封面图片不能超过 10MB' });
  const mime = imageMimeOf(data);
  if (!mime)
    throw badRequest('COVER_INVALID', '封面图片应为 JPG、PNG、GIF 或 BMP 格式', {
      'article.cover': '封面图片格式不正确',
    });
  return { origin: 'upload', mime, data };
}

/**
 * An aggregated article's cover, fetched from the URL its account published it with; the
 * shipped cover when there is none or it cannot be had (the distribution still goes out).
 */
export async function sourceCover(p: Platform, url: string | null): Promise<CoverImage> {
  if (!url || !/^https?:\/\//.test(url)) return defaultCoverImage();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    if (Number(res.headers.get('content-length') ?? 0) > MAX_COVER_BYTES) throw new Error('too large');
    const data = Buffer.from(await res.arrayBuffer());
    const mime = imageMimeOf(data);
    if (!mime || data.length > MAX_COVER_BYTES) throw new Error('not an image WeChat takes');
    return { origin: 'source', mime, data };
  } catch (err) {
    p.logger.warn({ err: (err as Error).message }, 'matrix: source cover unavailable, using the default cover');
    return defaultCoverImage();
  }
}
