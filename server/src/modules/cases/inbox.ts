import { literal, Op, type WhereOptions } from 'sequelize';
import { createMemo } from '../../platform/cache';
import type { StaffPrincipal } from '../../platform/context';
import { readRows } from '../../platform/db/read-rows';
import { workingDaysBetween } from '../halls';
import type { CaseDeps } from './deps';
import { prefixesByLevel } from './levels';
import type { CaseRow, Flag } from './models';
import { readerParts } from './kept';
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

/**
 * The inbox's WHERE as SQL, one part per kind of holder (the two never overlap): cases held by
 * the account's role at one of its levels and prefixes, and cases assigned to it by name. Each
 * part is a range of its own covering index (cases_inbox_cover, cases_assignee_cover), so the
 * page and the count are read from the indexes alone and only the page's rows are fetched.
 */
function inboxParts(
  staff: StaffPrincipal,
  registered: string[],
  filters: Pick<InboxQuery, 'type' | 'stage' | 'flag'>,
): Array<{ sql: string; values: unknown[] }> {
  const common: string[] = [];
  const commonValues: unknown[] = [];
  const inList = (column: string, values: unknown[]) => {
    common.push(values.length ? `${column} IN (${values.map(() => '?').join(', ')})` : '1 = 0');
    commonValues.push(...values);
  };
  inList('type', registered);
  for (const [column, value] of [
    ['type', filters.type],
    ['stage', filters.stage],
    ['flag', filters.flag],
  ] as const)
    if (value) {
      common.push(`${column} = ?`);
      commonValues.push(value);
    }
  const admin = staff.roles.includes('admin');
  const roleSql = admin ? [] : [`holder_role IN (${staff.roles.map(() => '?').join(', ') || 'NULL'})`];
  const roleValues = admin ? [] : staff.roles;
  const parts: Array<{ sql: string; values: unknown[] }> = [];
  const byLevel = prefixesByLevel(staff);
  if (byLevel === null) {
    parts.push({
      sql: ["holder_kind IN ('staff', 'assignee')", ...roleSql, ...common].join(' AND '),
      values: [...roleValues, ...commonValues],
    });
    return parts;
  }
  const ranges: string[] = [];
  const rangeValues: unknown[] = [];
  for (const [level, prefixes] of byLevel)
    for (const prefix of prefixes) {
      ranges.push('(holder_level = ? AND division_code LIKE ?)');
      rangeValues.push(level, `${prefix}%`);
    }
  if (ranges.length)
    parts.push({
      sql: [`(${ranges.join(' OR ')})`, "holder_kind = 'staff'", ...roleSql, ...common].join(' AND '),
      values: [...rangeValues, ...roleValues, ...commonValues],
    });
  parts.push({
    sql: ["assignee_staff_id = ? AND holder_kind = 'assignee'", ...common].join(' AND '),
    values: [staff.id, ...commonValues],
  });
  return parts;
}

/** The columns an inbox item shows (not the whole row). */
const ITEM_COLUMNS = [
  'id',
  'number',
  'type',
  'stage',
  'title',
  'division_code',
  'assignee_staff_id',
  'stage_entered_on',
  'due_on',
  'due_provisional',
  'flag',
  'marks',
  'amount_cents',
  'version',
]
  .map((column) => `c.${column}`)
  .join(', ');
const ORDER = 'due_on IS NULL, due_on, id';

export function makeInbox(deps: CaseDeps) {
  const { p, models, types } = deps;
  // A case whose type no module registers (any more) is nobody's work here.
  const registered = () => types.all().map((type) => type.key);

  // A colleague's name on an assigned case: kept a minute (names hardly change; a disabled
  // account shows as such within that time).
  const nameMemo = createMemo<string>(60_000, 5000);
  async function assigneeNames(rows: Array<Pick<CaseRow, 'assignee_staff_id'>>) {
    const ids = [...new Set(rows.map((r) => r.assignee_staff_id).filter((id): id is number => id !== null))];
    const found = await Promise.all(
      ids.map((id) =>
        nameMemo.get(String(id), async () => (await deps.staff.profile(id))?.displayName ?? '（已停用）'),
      ),
    );
    return new Map(ids.map((id, i) => [id, found[i]]));
  }

  type ItemRow = Pick<
    CaseRow,
    | 'id'
    | 'number'
    | 'type'
    | 'stage'
    | 'title'
    | 'division_code'
    | 'assignee_staff_id'
    | 'stage_entered_on'
    | 'due_on'
    | 'due_provisional'
    | 'flag'
    | 'marks'
    | 'amount_cents'
    | 'version'
  >;

  function itemOf(row: ItemRow, today: string, names: Map<number, string>) {
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
    /**
     * One page of the inbox and how many there are, kept (see kept.ts) until a case it covers
     * changes — in the reader's scope prefixes, or assigned to the reader — or the Beijing day
     * turns: a warm read runs no statement. The key holds everything the answer is computed
     * from: the date, the reader (id, roles, scope: one reader's answer is never another's),
     * the registered types and the query. Kept as the JSON bytes the endpoint sends.
     */
    listJson(staff: StaffPrincipal, query: InboxQuery): Promise<Buffer> {
      const key = [
        p.clock.today(),
        staff.id,
        JSON.stringify([staff.roles, staff.scope.divisions]),
        types.all().length,
        query.type ?? '',
        query.stage ?? '',
        query.flag ?? '',
        query.page,
        query.pageSize,
      ].join('|');
      return deps.kept.memo.get(readerParts(staff), key, async () =>
        Buffer.from(JSON.stringify(await read(staff, query))),
      );
    },

    summary,
  };

  /**
   * One page of the inbox and how many there are: two statements. The page is chosen from
   * the covering indexes (each part's first `offset + pageSize` by due date, then merged) and
   * only its rows are fetched; the count is each part's index range counted.
   */
  async function read(staff: StaffPrincipal, query: InboxQuery) {
    const parts = inboxParts(staff, registered(), query);
    const offset = (query.page - 1) * query.pageSize;
    const upTo = offset + query.pageSize;
    const picked = parts.map(
      (part, i) =>
        `SELECT id FROM (SELECT id FROM cases WHERE ${part.sql} ORDER BY ${ORDER} LIMIT ${upTo}) AS part${i}`,
    );
    const counted = parts.map((part) => `(SELECT COUNT(*) FROM cases WHERE ${part.sql})`);
    const values = parts.flatMap((part) => part.values);
    // Both read through mysql2 directly on MySQL (readRows): Sequelize's statement building
    // and replacements cost this page more Node time than the database's work.
    const [rows, [{ total }]] = await Promise.all([
      readRows<ItemRow & { marks: string | string[] }>(
        p.db,
        `SELECT ${ITEM_COLUMNS} FROM (${picked.join(' UNION ALL ')}) AS picked JOIN cases c ON c.id = picked.id
            ORDER BY c.due_on IS NULL, c.due_on, c.id LIMIT ${query.pageSize} OFFSET ${offset}`,
        values,
      ),
      readRows<{ total: number | string }>(p.db, `SELECT ${counted.join(' + ')} AS total`, values),
    ]);
    const parsed = rows.map((row) => ({
      ...row,
      marks: typeof row.marks === 'string' ? (JSON.parse(row.marks) as string[]) : row.marks,
    }));
    const today = p.clock.today();
    const names = await assigneeNames(parsed);
    return {
      items: parsed.map((row) => itemOf(row, today, names)),
      total: Number(total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** How many cases wait, per type and stage, and how many of them are nearly or already overdue. */
  async function summary(staff: StaffPrincipal) {
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
  }
}
