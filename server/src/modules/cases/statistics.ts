import { Op, type WhereOptions } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import type { CaseDeps } from './deps';
import { beijingDateAt } from '../../platform/clock';
import { placeName } from './organs';

interface Counts {
  open: number;
  near: number;
  overdue: number;
}
const add = (into: Counts, row: { open_count: number; near_count: number; overdue_count: number }) => {
  into.open += Number(row.open_count);
  into.near += Number(row.near_count);
  into.overdue += Number(row.overdue_count);
};

/**
 * Cases by type, stage and overdue within a staff member's divisions, read from the daily
 * clock's roll-up (never a scan of the cases at request time), with the month-start snapshots
 * as the trend.
 */
export function makeStatistics(deps: CaseDeps) {
  const { models, types } = deps;

  const scopeWhere = (staff: StaffPrincipal): WhereOptions => {
    if (staff.roles.includes('admin') || staff.scope.divisions.includes('')) return {};
    return { [Op.or]: staff.scope.divisions.map((prefix) => ({ area_code: { [Op.like]: `${prefix}%` } })) };
  };

  return {
    async overview(staff: StaffPrincipal, filter: { type?: string } = {}) {
      const registered = types.all().map((type) => type.key);
      const where: WhereOptions = {
        ...scopeWhere(staff),
        type: filter.type ? filter.type : { [Op.in]: registered },
      };
      // The latest roll-up up to today (a clock moved back in a test must not read the future).
      const latest = (await models.Stats.max('day', { where: { day: { [Op.lte]: deps.p.clock.today() } } })) as
        | string
        | null;
      const rows = latest ? await models.Stats.findAll({ where: { ...where, day: latest }, raw: true }) : [];
      const byType = new Map<string, Counts & { type: string; typeName: string }>();
      const byStage = new Map<string, Counts & { type: string; stage: string; stageName: string }>();
      const byCounty = new Map<string, Counts & { countyCode: string; countyName: string }>();
      const total: Counts = { open: 0, near: 0, overdue: 0 };
      for (const row of rows) {
        if (!types.has(row.type)) continue;
        const type = types.get(row.type);
        const t = byType.get(row.type) ?? { type: row.type, typeName: type.name, open: 0, near: 0, overdue: 0 };
        add(t, row);
        byType.set(row.type, t);
        const stageKey = `${row.type}/${row.stage}`;
        const s = byStage.get(stageKey) ?? {
          type: row.type,
          stage: row.stage,
          stageName: type.stages[row.stage]?.name ?? row.stage,
          open: 0,
          near: 0,
          overdue: 0,
        };
        add(s, row);
        byStage.set(stageKey, s);
        const county = row.area_code.slice(0, 6);
        const c = byCounty.get(county) ?? {
          countyCode: county,
          countyName: placeName(county) || county,
          open: 0,
          near: 0,
          overdue: 0,
        };
        add(c, row);
        byCounty.set(county, c);
        add(total, row);
      }
      const monthly = await models.Stats.findAll({
        where: { ...where, day: { [Op.like]: '%-01' } },
        attributes: ['day', 'open_count', 'near_count', 'overdue_count'],
        raw: true,
      });
      const trend = new Map<string, Counts>();
      for (const row of monthly) {
        const point = trend.get(row.day) ?? { open: 0, near: 0, overdue: 0 };
        add(point, row);
        trend.set(row.day, point);
      }
      return {
        day: latest,
        total,
        byType: [...byType.values()],
        byStage: [...byStage.values()],
        byCounty: [...byCounty.values()].sort((a, b) => a.countyCode.localeCompare(b.countyCode)),
        trend: [...trend].map(([day, counts]) => ({ day, ...counts })).sort((a, b) => a.day.localeCompare(b.day)),
      };
    },
    /**
     * Amounts granted within the staff member's divisions: per month of the decision (Beijing
     * time) and per county, the cases granted and the amounts they carry today. Reads only the
     * cases that carry an amount and their steps.
     */
    async amounts(staff: StaffPrincipal, filter: { type?: string } = {}) {
      const registered = types.all().map((type) => type.key);
      const scope: WhereOptions =
        staff.roles.includes('admin') || staff.scope.divisions.includes('')
          ? {}
          : { [Op.or]: staff.scope.divisions.map((prefix) => ({ division_code: { [Op.like]: `${prefix}%` } })) };
      const cases = await models.Case.findAll({
        where: {
          ...scope,
          type: filter.type ? filter.type : { [Op.in]: registered },
          amount_cents: { [Op.ne]: null },
        },
        attributes: ['id', 'type', 'division_code', 'amount_cents'],
        raw: true,
      });
      const byId = new Map(cases.map((c) => [c.id, c]));
      const steps = cases.length
        ? await models.Transition.findAll({
            where: { case_id: { [Op.in]: [...byId.keys()] } },
            attributes: ['case_id', 'to_stage', 'at'],
            order: [['seq', 'ASC']],
            raw: true,
          })
        : [];
      // The review ends at the first step into a stage that is not open (granted, completed…):
      // the month of that decision is the month the amount counts in.
      const grantedAt = new Map<number, Date>();
      for (const step of steps) {
        if (grantedAt.has(step.case_id)) continue;
        const type = types.get(byId.get(step.case_id)!.type);
        if ((type.stages[step.to_stage]?.status ?? 'open') !== 'open') grantedAt.set(step.case_id, new Date(step.at));
      }
      const months = new Map<string, { month: string; cases: number; amountCents: number }>();
      const counties = new Map<
        string,
        { countyCode: string; countyName: string; cases: number; amountCents: number }
      >();
      for (const [caseId, at] of grantedAt) {
        const row = byId.get(caseId)!;
        const cents = Number(row.amount_cents ?? 0);
        const month = beijingDateAt(at.getTime()).slice(0, 7);
        const m = months.get(month) ?? { month, cases: 0, amountCents: 0 };
        m.cases += 1;
        m.amountCents += cents;
        months.set(month, m);
        const county = row.division_code.slice(0, 6);
        const c = counties.get(county) ?? {
          countyCode: county,
          countyName: placeName(county) || county,
          cases: 0,
          amountCents: 0,
        };
        c.cases += 1;
        c.amountCents += cents;
        counties.set(county, c);
      }
      return {
        byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
        byCounty: [...counties.values()].sort((a, b) => a.countyCode.localeCompare(b.countyCode)),
      };
    },
  };
}
