import { AppError, notFound } from '../../platform/errors';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import type { IdentityApi } from '../identity';
import type { KeptMatches } from './kept-matches';
import type { FamilySearchModels } from './models';
import { PUBLIC_STATUSES } from './notices';

const mask = (n: string) => (n.length <= 1 ? '*' : `${n[0]}${'*'.repeat(Math.min(n.length - 1, 3))}`);

/** 线索: from real-named citizens only; the station reads them (audited) and follows up. */
export function makeLeads(p: Platform, m: FamilySearchModels, identity: IdentityApi, kept: KeptMatches) {
  return {
    async submit(userId: number, noticeId: number, content: string) {
      const notice = await m.Notice.findByPk(noticeId, { raw: true });
      if (!notice || !PUBLIC_STATUSES.includes(notice.status)) throw notFound('未找到该寻亲公告，或寻亲已结束');
      const real = await identity.realNameOf(userId);
      if (!real) throw new AppError(403, 'REAL_NAME_REQUIRED', '提供线索需先完成实名认证，以便救助管理站与您核实');
      await p.db.transaction(async (transaction) => {
        await m.Lead.create(
          {
            notice_id: noticeId,
            user_id: userId,
            name_enc: p.pii.encrypt(real.name),
            name_masked: mask(real.name),
            content,
            created_at: p.clock.date(),
          },
          { transaction },
        );
        if (notice.status === 'open')
          await m.Notice.update(
            { status: 'lead', updated_at: p.clock.date() },
            { where: { id: noticeId }, transaction },
          );
      });
      // The notice moved to 有线索: it changed, so the kept matches retire (they show the same, but
      // an answer is only kept while nothing it is read from has changed).
      if (notice.status === 'open') await kept.noticesChanged();
      return { received: true, message: '线索已提交，救助管理站将尽快与您联系' };
    },
    async forStaff(staff: StaffPrincipal, noticeId: number) {
      const rows = await m.Lead.findAll({ where: { notice_id: noticeId }, order: [['id', 'ASC']], raw: true });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'family_search.leads_read',
        target: { type: 'family_search_notice', id: noticeId },
        detail: { leads: rows.length },
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name_masked,
          content: r.content,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
  };
}
