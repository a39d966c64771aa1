import type { Transaction } from 'sequelize';
import type { z } from 'zod';
import type { StaffRole } from '../../platform/context';

/**
 * The levels of government a stage can be held at. A staff account's level at a case is the
 * length of the scope prefix that covers the case's division code: 2 digits 省级, 4 市级,
 * 6 县级, 9 乡镇/街道 (admin and nationwide accounts, prefix '', act at every level).
 */
export type Level = 'province' | 'city' | 'county' | 'township';
export const LEVEL_DIGITS: Record<Level, number> = { province: 2, city: 4, county: 6, township: 9 };
export const LEVEL_NAMES: Record<Level, string> = {
  province: '省级民政部门',
  city: '市级民政部门',
  county: '县级民政部门',
  township: '乡镇（街道）',
};

/** Where a case is in its life, whatever its stage: in review, in payment, paused, or finished. */
export type CaseStatus = 'open' | 'active' | 'suspended' | 'closed';

/** Who must move a stage on. */
export type StageHolder =
  /** Any account holding `role` whose scope covers the case at `level`. */
  | { kind: 'staff'; role: StaffRole; level: Level }
  /** One named account (chosen by the action that entered the stage), holding `role` at `level`. */
  | { kind: 'assignee'; role: StaffRole; level: Level }
  /** The applicant (e.g. handing in missing materials). */
  | { kind: 'applicant' }
  /** Nobody: the stage ends by a timer (a 公示 expires) or by the owning module (a check answers). */
  | { kind: 'system' };

/** Who may take an action: the stage's holder unless the action names its own. */
export type ActionBy =
  | 'holder'
  | 'applicant'
  /** Any real-named citizen (an objection to a 公示). */
  | 'public'
  /** The server itself: a timer, a job, the owning module. */
  | 'system'
  | { role: StaffRole; level: Level };

/** A statutory period. Working days follow the national calendar with 调休. */
export interface StageClock {
  days: number;
  unit: 'working' | 'calendar';
  /** Flagged "nearly overdue" when this many working days or fewer are left (default 2). */
  nearDays?: number;
  /** The rule, for people: 「县级民政部门应在公示结束后10个工作日内作出决定」. */
  basis?: string;
}

export interface CaseRef {
  id: number;
  type: string;
  number: string;
  stage: string;
  status: CaseStatus;
  applicantUserId: number;
  divisionCode: string;
  marks: string[];
  amountCents: number | null;
  assigneeStaffId: number | null;
  stageEnteredOn: string;
  dueOn: string | null;
  version: number;
}

export interface ActorInfo {
  kind: 'staff' | 'citizen' | 'system';
  id: number | null;
  name: string;
  /** The organ acting: the covering division prefix and its name (staff), or null. */
  organCode: string | null;
  organName: string;
}

/** What an action's hooks see. */
export interface ActionContext<F = unknown> {
  caseRef: CaseRef;
  form: F;
  opinion: string | null;
  actor: ActorInfo;
  transaction: Transaction;
  /** Today in Beijing. */
  today: string;
}

/** What an action's effect may change on the case besides its stage. */
export interface ActionOutcome {
  /** The stage to enter instead of the action's `to` (a branch decided by the owning module). */
  to?: string;
  amountCents?: number | null;
  /** The named worker of the next stage (a stage held by an assignee needs one). */
  assigneeStaffId?: number | null;
  /** Marks added (never removed: a 近亲属 mark stays for the life of the case). */
  addMarks?: string[];
  /** When the case wakes up by itself at a stage with `onWake` (e.g. the next periodic review). */
  wakeOn?: string | null;
  /** What the history row keeps of the form (defaults to the parsed form). */
  record?: Record<string, unknown>;
}

export interface CaseNotice<F = unknown> {
  /** A template the owning module registered with the notices module. */
  template: string;
  data(ctx: ActionContext<F> & { toStage: StageDef; dueOn: string | null }): Record<string, string>;
}

export interface ActionDef<F = any> {
  /** 受理, 提交入户调查结果, 批准 … */
  name: string;
  /** The stage entered (the effect may choose another through `outcome.to`). */
  to: string;
  by?: ActionBy;
  form?: z.ZodType<F>;
  /** An opinion is stored with every transition; most staff actions require one. */
  opinion?: 'required' | 'optional';
  /** May be taken on many cases at once (batch approval); such an action needs no per-case form. */
  bulk?: boolean;
  /** The owning module's rules: throw the one error type to refuse (nothing is written). */
  guard?(ctx: ActionContext<F>): Promise<void> | void;
  /** The owning module's writes, in the transition's transaction. */
  effect?(ctx: ActionContext<F>): Promise<ActionOutcome | undefined | void> | ActionOutcome | undefined | void;
  notice?: CaseNotice<F>;
}

export interface StageDef {
  key: string;
  /** 受理, 入户调查, 家庭经济状况核对, 乡镇审核, 公示, 县级确认 … */
  name: string;
  status: CaseStatus;
  holder?: StageHolder;
  clock?: StageClock;
  /** A system action taken by the daily clock once the case's wake date has come: on the day
   * after `dueOn` for a stage with a clock (a 公示 ends by itself), or on the date an action set. */
  onWake?: string;
  actions: Record<string, ActionDef>;
  /** What the citizen reads while the case sits here. */
  citizenNote?: string;
}

/** A kind of case another module registers: 低保, 特困, 临时救助, 养老服务补贴, 丧葬补助 … */
export interface CaseTypeDef {
  /** Stable, namespaced by the owning module: 'assistance.dibao'. */
  key: string;
  name: string;
  /** Two or three capital letters that start every case number of this type. */
  numberPrefix: string;
  initialStage: string;
  stages: Record<string, Omit<StageDef, 'key'>>;
  /** Labels of the marks this type sets: { kin: '近亲属备案' }. */
  markNames?: Record<string, string>;
  /** Where the citizen's mini-program shows one case of this type (the number is appended). */
  citizenPage?: string;
  /** Work the owning module does once a day, after the engine's clock (periodic roll-ups). */
  daily?(today: string): Promise<void>;
}

export interface RegisteredCaseType extends Omit<CaseTypeDef, 'stages'> {
  stages: Record<string, StageDef>;
}
