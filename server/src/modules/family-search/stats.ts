import { col, fn, literal, Op, type Sequelize } from 'sequelize';
import { FAMILY_SEARCH_STATUS_LABELS, type FamilySearchStatus } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import type { FamilySearchModels } from './models';
import { stationScope } from './station';

/**
 * 救助寻亲 statistics for the staff member's divisions: notices found in [from, to] by status,
 * reunions per month, median days in care (found date → the Beijing day it was marked reunited or
 * placed) and the same by the county where each person was found.
 *
 * Counted by the database, never row by row here: one GROUP BY gives the counts by county and
 * status, one the reunions and placements by Beijing month, one the reunions by county and days in
 * care (a histogram, from which the medians are read). Three statements whose answers grow with the
 * counties, months and distinct day counts, not with the notices; the index (station_division_code,
 * found_date, status, found_division_code, updated_at) holds every column they read.
 */
export function makeFamilySearchStats(db: Sequelize, m: FamilySearchModels) {
  const mysql = db.getDialect() !== 'sqlite';
  const region = fn('SUBSTR', col('found_division_code'), 1, 6);
  // The Beijing day each was closed on (updated_at is UTC; Beijing keeps UTC+8 all year).
  const closedDay = mysql ? 'DATE(DATE_ADD(updated_at, INTERVAL 8 HOUR))' : "date(updated_at, '+8 hours')";
  const month = literal(mysql ? `DATE_FORMAT(${closedDay}, '%Y-%m')` : `strftime('%Y-%m', ${closedDay})`);
  const days = literal(
    mysql ? `DATEDIFF(${closedDay}, found_date)` : `CAST(julianday(${closedDay}) - julianday(found_date) AS INTEGER)`,
  );
  return {
    async summary(staff: StaffPrincipal, q: { from: string; to: string }) {
      if (q.from > q.to)
        throw badRequest('VALIDATION_FAILED', '开始日期不能晚于结束日期', { to: '开始日期不能晚于结束日期' });
      const inRange = [stationScope(staff), { found_date: { [Op.between]: [q.from, q.to] } }];
      const closed = { status: { [Op.in]: ['reunited', 'placed'] } };
      const [counts, perMonth, inCare] = await Promise.all([
        m.Notice.findAll({
          where: { [Op.and]: inRange },
          attributes: [[region, 'region'], 'status', [fn('COUNT', col('id')), 'n']],
          group: [region, 'status'],
          raw: true,
        }) as unknown as Promise<{ region: string; status: FamilySearchStatus; n: number | string }[]>,
        m.Notice.findAll({
          where: { [Op.and]: [...inRange, closed] },
          attributes: [[month, 'month'], 'status', [fn('COUNT', col('id')), 'n']],
          group: [month as unknown as string, 'status'], // a literal groups too (typings say no)
          raw: true,
        }) as unknown as Promise<{ month: string; status: 'reunited' | 'placed'; n: number | string }[]>,
        m.Notice.findAll({
          where: { [Op.and]: [...inRange, { status: 'reunited' }] },
          attributes: [
            [region, 'region'],
            [days, 'days'],
            [fn('COUNT', col('id')), 'n'],
          ],
          group: [region, days as unknown as string],
          raw: true,
        }) as unknown as Promise<{ region: string; days: number | string; n: number | string }[]>,
      ]);
      const byStatus = Object.fromEntries(
        (Object.keys(FAMILY_SEARCH_STATUS_LABELS) as FamilySearchStatus[]).map((s) => [s, 0]),
      ) as Record<FamilySearchStatus, number>;
      const regions = new Map<string, { total: number; reunited: number; days: Map<number, number> }>();
      const regionOf = (code: string) => {
        let r = regions.get(code);
        if (!r) regions.set(code, (r = { total: 0, reunited: 0, days: new Map() }));
        return r;
      };
      let total = 0;
      for (const c of counts) {
        const n = Number(c.n);
        total += n;
        byStatus[c.status] += n;
        regionOf(c.region).total += n;
        if (c.status === 'reunited') regionOf(c.region).reunited += n;
      }
      const months = new Map<string, { reunited: number; placed: number }>();
      for (const r of perMonth) {
        const mo = months.get(r.month) ?? { reunited: 0, placed: 0 };
        mo[r.status] += Number(r.n);
        months.set(r.month, mo);
      }
      const everywhere = new Map<number, number>();
      for (const r of inCare) {
        const d = Math.max(0, Number(r.days)); // closed before the recorded find: no days in care
        const n = Number(r.n);
        everywhere.set(d, (everywhere.get(d) ?? 0) + n);
        const reg = regionOf(r.region).days;
        reg.set(d, (reg.get(d) ?? 0) + n);
      }
      return {
        from: q.from,
        to: q.to,
        total,
        byStatus: (Object.keys(byStatus) as FamilySearchStatus[]).map((s) => ({
          status: s,
          label: FAMILY_SEARCH_STATUS_LABELS[s],
          count: byStatus[s],
        })),
        byMonth: [...months.entries()].sort().map(([month, c]) => ({ month, ...c })),
        medianDaysToReunion: median(everywhere),
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

/** The median of values given as value → how many times. */
function median(histogram: Map<number, number>): number | null {
  const values = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const count = values.reduce((sum, [, n]) => sum + n, 0);
  if (!count) return null;
  // The k-th value (0-based) in sorted order.
  const at = (k: number) => {
    for (const [v, n] of values) {
      if (k < n) return v;
      k -= n;
    }
    return values[values.length - 1][0];
  };
  const mid = count >> 1;
  return count % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
