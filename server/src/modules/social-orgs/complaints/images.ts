import { createHash } from 'node:crypto';
import { randomToken } from '../../../platform/crypto';
import { badRequest, notFound } from '../../../platform/errors';
import { enforceRateLimit } from '../../../platform/rate-limit';
import type { Platform } from '../../../platform/platform';
import type { SocialOrgModels } from '../models';
import { sniffImage, type UploadedFile } from '../multipart';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * Evidence photos for a complaint, uploaded one by one before the complaint is filed (as
 * wx.uploadFile works). The type comes from the bytes, not the name. An image becomes part
 * of a complaint when the complaint names it; until then only its uploader can use it.
 */
export function makeComplaintImages(p: Platform, m: SocialOrgModels) {
  return {
    async upload(userId: number, file: UploadedFile) {
      await enforceRateLimit(p.cache, `org-complaint-image:${userId}`, 30, 3600_000, '上传过于频繁，请稍后再试');
      const mime = sniffImage(file.data);
      if (!mime) throw badRequest('UNSUPPORTED_IMAGE', '仅支持 JPG、PNG、WEBP 格式的图片');
      const row = await m.ComplaintImage.create({
        token: randomToken(24),
        user_id: userId,
        complaint_id: null,
        mime,
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
      });
      return { image: { id: row.token, mime, size: row.size } };
    },
    /** The bytes, for the uploader or (via staff routes) for staff allowed to see the complaint. */
    async read(token: string, allowed: (img: { user_id: number; complaint_id: number | null }) => Promise<boolean>) {
      const img = await m.ComplaintImage.findOne({ where: { token } });
      if (!img || !(await allowed(img))) throw notFound('未找到该图片');
      return { mime: img.mime, data: img.data };
    },
  };
}
