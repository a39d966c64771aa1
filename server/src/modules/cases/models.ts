import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { CaseStatus, Level, StageHolder } from './types';

export type Flag = 'none' | 'near' | 'overdue';

export interface CaseRow {
  id: number;
  type: string;
  number: string;
  applicant_user_id: number;
  division_code: string;
  title: string;
  stage: string;
  status: CaseStatus;
  holder_kind: StageHolder['kind'] | 'none';
  holder_role: string | null;
  holder_level: Level | null;
  assignee_staff_id: number | null;
  stage_entered_at: Date;
  stage_entered_on: string;
  due_on: string | null;
  due_provisional: boolean;
  flag: Flag;
  flagged_on: string | null;
  wake_on: string | null;
  marks: string[];
  amount_cents: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export interface TransitionRow {
  id: number;
  case_id: number;
  seq: number;
  action: string;
  action_name: string;
  from_stage: string | null;
  to_stage: string;
  opinion: string | null;
  organ_code: string | null;
  organ_name: string;
  actor_kind: 'staff' | 'citizen' | 'system';
  actor_id: number | null;
  actor_name: string;
  form: string | null;
  due_on: string | null;
  at: Date;
}

export interface StatsRow {
  id: number;
  day: string;
  type: string;
  stage: string;
  area_code: string;
  open_count: number;
  near_count: number;
  overdue_count: number;
}

type M<R extends object> = Model<R, Partial<R>> & R;
export type CaseModel = M<CaseRow>;
export type TransitionModel = M<TransitionRow>;
export type StatsModel = M<StatsRow>;
export type ClockRunModel = M<{ day: string; cases: number; finished_at: Date }>;

export function defineCaseModels(db: Sequelize) {
  const Case = db.define<CaseModel>(
    'Case',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      type: DataTypes.STRING,
      number: DataTypes.STRING,
      applicant_user_id: DataTypes.INTEGER,
      division_code: DataTypes.STRING,
      title: DataTypes.STRING,
      stage: DataTypes.STRING,
      status: DataTypes.STRING,
      holder_kind: DataTypes.STRING,
      holder_role: DataTypes.STRING,
      holder_level: DataTypes.STRING,
      assignee_staff_id: DataTypes.INTEGER,
      stage_entered_at: DataTypes.DATE,
      stage_entered_on: DataTypes.STRING,
      due_on: DataTypes.STRING,
      due_provisional: DataTypes.BOOLEAN,
      flag: DataTypes.STRING,
      flagged_on: DataTypes.STRING,
      wake_on: DataTypes.STRING,
      marks: {
        type: DataTypes.STRING,
        get(this: Model) {
          return JSON.parse((this.getDataValue('marks' as never) as string) ?? '[]');
        },
        set(this: Model, v: string[]) {
          this.setDataValue('marks' as never, JSON.stringify(v) as never);
        },
      },
      amount_cents: DataTypes.INTEGER,
      version: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
      closed_at: DataTypes.DATE,
    },
    // Timestamps come from the platform clock (tests move it), not Sequelize's Date.
    { tableName: 'cases', timestamps: false },
  );
  const Transition = db.define<TransitionModel>(
    'CaseTransition',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      case_id: DataTypes.INTEGER,
      seq: DataTypes.INTEGER,
      action: DataTypes.STRING,
      action_name: DataTypes.STRING,
      from_stage: DataTypes.STRING,
      to_stage: DataTypes.STRING,
      opinion: DataTypes.TEXT,
      organ_code: DataTypes.STRING,
      organ_name: DataTypes.STRING,
      actor_kind: DataTypes.STRING,
      actor_id: DataTypes.INTEGER,
      actor_name: DataTypes.STRING,
      form: DataTypes.TEXT,
      due_on: DataTypes.STRING,
      at: DataTypes.DATE,
    },
    { tableName: 'case_transitions', timestamps: false },
  );
  const Stats = db.define<StatsModel>(
    'CaseStatsDaily',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      day: DataTypes.STRING,
      type: DataTypes.STRING,
      stage: DataTypes.STRING,
      area_code: DataTypes.STRING,
      open_count: DataTypes.INTEGER,
      near_count: DataTypes.INTEGER,
      overdue_count: DataTypes.INTEGER,
    },
    { tableName: 'case_stats_daily', timestamps: false },
  );
  const ClockRun = db.define<ClockRunModel>(
    'CaseClockRun',
    {
      day: { type: DataTypes.STRING, primaryKey: true },
      cases: DataTypes.INTEGER,
      finished_at: DataTypes.DATE,
    },
    { tableName: 'case_clock_runs', timestamps: false },
  );
  return {
    Case: Case as ModelStatic<CaseModel>,
    Transition: Transition as ModelStatic<TransitionModel>,
    Stats: Stats as ModelStatic<StatsModel>,
    ClockRun: ClockRun as ModelStatic<ClockRunModel>,
  };
}

export type CaseModels = ReturnType<typeof defineCaseModels>;
