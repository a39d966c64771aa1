import { literal, Op, type WhereOptions } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { workingDaysBetween } from '../halls';
import type { CaseDeps } from './deps';
import { prefixesByLevel } from './levels';
import type { CaseRow, Flag } from './models';
import { holderName } from './organs';

export interface InboxQuery {
  type?: string;
  stage?: string;
  flag?: Flag;
  page: number;
  pageSize: number;
}

/**
 * The cases waiting for this account: held at a stage by its role at the level of one of its
 * scope prefixes (a 9-digit prefix's 乡镇 stages, a 6-digit prefix's county stages), or assigned
 * to it by name. Admin and nationwide accounts see every case held by staff.
 */
export function inboxWhere(staff: StaffPrincipal, registered: string[]): WhereOptions {
  return { [Op.and]: [{ type: { [Op.in]: registered } }, holderWhere(staff)] };
}

function holderWhere(staff: StaffPrincipal): WhereOptions {
  const admin = staff.roles.includes('admin');
  const roleFilter = admin ? {} : { holder_role: { [Op.in]: staff.roles } };
  const byLevel = prefixesByLevel(staff);
  if (byLevel === null) return { holder_kind: { [Op.in]: ['staff', 'assignee'] }, ...roleFilter };
  const atLevels = [...byLevel].map(([level, prefixes]) => ({
    holder_level: level,
    [Op.or]: prefixes.map((prefix) => ({ division_code: { [Op.like]: `${prefix}%` } })),
  }));
  const branches: WhereOptions[] = [{ holder_kind: 'assignee', assignee_staff_id: staff.id }];
  if (atLevels.length) branches.push({ holder_kind: 'staff', ...roleFilter, [Op.or]: atLevels });
  return { [Op.or]: branches };
}

export function makeInbox(deps: CaseDeps) {
  const { p, models, types } = deps;
  // A case whose type no module registers (any more) is nobody's work here.
  const registered = () => types.all().map((type) => type.key);

  async function assigneeNames(rows: CaseRow[]) {
    const ids = [...new Set(rows.map((r) => r.assignee_staff_id).filter((id): id is number => id !== null))];
    const names = new Map<number, string>();
    for (const id of ids) names.set(id, (await deps.staff.profile(id))?.displayName ?? '（已停用）');
    return names;
  }

  function itemOf(row: CaseRow, today: string, names: Map<number, string>) {
    const type = types.get(row.type);
    const stage = type.stages[row.stage];
    return {
      id: row.id,
      number: row.number,
      type: row.type,
      typeName: type.name,
      stage: row.stage,
      stageName: stage.name,
      title: row.title,
      divisionCode: row.division_code,
      heldBy: holderName(stage.holder, row.division_code),
      assignee: row.assignee_staff_id ? { id: row.assignee_staff_id, name: names.get(row.assignee_staff_id)! } : null,
      enteredOn: row.stage_entered_on,
      dueOn: row.due_on,
      dueProvisional: Boolean(row.due_provisional),
      workingDaysLeft: row.due_on && row.due_on >= today ? workingDaysBetween(today, row.due_on) : null,
      flag: row.flag,
      marks: row.marks.map((mark) => ({ key: mark, name: type.markNames?.[mark] ?? mark })),
      amountCents: row.amount_cents,
      version: row.version,
    };
  }

  return {
    async list(staff: StaffPrincipal, query: InboxQuery) {
      const where: WhereOptions = {
        [Op.and]: [
          inboxWhere(staff, registered()),
          ...(query.type ? [{ type: query.type }] : []),
          ...(query.stage ? [{ stage: query.stage }] : []),
          ...(query.flag ? [{ flag: query.flag }] : []),
        ],
      };
      const [rows, total] = await Promise.all([
        models.Case.findAll({
          where,
          order: [
            [literal('due_on IS NULL'), 'ASC'],
            ['due_on', 'ASC'],
            ['id', 'ASC'],
          ],
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
          raw: true,
        }),
        models.Case.count({ where }),
      ]);
      const parsed = rows.map((row) => ({ ...row, marks: JSON.parse(row.marks as unknown as string) as string[] }));
      const today = p.clock.today();
      const names = await assigneeNames(parsed);
      return {
        items: parsed.map((row) => itemOf(row, today, names)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** How many cases wait, per type and stage, and how many of them are nearly or already overdue. */
    async summary(staff: StaffPrincipal) {
      const rows = (await models.Case.findAll({
        where: inboxWhere(staff, registered()),
        attributes: ['type', 'stage', 'flag', [literal('COUNT(*)'), 'count']],
        group: ['type', 'stage', 'flag'],
        raw: true,
      })) as unknown as Array<{ type: string; stage: string; flag: Flag; count: number | string }>;
      const groups = new Map<
        string,
        {
          type: string;
          typeName: string;
          stage: string;
          stageName: string;
          total: number;
          near: number;
          overdue: number;
        }
      >();
      for (const row of rows) {
        const key = `${row.type}/${row.stage}`;
        const type = types.get(row.type);
        const group = groups.get(key) ?? {
          type: row.type,
          typeName: type.name,
          stage: row.stage,
          stageName: type.stages[row.stage]?.name ?? row.stage,
          total: 0,
          near: 0,
          overdue: 0,
        };
        const count = Number(row.count);
        group.total += count;
        if (row.flag === 'near') group.near += count;
        if (row.flag === 'overdue') group.overdue += count;
        groups.set(key, group);
      }
      const stages = [...groups.values()];
      return {
        total: stages.reduce((sum, s) => sum + s.total, 0),
        near: stages.reduce((sum, s) => sum + s.near, 0),
        overdue: stages.reduce((sum, s) => sum + s.overdue, 0),
        stages,
      };
    },
  };
}
