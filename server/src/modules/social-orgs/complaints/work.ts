import { Op, type WhereOptions } from 'sequelize';
import { assertDivision, divisionPrefixes } from '../../../platform/auth';
import type { StaffPrincipal } from '../../../platform/context';
import { conflict, notFound } from '../../../platform/errors';
import type { Platform } from '../../../platform/platform';
import type { NoticesApi } from '../../notices';
import type { StatsRecord } from '../../stats';
import type { ComplaintRow, ComplaintStatus, SocialOrgModels } from '../models';
import { COMPLAINT_STATUSES, toComplaintView } from '../views';
import { COMPLAINT_NOTICE } from './citizen';
import { complaintDeadline } from './deadlines';
import { pageLink } from '@minzheng/contracts';

// Which status each action moves from, and to.
const FLOW = {
  accept: { from: ['submitted'], to: 'accepted' },
  answer: { from: ['accepted'], to: 'answered' },
  reject: { from: ['submitted', 'accepted'], to: 'rejected' },
} as const satisfies Record<string, { from: readonly ComplaintStatus[]; to: ComplaintStatus }>;

/**
 * Officers work the complaints of their region: accept, then answer, or reject with a reason.
 * Another region's complaint does not exist for them. Each step is audited and the citizen
 * is told. Reading a complainant's contact is a read of personal data, audited too.
 */
