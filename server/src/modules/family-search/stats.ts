import { Op } from 'sequelize';
import { FAMILY_SEARCH_STATUS_LABELS, type FamilySearchStatus } from '@minzheng/contracts';
import { beijingDateAt } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import type { FamilySearchModels } from './models';
import { stationScope } from './station';

const DAY_MS = 86_400_000;

/**
 * 救助寻亲 statistics for the staff member's divisions: notices found in [from, to] by status,
 * reunions per month, median days in care (found date → the day it was marked reunited or
 * placed) and the same by the county where each person was found.
 */
export function makeFamilySearchStats(m: FamilySearchModels) {
  return {
    async summary(staff: StaffPrincipal, q: { from: string; to: string }) {
      if (q.from > q.to)
        throw badRequest('VALIDATION_FAILED', '开始日期不能晚于结束日期', { to: '开始日期不能晚于结束日期' });
      const rows = await m.Notice.findAll({
        where: { [Op.and]: [stationScope(staff), { found_date: { [Op.between]: [q.from, q.to] } }] },
        attributes: ['status', 'found_date', 'found_division_code', 'updated_at'],
        raw: true,
      });
      const byStatus = Object.fromEntries(
        (Object.keys(FAMILY_SEARCH_STATUS_LABELS) as FamilySearchStatus[]).map((s) => [s, 0]),
      ) as Record<FamilySearchStatus, number>;
      const months = new Map<string, { reunited: number; placed: number }>();
      const regions = new Map<string, { total: number; reunited: number; days: number[] }>();
      const days: number[] = [];
      for (const r of rows) {
        byStatus[r.status]++;
        const region = r.found_division_code.slice(0, 6);
        const reg = regions.get(region) ?? { total: 0, reunited: 0, days: [] };
        reg.total++;
        regions.set(region, reg);
        if (r.status !== 'reunited' && r.status !== 'placed') continue;
        const closed = beijingDateAt(new Date(r.updated_at).getTime());
        const inCare = Math.max(0, Math.round((Date.parse(closed) - Date.parse(r.found_date)) / DAY_MS));
        const month = closed.slice(0, 7);
        const mo = months.get(month) ?? { reunited: 0, placed: 0 };
        mo[r.status]++;
        months.set(month, mo);
        if (r.status === 'reunited') {
          days.push(inCare);
          reg.reunited++;
          reg.days.push(inCare);
        }
      }
      return {
        from: q.from,
        to: q.to,
        total: rows.length,
        byStatus: (Object.keys(byStatus) as FamilySearchStatus[]).map((s) => ({
          status: s,
          label: FAMILY_SEARCH_STATUS_LABELS[s],
          count: byStatus[s],
        })),
        byMonth: [...months.entries()].sort().map(([month, c]) => ({ month, ...c })),
        medianDaysToReunion: median(days),
        byRegion: [...regions.entries()]
          .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
          .map(([divisionCode, r]) => ({
            divisionCode,
            total: r.total,
            reunited: r.reunited,
            medianDaysToReunion: median(r.days),
          })),
      };
    },
  };
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
