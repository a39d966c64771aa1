import { Op, QueryTypes, UniqueConstraintError } from 'sequelize';
import { AppError } from '../../platform/errors';
import { dayAfter, DEFAULT_NEAR_DAYS, dueOf, nearLimit } from './deadlines';
import type { CaseDeps } from './deps';
import type { Transitions } from './transitions';

export const CLOCK_JOB = 'cases.daily-clock';
const BATCH = 5000;
const WAKE_BATCH = 200;

/**
 * The statutory clock, run by a job several times a day and idempotent: running it twice, or
 * on two workers, leaves the same state.
 * 1. Cases whose wake date has come take their stage's timed action (a 公示 ends by itself the
 *    day after its last day; a granted case opens its periodic review), each in its own
 *    transaction; one that someone moved meanwhile is left for the next run.
 * 2. Deadlines counted past the published holiday arrangement (暂定) are recomputed, so a case
 *    follows the calendar once the next year's arrangement is installed.
 * 3. Every case with a deadline is flagged: overdue after its last day, nearly overdue within
 *    its stage's warning days — set-based updates over id ranges, only rows whose flag changes.
 *    The flags are what the holders' inboxes sort and count.
 * 4. Once a day: the roll-up of open cases per type, stage and 乡镇 for the statistics, and each
 *    case type's own daily work.
 */
