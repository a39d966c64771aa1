import { Op, UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import { badRequest, conflict, notFound } from '../../../platform/errors';
import { complaintFingerprint } from './fingerprint';
import { enforceRateLimit } from '../../../platform/rate-limit';
import type { Platform } from '../../../platform/platform';
import type { NoticesApi } from '../../notices';
import type { StatsRecord } from '../../stats';
import type { SocialOrgModels } from '../models';
import { parseUscc } from '../profile';
import type { complaintBody } from '../schemas';
import { COMPLAINT_NOTICE, type ComplaintViews } from './citizen';
import { newTrackingNo } from './tracking';
import { pageLink } from '@minzheng/contracts';

export type ComplaintInput = z.infer<typeof complaintBody>;

/**
 * A citizen files a complaint (投诉举报) against a registered organization, a published
 * suspected illegal one, or one they name. The idempotency key makes a double tap (or a
 * retry after a lost answer) file one complaint: the same key with the same content answers
 * the first complaint again; with other content it is refused.
 */
export function makeSubmitComplaint(
  p: Platform,
  m: SocialOrgModels,
  notices: NoticesApi,
  views: ComplaintViews,
  stats: StatsRecord,
) {
  async function target(input: ComplaintInput['target']) {
    if ('uscc' in input) {
      const org = await m.Org.findOne({ where: { uscc: parseUscc(input.uscc) } });
      if (!org) throw notFound('未找到该社会组织');
      return {
        target_type: 'org' as const,
        org_id: org.id,
        illegal_org_id: null,
        target_name: org.name,
        division_code: org.division_code,
      };
    }
    if ('illegalOrgId' in input) {
      const ill = await m.IllegalOrg.findByPk(input.illegalOrgId);
      if (!ill) throw notFound('未找到该涉嫌非法社会组织');
      return {
        target_type: 'illegal' as const,
        org_id: null,
        illegal_org_id: ill.id,
        target_name: ill.name,
        division_code: ill.division_code,
      };
    }
    return {
      target_type: 'other' as const,
      org_id: null,
      illegal_org_id: null,
      target_name: input.name,
      division_code: input.divisionCode,
    };
  }

  async function replay(userId: number, key: string, fingerprint: string) {
    const existing = await m.Complaint.findOne({ where: { user_id: userId, idempotency_key: key } });
    if (!existing) return null;
    if (existing.fingerprint !== fingerprint)
      throw conflict('IDEMPOTENCY_KEY_REUSED', '该提交标识已用于另一条投诉，请刷新页面后重试');
    return { complaint: await views.view(existing), replayed: true };
  }

  return async function submitComplaint(userId: number, input: ComplaintInput) {
    const { idempotencyKey, ...content } = input;
    const fingerprint = complaintFingerprint(p.pii, content);
    const again = await replay(userId, idempotencyKey, fingerprint);
    if (again) return again;

    await enforceRateLimit(p.cache, `org-complaint:${userId}`, 10, 86400_000, '今日提交的投诉已达上限，请明天再试');
    const to = await target(input.target);
    const images = input.images.length
      ? await m.ComplaintImage.findAll({
          where: { token: { [Op.in]: input.images }, user_id: userId, complaint_id: null },
        })
      : [];
    if (images.length !== new Set(input.images).size) throw badRequest('IMAGE_INVALID', '图片已失效，请重新上传');

    try {
      const complaint = await p.db.transaction(async (transaction) => {
        const created = await m.Complaint.create(
          {
            tracking_no: newTrackingNo(p.clock.now()),
            user_id: userId,
            idempotency_key: idempotencyKey,
            fingerprint,
            ...to,
            category: input.category,
            content: input.content,
            anonymous: input.anonymous,
            contact_name_enc: input.contact?.name ? p.pii.encrypt(input.contact.name) : null,
            contact_phone_enc: input.contact ? p.pii.encrypt(input.contact.phone) : null,
            status: 'submitted',
          },
          { transaction },
        );
        await m.ComplaintImage.update(
          { complaint_id: created.id },
          { where: { id: { [Op.in]: images.map((i) => i.id) } }, transaction },
        );
        await m.ComplaintEvent.create(
          { complaint_id: created.id, status: 'submitted', note: null, actor: 'citizen' },
          { transaction },
        );
        await stats.complaint(transaction, created.division_code, 'submitted');
        await notices.notify(
          { userId },
          COMPLAINT_NOTICE,
          {
            trackingNo: created.tracking_no,
            targetName: created.target_name,
            status: '已提交',
            note: '我们将尽快处理，请留意办理进度。',
          },
          pageLink('complaintDetail', { trackingNo: created.tracking_no }),
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'social_org.complaint.submit',
            target: { type: 'org_complaint', id: created.tracking_no },
          },
          transaction,
        );
        return created;
      });
      return { complaint: await views.view(complaint), replayed: false };
    } catch (err) {
      // Two taps raced past the first check: the loser answers with the winner's complaint.
      if (err instanceof UniqueConstraintError) {
        const raced = await replay(userId, idempotencyKey, fingerprint);
        if (raced) return raced;
      }
      throw err;
    }
  };
}
