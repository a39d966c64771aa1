import { QueryTypes } from 'sequelize';
import type { z } from 'zod';
import type { VolunteerStats, VolunteerStatsRow } from '@minzheng/contracts';
import { addMonths, beijingInstant } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import { divisions } from '../divisions';
import type { Access } from './access';
import type { VolunteerDeps } from './deps';
import { badTimesError } from './errors';
import { MANUAL_SHARE_FLAG } from './orgs';
import type { statsQuery } from './schemas';

/** At most this many months in one request. */
const MAX_MONTHS = 36;

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const emptyRow = (): VolunteerStatsRow => ({ volunteers: 0, activities: 0, hours: 0, manualHours: 0 });

/**
 * 志愿服务统计: volunteers credited, activities held and hours (补录 apart) by Beijing month, by
 * 区县 and by 乡镇/街道, and the share of 补录 by organization — counted from the ledger and the activities
 * themselves, over the organizations the staff member may act for (an officer's divisions, an
 * organizer's own organizations). Months are Beijing months, bucketed in SQL.
 */
export function makeStats(deps: VolunteerDeps, access: Access) {
  const { p, models } = deps;

  return {
    async summary(staff: StaffPrincipal, query: z.infer<typeof statsQuery>): Promise<VolunteerStats> {
      const thisMonth = p.clock.beijing().date.slice(0, 7);
      const to = query.to ?? thisMonth;
      const from = query.from ?? addMonths(`${to}-01`, -11).slice(0, 7);
      if (from > to) throw badTimesError('起始月份不能晚于截止月份');
      const months: string[] = [];
      for (let m = from; m <= to; m = addMonths(`${m}-01`, 1).slice(0, 7)) {
        months.push(m);
        if (months.length > MAX_MONTHS) throw badTimesError(`一次最多统计${MAX_MONTHS}个月`);
      }
      const orgIds = await access.visibleOrgIds(staff);
      const result: VolunteerStats = { from, to, totals: emptyRow(), byMonth: [], byArea: [], byTown: [], byOrg: [] };
      const monthRows = new Map(months.map((m) => [m, { month: m, ...emptyRow() }]));
      result.byMonth = [...monthRows.values()];
      if (orgIds !== null && !orgIds.length) return result;

      // A Beijing month for an instant column, as a CASE over the months' boundaries (any SQL dialect).
      const r: Record<string, unknown> = {
        from: beijingInstant(`${from}-01`, '00:00'),
        to: beijingInstant(addMonths(`${to}-01`, 1), '00:00'),
      };
      const monthOf = (column: string) =>
        months.length === 1
          ? `'${months[0]}'`
          : `CASE ${months
              .slice(1)
              .map((m, i) => {
                r[`m${i}`] = beijingInstant(`${m}-01`, '00:00');
                return `WHEN ${column} < :m${i} THEN '${months[i]}'`;
              })
              .join(' ')} ELSE '${months[months.length - 1]}' END`;
      const ledgerMonth = monthOf('l.start_at');
      const activityMonth = monthOf('a.starts_at');
      const scope: string[] = [];
      if (orgIds !== null) {
        scope.push('a.org_id IN (:orgIds)');
        r.orgIds = orgIds;
      }
      if (query.divisionCode) {
        scope.push('a.division_code LIKE :division');
        r.division = `${query.divisionCode}%`;
      }
      const and = scope.map((c) => ` AND ${c}`).join('');
      const ledgerFrom = `FROM volunteer_hours_ledger l JOIN volunteer_activities a ON a.id = l.activity_id
        WHERE l.start_at >= :from AND l.start_at < :to${and}`;
      const area = 'SUBSTR(a.division_code, 1, 6)';
      // 乡镇/街道: only activities registered below the 区县 (nine digits or more).
      const town = 'SUBSTR(a.division_code, 1, 9)';
      const belowCounty = ' AND LENGTH(a.division_code) >= 9';
      const num = (v: unknown) => Number(v ?? 0);
      const q = <T>(sql: string) => p.db.query(sql, { replacements: r, type: QueryTypes.SELECT }) as Promise<T[]>;

      type Hours = { k: string; minutes: unknown; manual: unknown; people: unknown };
      const sums = `COALESCE(SUM(l.minutes), 0) AS minutes,
        COALESCE(SUM(CASE WHEN l.kind = 'manual' THEN l.minutes ELSE 0 END), 0) AS manual,
        COUNT(DISTINCT l.volunteer_id) AS people`;
      const [byMonth, byArea, total, actsByMonth, actsByArea, byOrg, byTown, actsByTown] = await Promise.all([
        q<Hours>(`SELECT ${ledgerMonth} AS k, ${sums} ${ledgerFrom} GROUP BY ${ledgerMonth}`),
        q<Hours>(`SELECT ${area} AS k, ${sums} ${ledgerFrom} GROUP BY ${area}`),
        q<Hours>(`SELECT 'all' AS k, ${sums} ${ledgerFrom}`),
        q<{ k: string; n: unknown }>(
          `SELECT ${activityMonth} AS k, COUNT(*) AS n FROM volunteer_activities a
            WHERE a.status IN ('published', 'in_progress', 'finished') AND a.starts_at >= :from AND a.starts_at < :to${and}
            GROUP BY ${activityMonth}`,
        ),
        q<{ k: string; n: unknown }>(
          `SELECT ${area} AS k, COUNT(*) AS n FROM volunteer_activities a
            WHERE a.status IN ('published', 'in_progress', 'finished') AND a.starts_at >= :from AND a.starts_at < :to${and}
            GROUP BY ${area}`,
        ),
        q<{ org_id: unknown; minutes: unknown; manual: unknown }>(
          `SELECT l.org_id AS org_id, COALESCE(SUM(l.minutes), 0) AS minutes,
                  COALESCE(SUM(CASE WHEN l.kind = 'manual' THEN l.minutes ELSE 0 END), 0) AS manual
             ${ledgerFrom} GROUP BY l.org_id`,
        ),
        q<Hours>(`SELECT ${town} AS k, ${sums} ${ledgerFrom}${belowCounty} GROUP BY ${town}`),
        q<{ k: string; n: unknown }>(
          `SELECT ${town} AS k, COUNT(*) AS n FROM volunteer_activities a
            WHERE a.status IN ('published', 'in_progress', 'finished') AND a.starts_at >= :from AND a.starts_at < :to${and}${belowCounty}
            GROUP BY ${town}`,
        ),
      ]);

      const fill = (row: VolunteerStatsRow, h?: Hours) => {
        if (!h) return;
        row.volunteers = num(h.people);
        row.hours = hoursOf(num(h.minutes));
        row.manualHours = hoursOf(num(h.manual));
      };
      for (const h of byMonth) fill(monthRows.get(h.k)!, h);
      for (const a of actsByMonth) monthRows.get(a.k)!.activities = num(a.n);
      fill(result.totals, total[0]);
      result.totals.activities = actsByMonth.reduce((s, a) => s + num(a.n), 0);

      const areas = new Map<string, VolunteerStats['byArea'][number]>();
      const areaRow = (code: string) => {
        let row = areas.get(code);
        if (!row) {
          row = { divisionCode: code, divisionName: divisions.get(code)?.name ?? code, ...emptyRow() };
          areas.set(code, row);
        }
        return row;
      };
      for (const h of byArea) fill(areaRow(h.k), h);
      for (const a of actsByArea) areaRow(a.k).activities = num(a.n);
      result.byArea = [...areas.values()].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));

      const towns = new Map<string, VolunteerStats['byTown'][number]>();
      const townRow = (code: string) => {
        let row = towns.get(code);
        if (!row) {
          const county = code.slice(0, 6);
          row = {
            divisionCode: code,
            divisionName: code,
            countyName: divisions.get(county)?.name ?? county,
            ...emptyRow(),
          };
          towns.set(code, row);
        }
        return row;
      };
      for (const h of byTown) fill(townRow(h.k), h);
      for (const a of actsByTown) townRow(a.k).activities = num(a.n);
      result.byTown = [...towns.values()].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));
      // Names of 乡镇/街道 come from the divisions package's file, read on demand (one per row).
      for (const row of result.byTown)
        row.divisionName = (await divisions.lookup(row.divisionCode))?.name ?? row.divisionCode;

      const orgs = byOrg.length
        ? await models.Org.findAll({ where: { id: byOrg.map((o) => num(o.org_id)) }, attributes: ['id', 'name'] })
        : [];
      const names = new Map(orgs.map((o) => [o.id, o.name]));
      result.byOrg = byOrg
        .map((o) => {
          const minutes = num(o.minutes);
          const manual = num(o.manual);
          const share = minutes > 0 ? manual / minutes : 0;
          return {
            orgId: num(o.org_id),
            orgName: names.get(num(o.org_id)) ?? '',
            hours: hoursOf(minutes),
            manualHours: hoursOf(manual),
            manualShare: Math.round(share * 1000) / 1000,
            manualFlagged: minutes > 0 && share > MANUAL_SHARE_FLAG,
          };
        })
        .sort((a, b) => b.manualShare - a.manualShare || a.orgId - b.orgId);
      return result;
    },
  };
}

export type Stats = ReturnType<typeof makeStats>;
