import { createHash } from 'node:crypto';
import { randomToken } from '../../../platform/crypto';
import { notFound } from '../../../platform/errors';
import { enforceRateLimit } from '../../../platform/rate-limit';
import type { Platform } from '../../../platform/platform';
import type { VerifiedImage } from '../../../platform/uploads';
import type { SocialOrgModels } from '../models';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * Evidence photos for a complaint, uploaded one by one before the complaint is filed (as
 * wx.uploadFile works). What is kept is the photo decoded and encoded anew by the platform
 * (no client bytes, no EXIF). An image becomes part of a complaint when the complaint names
 * it; until then only its uploader can use it.
 */
export function makeComplaintImages(p: Platform, m: SocialOrgModels) {
  return {
    /** `read` reads the upload: only once the uploader is within the rate limit. */
    async upload(userId: number, read: () => Promise<VerifiedImage>) {
      await enforceRateLimit(p.cache, `org-complaint-image:${userId}`, 30, 3600_000, '上传过于频繁，请稍后再试');
      const image = await read();
      const row = await m.ComplaintImage.create({
        token: randomToken(24),
        user_id: userId,
        complaint_id: null,
        mime: image.mime,
        size: image.data.length,
        sha256: createHash('sha256').update(image.data).digest('hex'),
        data: image.data,
      });
      return { image: { id: row.token, mime: image.mime, size: row.size } };
    },
    /** The bytes, for the uploader or (via staff routes) for staff allowed to see the complaint. */
    async read(token: string, allowed: (img: { user_id: number; complaint_id: number | null }) => Promise<boolean>) {
      const img = await m.ComplaintImage.findOne({ where: { token } });
      if (!img || !(await allowed(img))) throw notFound('未找到该图片');
      return { mime: img.mime, data: img.data };
    },
  };
}