export function makeWorkComplaints(p: Platform, m: SocialOrgModels, notices: NoticesApi, stats: StatsRecord) {
  async function inScope(actor: StaffPrincipal, id: number) {
    const c = await m.Complaint.findByPk(id);
    if (!c) throw notFound('未找到该投诉');
    assertDivision(actor, c.division_code, '投诉');
    return c;
  }

  async function staffView(actor: StaffPrincipal, c: ComplaintRow, ip?: string) {
    const [events, images] = await Promise.all([
      m.ComplaintEvent.findAll({ where: { complaint_id: c.id }, order: [['id', 'ASC']] }),
      m.ComplaintImage.findAll({
        where: { complaint_id: c.id },
        attributes: ['token', 'mime', 'size'],
        order: [['id', 'ASC']],
      }),
    ]);
    // Anonymous complaints keep the complainant from the officer entirely.
    const showContact = !c.anonymous && Boolean(c.contact_phone_enc);
    if (showContact) {
      await p.audit.record({
        actor: { type: 'staff', id: actor.id },
        action: 'social_org.complaint.read_contact',
        target: { type: 'org_complaint', id: c.tracking_no },
        ip,
      });
    }
    return {
      id: c.id,
      ...toComplaintView(c, events, null),
      divisionCode: c.division_code,
      deadline: complaintDeadline(
        c.status,
        new Date(c.created_at),
        (() => {
          const accepted = events.find((e) => e.status === 'accepted');
          return accepted ? new Date(accepted.created_at) : null;
        })(),
        p.clock.now(),
      ),
      contact: showContact
        ? {
            name: c.contact_name_enc ? p.pii.decrypt(c.contact_name_enc) : null,
            phone: p.pii.decrypt(c.contact_phone_enc!),
          }
        : null,
      images: images.map((i) => ({ id: i.token, mime: i.mime, size: i.size })),
    };
  }

  async function move(actor: StaffPrincipal, id: number, action: keyof typeof FLOW, text: string | null) {
    const step = FLOW[action];
    const c = await inScope(actor, id);
    await p.db.transaction(async (transaction) => {
      // Conditional update: two officers acting at once cannot both move it.
      const [moved] = await m.Complaint.update(
        {
          status: step.to,
          handled_by: actor.id,
          ...(action === 'answer' ? { answer: text } : {}),
          ...(action === 'reject' ? { reject_reason: text } : {}),
        },
        { where: { id, status: { [Op.in]: [...step.from] } }, transaction },
      );
      if (!moved)
        throw conflict('INVALID_TRANSITION', `投诉当前状态为「${COMPLAINT_STATUSES[c.status]}」，不能进行此操作`);
      await m.ComplaintEvent.create(
        { complaint_id: id, status: step.to, note: text, actor: `staff:${actor.id}` },
        { transaction },
      );
      await stats.complaint(transaction, c.division_code, step.to, new Date(c.created_at));
      await notices.notify(
        { userId: c.user_id },
        COMPLAINT_NOTICE,
        {
          trackingNo: c.tracking_no,
          targetName: c.target_name,
          status: COMPLAINT_STATUSES[step.to],
          note: text ?? '您的投诉已受理，我们将依法调查处理。',
        },
        pageLink('complaintDetail', { trackingNo: c.tracking_no }),
        { transaction },
      );
      await p.audit.record(
        {
          actor: { type: 'staff', id: actor.id },
          action: `social_org.complaint.${action}`,
          target: { type: 'org_complaint', id: c.tracking_no },
          detail: { from: c.status, to: step.to },
        },
        transaction,
      );
    });
    await c.reload();
    return { complaint: await staffView(actor, c) };
  }

  return {
    async list(actor: StaffPrincipal, input: { status?: ComplaintStatus; page: number; pageSize: number }) {
      const prefixes = divisionPrefixes(actor);
      const where: WhereOptions = {
        ...(input.status ? { status: input.status } : {}),
        ...(prefixes ? { [Op.or]: prefixes.map((pre) => ({ division_code: { [Op.like]: `${pre}%` } })) } : {}),
      };
      const { rows, count } = await m.Complaint.findAndCountAll({
        where,
        order: [
          ['created_at', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
      });
      // When each accepted one was accepted: its answer is due from then.
      const accepted = rows.filter((c) => c.status === 'accepted').map((c) => c.id);
      const acceptedAt = new Map(
        accepted.length
          ? (
              await m.ComplaintEvent.findAll({
                where: { complaint_id: { [Op.in]: accepted }, status: 'accepted' },
                attributes: ['complaint_id', 'created_at'],
              })
            ).map((e) => [e.complaint_id, new Date(e.created_at)])
          : [],
      );
      const now = p.clock.now();
      return {
        items: rows.map((c) => ({
          deadline: complaintDeadline(c.status, new Date(c.created_at), acceptedAt.get(c.id) ?? null, now),
          id: c.id,
          trackingNo: c.tracking_no,
          targetName: c.target_name,
          divisionCode: c.division_code,
          category: c.category,
          status: c.status,
          statusName: COMPLAINT_STATUSES[c.status],
          submittedAt: new Date(c.created_at).toISOString(),
        })),
        total: count,
        /** The server's time, to count the waiting from (the clock of the browser may differ). */
        now: new Date(now).toISOString(),
      };
    },
    async get(actor: StaffPrincipal, id: number, ip?: string) {
      return { complaint: await staffView(actor, await inScope(actor, id), ip) };
    },
    accept: (actor: StaffPrincipal, id: number) => move(actor, id, 'accept', null),
    answer: (actor: StaffPrincipal, id: number, answer: string) => move(actor, id, 'answer', answer),
    reject: (actor: StaffPrincipal, id: number, reason: string) => move(actor, id, 'reject', reason),
    /** May this officer see this image (it belongs to a complaint in their region)? */
    /**
     * An officer opens an image attached to a complaint of their region (404 otherwise): a photo
     * may show people and places, so the read is audited like the contact's.
     */
    async image(actor: StaffPrincipal, complaintId: number, token: string) {
      const c = await inScope(actor, complaintId);
      const img = await m.ComplaintImage.findOne({ where: { token, complaint_id: c.id } });
      if (!img) throw notFound('未找到该图片');
      await p.audit.record({
        actor: { type: 'staff', id: actor.id },
        action: 'social_org.complaint.read_image',
        target: { type: 'org_complaint', id: c.tracking_no },
        detail: { image: token },
      });
      return { mime: img.mime, data: img.data };
    },
  };
}
