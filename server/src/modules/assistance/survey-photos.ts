import { createHash } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import { enforceRateLimit } from '../../platform/rate-limit';
import { type UploadedFile, reencodeImage, sniff } from '../../platform/uploads';
import { CASE_TYPE_KEYS } from './case-types';
import type { AssistanceDeps } from './deps';
import {
  applicationNotFoundError,
  surveyPhotoMissingError,
  surveyPhotoNotFoundError,
  tooManySurveyPhotosError,
  unsupportedSurveyPhotoError,
} from './errors';

export const MAX_SURVEY_PHOTO_BYTES = 8 * 1024 * 1024;
/** Photos a case may hold that no survey has named yet (bounds what an abandoned form leaves). */
const MAX_PENDING = 30;
const TYPES: string[] = Object.values(CASE_TYPE_KEYS);
const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

/**
 * 入户调查 photos. Only whoever may submit the case's survey now (the engine decides: the
 * named worker at the case's 乡镇, within scope) uploads them; each is decoded and encoded anew
 * (no EXIF: no location, no device). Submitting the survey names them (`photoIds`), which
 * fixes them to it: a token of another case, or one already in an earlier survey, refuses
 * the whole survey. Staff of the case's divisions view a survey's photos, each view audited.
 */
export function makeSurveyPhotos({ p, models, cases }: AssistanceDeps) {
  const { SurveyPhoto } = models;

  /** The case, when it is a 社会救助 case in the account's divisions (404 otherwise, as every case read). */
  async function caseInScope(staff: StaffPrincipal, caseId: number) {
    const ref = await cases.get(caseId);
    if (!ref || !TYPES.includes(ref.type) || !coversDivision(staff, ref.divisionCode)) throw applicationNotFoundError();
    return ref;
  }

  return {
    async upload(staff: StaffPrincipal, caseId: number, read: () => Promise<UploadedFile>) {
      await caseInScope(staff, caseId);
      // The engine's own check: 409 when the case is not at its survey, 403 when another worker holds it.
      const ref = await cases.mayAct(caseId, 'submit_survey', { kind: 'staff', staff });
      await enforceRateLimit(p.cache, `assistance-survey-photo:${staff.id}`, 120, 3600_000, '上传过于频繁，请稍后再试');
      const pending = await SurveyPhoto.count({ where: { case_id: caseId, surveyed_at: null } });
      if (pending >= MAX_PENDING) throw tooManySurveyPhotosError();
      const file = await read();
      const type = sniff(file.data);
      if (type !== 'image/jpeg' && type !== 'image/png') throw unsupportedSurveyPhotoError();
      const image = await reencodeImage(file.data, { accept: PHOTO_TYPES, maxEdge: 2560 });
      const row = await p.db.transaction(async (transaction) => {
        const created = await SurveyPhoto.create(
          {
            token: randomToken(24),
            case_id: caseId,
            staff_id: staff.id,
            mime: image.mime,
            size: image.data.length,
            width: image.width,
            height: image.height,
            sha256: createHash('sha256').update(image.data).digest('hex'),
            data: image.data,
            surveyed_at: null,
            created_at: p.clock.date(),
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'assistance.survey_photo.upload',
            target: { type: 'case', id: ref.number },
            detail: { photo: created.id, size: created.size },
          },
          transaction,
        );
        return created;
      });
      return {
        photo: { id: row.token, mime: row.mime, size: row.size, width: row.width, height: row.height },
      };
    },

    /** Fixes the named photos to the survey being submitted (the action's transaction); any other id refuses all. */
    async fix(caseId: number, tokens: string[], transaction: Transaction) {
      if (!tokens.length) return;
      const unique = [...new Set(tokens)];
      const [count] = await SurveyPhoto.update(
        { surveyed_at: p.clock.date() },
        { where: { token: { [Op.in]: unique }, case_id: caseId, surveyed_at: null }, transaction },
      );
      if (count !== unique.length) throw surveyPhotoNotFoundError();
    },

    /** The photos of the case's surveys, oldest first (no bytes). */
    async listFor(caseId: number) {
      const rows = await SurveyPhoto.findAll({
        where: { case_id: caseId, surveyed_at: { [Op.ne]: null } },
        attributes: ['token', 'mime', 'size', 'width', 'height', 'surveyed_at', 'created_at'],
        order: [['id', 'ASC']],
      });
      return rows.map((r) => ({
        id: r.token,
        mime: r.mime,
        size: r.size,
        width: r.width,
        height: r.height,
        uploadedAt: r.created_at,
        surveyedAt: r.surveyed_at,
      }));
    },

    /** One photo of a submitted survey, for staff of the case's divisions; the view is audited. */
    async read(staff: StaffPrincipal, caseId: number, token: string) {
      const ref = await caseInScope(staff, caseId);
      const row = await SurveyPhoto.findOne({ where: { token, case_id: caseId, surveyed_at: { [Op.ne]: null } } });
      if (!row) throw surveyPhotoMissingError();
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.survey_photo.read',
        target: { type: 'case', id: ref.number },
        detail: { photo: row.id },
      });
      return row;
    },
  };
}

export type SurveyPhotos = ReturnType<typeof makeSurveyPhotos>;
