import { maskPhone } from '../../identity';
import { notFound } from '../../../platform/errors';
import type { Platform } from '../../../platform/platform';
import type { ComplaintRow, SocialOrgModels } from '../models';
import { toComplaintView } from '../views';

export const COMPLAINT_NOTICE = 'social-orgs.complaint-status';

/** 我的投诉: a citizen's own complaints with their progress and the answer. */
export function makeComplaintViews(p: Platform, m: SocialOrgModels) {
  async function view(c: ComplaintRow) {
    const [events, images] = await Promise.all([
      m.ComplaintEvent.findAll({ where: { complaint_id: c.id }, order: [['id', 'ASC']] }),
      m.ComplaintImage.findAll({
        where: { complaint_id: c.id },
        attributes: ['token', 'mime', 'size'],
        order: [['id', 'ASC']],
      }),
    ]);
    const phone = c.contact_phone_enc ? maskPhone(p.pii.decrypt(c.contact_phone_enc)) : null;
    return {
      ...toComplaintView(c, events, phone),
      images: images.map((i) => ({ id: i.token, mime: i.mime, size: i.size })),
    };
  }
  return {
    view,
    async mine(userId: number, page: number, pageSize: number) {
      const { rows, count } = await m.Complaint.findAndCountAll({
        where: { user_id: userId },
        order: [
          ['created_at', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        items: rows.map((c) => ({
          trackingNo: c.tracking_no,
          targetName: c.target_name,
          category: c.category,
          status: c.status,
          statusName: toComplaintView(c, [], null).statusName,
          submittedAt: new Date(c.created_at).toISOString(),
        })),
        total: count,
      };
    },
    async get(userId: number, trackingNo: string) {
      const c = await m.Complaint.findOne({ where: { tracking_no: trackingNo, user_id: userId } });
      if (!c) throw notFound('未找到该投诉');
      return { complaint: await view(c) };
    },
  };
}

export type ComplaintViews = ReturnType<typeof makeComplaintViews>;
