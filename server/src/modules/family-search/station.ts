import { Op, type WhereOptions } from 'sequelize';
import { FAMILY_SEARCH_STATUS_LABELS, type FamilySearchStatus } from '@minzheng/contracts';
import { divisionPrefixes } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import type { FamilySearchModels, NoticeRow } from './models';
import { NEXT_STATUSES, noticeView, summaryOf } from './notices';

/** What a station sees: only notices of stations in the staff member's divisions. */
export function stationScope(staff: StaffPrincipal): WhereOptions {
  const prefixes = divisionPrefixes(staff);
  if (prefixes === null) return {};
  if (!prefixes.length) return { id: { [Op.in]: [] } };
  return { [Op.or]: prefixes.map((prefix) => ({ station_division_code: { [Op.startsWith]: prefix } })) };
}

/**
 * The station's workbench: its notices by status with how many leads each has and where each may
 * move next, and the inbox of leads given on them (names masked; reading them is audited).
 */
export function makeStation(p: Platform, m: FamilySearchModels) {
  return {
    async notices(staff: StaffPrincipal, q: { status?: string; page: number }) {
      const and: WhereOptions[] = [stationScope(staff)];
      if (q.status) and.push({ status: q.status });
      const rows = await m.Notice.findAll({
        where: { [Op.and]: and },
        order: [
          ['updated_at', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: 21,
        offset: (q.page - 1) * 20,
        raw: true,
      });
      const page = rows.slice(0, 20);
      const counts = page.length
        ? ((await m.Lead.count({
            where: { notice_id: { [Op.in]: page.map((n) => n.id) } },
            group: ['notice_id'],
          })) as unknown as { notice_id: number; count: number }[])
        : [];
      const leadsOf = new Map(counts.map((c) => [Number(c.notice_id), Number(c.count)]));
      return {
        items: page.map((n) => ({
          ...noticeView(n),
          leads: leadsOf.get(n.id) ?? 0,
          updatedAt: new Date(n.updated_at).toISOString(),
          next: NEXT_STATUSES[n.status].map((s: FamilySearchStatus) => ({
            status: s,
            label: FAMILY_SEARCH_STATUS_LABELS[s],
          })),
        })),
        hasMore: rows.length > 20,
      };
    },
    /** Leads on the station's notices still being looked into (寻亲中, 有线索, 已核实), newest first. */
    async leadsInbox(staff: StaffPrincipal, page: number) {
      const notices = await m.Notice.findAll({
        where: { [Op.and]: [stationScope(staff), { status: { [Op.in]: ['open', 'lead', 'verified'] } }] },
        attributes: ['id', 'status', 'sex', 'age_min', 'age_max', 'found_date', 'found_place'],
        raw: true,
      });
      const byId = new Map(notices.map((n) => [n.id, n]));
      const rows = byId.size
        ? await m.Lead.findAll({
            where: { notice_id: { [Op.in]: [...byId.keys()] } },
            order: [['id', 'DESC']],
            limit: 51,
            offset: (page - 1) * 50,
            raw: true,
          })
        : [];
      const items = rows.slice(0, 50);
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'family_search.leads_read',
        target: { type: 'family_search_notice', id: 0 },
        detail: { inbox: true, leads: items.length },
      });
      return {
        items: items.map((r) => {
          const n = byId.get(r.notice_id)!;
          return {
            id: r.id,
            noticeId: r.notice_id,
            notice: summaryOf(n as NoticeRow),
            noticeStatus: n.status,
            noticeStatusLabel: FAMILY_SEARCH_STATUS_LABELS[n.status],
            name: r.name_masked,
            content: r.content,
            createdAt: new Date(r.created_at).toISOString(),
          };
        }),
        hasMore: rows.length > 50,
      };
    },
  };
}
