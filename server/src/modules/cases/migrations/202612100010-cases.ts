import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { isSqlite, TABLE_OPTIONS } from '../../../platform/db';

/**
 * The case engine's tables.
 * - `cases`: one row per case, its current stage and who holds it, denormalized so that a
 *   clerk's inbox (holder level + division prefix + due date) is one index range.
 * - `case_transitions`: the history, append-only. Triggers refuse UPDATE and DELETE on both
 *   backends, so not even a bug (or a hand in the database console) can rewrite what an organ
 *   decided; (case_id, seq) is unique, so two clerks acting at once cannot both write step n.
 * - `case_stats_daily`: the daily clock's roll-up (open / nearly overdue / overdue cases per
 *   type, stage and 乡镇 — the finest scope a clerk has), which the statistics read instead of
 *   scanning cases. Today's rows and the first day of each month are kept.
 * - `case_clock_runs`: the days the clock has rolled up (the job runs often, rolls up once).
 */
export const up: Migration['up'] = async ({ context: qi, db }) => {
  await qi.createTable(
    'cases',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      type: { type: DataTypes.STRING(40), allowNull: false },
      number: { type: DataTypes.STRING(24), allowNull: false, unique: true },
      applicant_user_id: { type: DataTypes.INTEGER, allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      title: { type: DataTypes.STRING(100), allowNull: false },
      stage: { type: DataTypes.STRING(40), allowNull: false },
      status: { type: DataTypes.STRING(12), allowNull: false },
      holder_kind: { type: DataTypes.STRING(12), allowNull: false },
      holder_role: { type: DataTypes.STRING(32), allowNull: true },
      holder_level: { type: DataTypes.STRING(12), allowNull: true },
      assignee_staff_id: { type: DataTypes.INTEGER, allowNull: true },
      stage_entered_at: { type: DataTypes.DATE, allowNull: false },
      stage_entered_on: { type: DataTypes.CHAR(10), allowNull: false },
      due_on: { type: DataTypes.CHAR(10), allowNull: true },
      due_provisional: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      flag: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'none' },
      flagged_on: { type: DataTypes.CHAR(10), allowNull: true },
      wake_on: { type: DataTypes.CHAR(10), allowNull: true },
      marks: { type: DataTypes.STRING(255), allowNull: false, defaultValue: '[]' },
      amount_cents: { type: DataTypes.INTEGER, allowNull: true },
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
      closed_at: { type: DataTypes.DATE, allowNull: true },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('cases', ['holder_level', 'division_code', 'due_on'], { name: 'cases_inbox' });
  await qi.addIndex('cases', ['assignee_staff_id', 'due_on'], { name: 'cases_assignee' });
  await qi.addIndex('cases', ['applicant_user_id'], { name: 'cases_applicant' });
  await qi.addIndex('cases', ['wake_on'], { name: 'cases_wake' });

  await qi.createTable(
    'case_transitions',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      case_id: { type: DataTypes.INTEGER, allowNull: false },
      seq: { type: DataTypes.INTEGER, allowNull: false },
      action: { type: DataTypes.STRING(40), allowNull: false },
      action_name: { type: DataTypes.STRING(40), allowNull: false },
      from_stage: { type: DataTypes.STRING(40), allowNull: true },
      to_stage: { type: DataTypes.STRING(40), allowNull: false },
      opinion: { type: DataTypes.TEXT, allowNull: true },
      organ_code: { type: DataTypes.STRING(12), allowNull: true },
      organ_name: { type: DataTypes.STRING(100), allowNull: false },
      actor_kind: { type: DataTypes.STRING(10), allowNull: false },
      actor_id: { type: DataTypes.INTEGER, allowNull: true },
      actor_name: { type: DataTypes.STRING(64), allowNull: false },
      form: { type: DataTypes.TEXT, allowNull: true },
      due_on: { type: DataTypes.CHAR(10), allowNull: true },
      at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('case_transitions', ['case_id', 'seq'], { unique: true, name: 'case_transitions_step' });

  if (isSqlite(db)) {
    for (const op of ['UPDATE', 'DELETE'])
      await db.query(
        `CREATE TRIGGER case_transitions_no_${op.toLowerCase()} BEFORE ${op} ON case_transitions
         BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END`,
      );
  } else {
    for (const op of ['UPDATE', 'DELETE'])
      await db.query(
        `CREATE TRIGGER case_transitions_no_${op.toLowerCase()} BEFORE ${op} ON case_transitions
         FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'case history is append-only'`,
      );
  }

  await qi.createTable(
    'case_stats_daily',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      day: { type: DataTypes.CHAR(10), allowNull: false },
      type: { type: DataTypes.STRING(40), allowNull: false },
      stage: { type: DataTypes.STRING(40), allowNull: false },
      area_code: { type: DataTypes.STRING(9), allowNull: false },
      open_count: { type: DataTypes.INTEGER, allowNull: false },
      near_count: { type: DataTypes.INTEGER, allowNull: false },
      overdue_count: { type: DataTypes.INTEGER, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('case_stats_daily', ['day', 'area_code', 'type', 'stage'], {
    unique: true,
    name: 'case_stats_daily_key',
  });

  await qi.createTable(
    'case_clock_runs',
    {
      day: { type: DataTypes.CHAR(10), primaryKey: true },
      cases: { type: DataTypes.INTEGER, allowNull: false },
      finished_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
};