export function makeDailyClock(deps: CaseDeps, transitions: Transitions) {
  const { p, models, types } = deps;
  const db = p.db;

  async function wake(today: string) {
    let after = 0;
    let woken = 0;
    for (;;) {
      const rows = await models.Case.findAll({
        where: { wake_on: { [Op.lte]: today }, id: { [Op.gt]: after } },
        attributes: ['id', 'type', 'stage', 'version'],
        order: [['id', 'ASC']],
        limit: WAKE_BATCH,
        raw: true,
      });
      if (!rows.length) return woken;
      for (const row of rows) {
        after = row.id;
        // A case whose type no module registers (any more) is nobody's work: left as it is
        // rather than stopping the clock for every other case.
        if (!types.has(row.type)) continue;
        const stage = types.get(row.type).stages[row.stage];
        if (!stage.onWake) {
          // A wake date left from an earlier stage: nothing to do at this one.
          await models.Case.update({ wake_on: null }, { where: { id: row.id, version: row.version } });
          continue;
        }
        try {
          await transitions.act({
            caseId: row.id,
            action: stage.onWake,
            acting: { kind: 'system' },
            version: row.version,
          });
          woken++;
        } catch (err) {
          if (err instanceof AppError) {
            p.logger.warn({ case: row.id, code: err.code }, 'case did not wake: its owner refused');
            continue;
          }
          throw err;
        }
      }
    }
  }

  async function recomputeProvisional() {
    let after = 0;
    let moved = 0;
    const memo = new Map<string, ReturnType<typeof dueOf>>();
    for (;;) {
      const rows = await models.Case.findAll({
        where: { due_provisional: true, id: { [Op.gt]: after } },
        attributes: ['id', 'type', 'stage', 'stage_entered_on', 'due_on', 'wake_on', 'version'],
        order: [['id', 'ASC']],
        limit: BATCH,
        raw: true,
      });
      if (!rows.length) return moved;
      for (const row of rows) {
        after = row.id;
        if (!types.has(row.type)) continue; // nobody's work (see wake)
        const stage = types.get(row.type).stages[row.stage];
        if (!stage.clock) continue;
        const key = `${stage.clock.unit}:${stage.clock.days}:${row.stage_entered_on}`;
        const due = memo.get(key) ?? dueOf(stage.clock, row.stage_entered_on);
        memo.set(key, due);
        if (due.dueOn === row.due_on && due.provisional) continue;
        const wakeOn = stage.onWake && row.wake_on === dayAfter(row.due_on!) ? dayAfter(due.dueOn) : row.wake_on;
        await models.Case.update(
          { due_on: due.dueOn, due_provisional: due.provisional, wake_on: wakeOn },
          { where: { id: row.id, version: row.version } },
        );
        moved++;
      }
    }
  }

  /** (type, stage) pairs grouped by how many working days ahead they warn. */
  function warningGroups() {
    const groups = new Map<number, Array<{ type: string; stages: string[] }>>();
    for (const type of types.all()) {
      const byDays = new Map<number, string[]>();
      for (const stage of Object.values(type.stages)) {
        if (!stage.clock) continue;
        const days = stage.clock.nearDays ?? DEFAULT_NEAR_DAYS;
        byDays.set(days, [...(byDays.get(days) ?? []), stage.key]);
      }
      for (const [days, stages] of byDays) groups.set(days, [...(groups.get(days) ?? []), { type: type.key, stages }]);
    }
    return groups;
  }

  /** How many cases changed flag (set-based: the rows are not named). */
  async function flagAll(today: string) {
    let changed = 0;
    const [{ maxId }] = await db.query<{ maxId: number | null }>('SELECT MAX(id) AS maxId FROM cases', {
      type: QueryTypes.SELECT,
    });
    const groups = warningGroups();
    for (let from = 0; from < Number(maxId ?? 0); from += BATCH) {
      for (const [days, pairs] of groups) {
        const replacements: Record<string, unknown> = { today, limit: nearLimit(today, days), from, to: from + BATCH };
        const which = pairs
          .map((pair, i) => {
            replacements[`type${i}`] = pair.type;
            replacements[`stages${i}`] = pair.stages;
            return `(type = :type${i} AND stage IN (:stages${i}))`;
          })
          .join(' OR ');
        const flag = `CASE WHEN due_on < :today THEN 'overdue' WHEN due_on <= :limit THEN 'near' ELSE 'none' END`;
        const [, affected] = (await db.query(
          `UPDATE cases SET flag = ${flag}, flagged_on = :today
           WHERE id > :from AND id <= :to AND due_on IS NOT NULL AND (${which}) AND flag <> ${flag}`,
          { replacements, type: QueryTypes.UPDATE },
        )) as unknown as [unknown, number | undefined];
        // An answer that does not say how many changed counts as a change.
        changed += typeof affected === 'number' ? affected : 1;
      }
    }
    return changed;
  }

  async function rollUp(today: string) {
    if (await models.ClockRun.findByPk(today)) return false;
    const rows = await db.query<{
      type: string;
      stage: string;
      area_code: string;
      open_count: number;
      near_count: number;
      overdue_count: number;
    }>(
      `SELECT type, stage, SUBSTR(division_code, 1, 9) AS area_code, COUNT(*) AS open_count,
              SUM(CASE WHEN flag = 'near' THEN 1 ELSE 0 END) AS near_count,
              SUM(CASE WHEN flag = 'overdue' THEN 1 ELSE 0 END) AS overdue_count
       FROM cases WHERE status <> 'closed' GROUP BY type, stage, SUBSTR(division_code, 1, 9)`,
      { type: QueryTypes.SELECT },
    );
    const total = rows.reduce((sum, r) => sum + Number(r.open_count), 0);
    try {
      await db.transaction(async (transaction) => {
        // Today's snapshot replaces any earlier one of today; older days keep only the month's first.
        await models.Stats.destroy({
          where: { [Op.or]: [{ day: today }, { day: { [Op.lt]: today, [Op.notLike]: '%-01' } }] },
          transaction,
        });
        for (let i = 0; i < rows.length; i += 1000)
          await models.Stats.bulkCreate(
            rows.slice(i, i + 1000).map((r) => ({
              day: today,
              type: r.type,
              stage: r.stage,
              area_code: r.area_code,
              open_count: Number(r.open_count),
              near_count: Number(r.near_count),
              overdue_count: Number(r.overdue_count),
            })),
            { transaction },
          );
        await models.ClockRun.create({ day: today, cases: total, finished_at: p.clock.date() }, { transaction });
      });
    } catch (err) {
      // Another run rolled today up first: its snapshot stands.
      if (err instanceof UniqueConstraintError) return false;
      throw err;
    }
    for (const type of types.all()) await type.daily?.(today);
    return true;
  }

  return {
    async run() {
      const today = p.clock.today();
      const started = Date.now();
      const woken = await wake(today);
      const moved = await recomputeProvisional();
      const flagged = await flagAll(today);
      // Deadlines and flags are what inboxes show and count: when any moved, every kept inbox
      // answer retires (the woken cases retired theirs through their transitions). A run that
      // changes nothing — most runs of a day — leaves them standing.
      if (moved || flagged) await deps.kept.retireAll();
      const rolledUp = await rollUp(today);
      const result = { today, woken, moved, flagged, rolledUp, ms: Date.now() - started };
      p.logger.info(result, 'case clock');
      return result;
    },
  };
}

export type DailyClock = ReturnType<typeof makeDailyClock>;
