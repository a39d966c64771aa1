import { createHash } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { randomToken } from '../../platform/crypto';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { Platform } from '../../platform/platform';
import { type UploadedFile, reencodeImage, sniff } from '../../platform/uploads';
import { materialNotFoundError, unsupportedMaterialError } from './errors';
import type { AssistanceModels } from './models';

export const MAX_MATERIAL_BYTES = 5 * 1024 * 1024;

/** A PDF as its bytes say: the header first, the end-of-file marker in its last kilobyte. */
function isPdf(data: Buffer): boolean {
  if (data.length < 64 || data.toString('latin1', 0, 5) !== '%PDF-') return false;
  return data.toString('latin1', Math.max(0, data.length - 1024)).includes('%%EOF');
}

/**
 * Materials (户口簿, 病历, 残疾证 …) uploaded one by one before the application names them, as
 * wx.uploadFile works. Images are decoded and encoded anew (no EXIF, no trailing bytes); a PDF
 * must be one by its bytes; anything else is refused whatever its name says.
 */
export function makeMaterials(p: Platform, m: AssistanceModels) {
  return {
    async upload(userId: number, label: string, read: () => Promise<UploadedFile>) {
      await enforceRateLimit(p.cache, `assistance-material:${userId}`, 60, 3600_000, '上传过于频繁，请稍后再试');
      const file = await read();
      let mime: string;
      let data: Buffer;
      const type = sniff(file.data);
      if (type === 'image/jpeg' || type === 'image/png' || type === 'image/webp') {
        const image = await reencodeImage(file.data);
        mime = image.mime;
        data = image.data;
      } else if (isPdf(file.data)) {
        mime = 'application/pdf';
        data = file.data;
      } else throw unsupportedMaterialError();
      const row = await m.Material.create({
        token: randomToken(24),
        user_id: userId,
        application_id: null,
        report_id: null,
        label,
        mime,
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        data,
        created_at: p.clock.date(),
      });
      return { material: { id: row.token, label, mime, size: row.size } };
    },
    /** Names the uploader's unattached materials as the application's; any other id refuses all. */
    async attach(userId: number, applicationId: number, tokens: string[], transaction: Transaction) {
      if (!tokens.length) return;
      const unique = [...new Set(tokens)];
      const [count] = await m.Material.update(
        { application_id: applicationId },
        { where: { token: { [Op.in]: unique }, user_id: userId, application_id: null, report_id: null }, transaction },
      );
      if (count !== unique.length) throw materialNotFoundError();
    },
    /** Names the uploader's unattached materials as a report's evidence; any other id refuses all. */
    async attachToReport(userId: number, reportId: number, tokens: string[], transaction: Transaction) {
      if (!tokens.length) return;
      const unique = [...new Set(tokens)];
      const [count] = await m.Material.update(
        { report_id: reportId },
        { where: { token: { [Op.in]: unique }, user_id: userId, application_id: null, report_id: null }, transaction },
      );
      if (count !== unique.length) throw materialNotFoundError();
    },
    async listForReport(reportId: number) {
      const rows = await m.Material.findAll({
        where: { report_id: reportId },
        attributes: ['token', 'label', 'mime', 'size'],
        order: [['id', 'ASC']],
      });
      return rows.map((r) => ({ id: r.token, label: r.label, mime: r.mime, size: r.size }));
    },
    async readOfReport(reportId: number, token: string) {
      const row = await m.Material.findOne({ where: { token, report_id: reportId } });
      if (!row) throw materialNotFoundError();
      return row;
    },
    async listFor(applicationId: number) {
      const rows = await m.Material.findAll({
        where: { application_id: applicationId },
        attributes: ['token', 'label', 'mime', 'size', 'created_at'],
        order: [['id', 'ASC']],
      });
      return rows.map((r) => ({ id: r.token, label: r.label, mime: r.mime, size: r.size, uploadedAt: r.created_at }));
    },
    async read(applicationId: number, token: string) {
      const row = await m.Material.findOne({ where: { token, application_id: applicationId } });
      if (!row) throw materialNotFoundError();
      return row;
    },
  };
}

export type Materials = ReturnType<typeof makeMaterials>;
