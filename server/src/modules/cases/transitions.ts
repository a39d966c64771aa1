import { randomInt } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import { coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { parse } from '../../platform/validation';
import { dayAfter, dueOf, flagOf } from './deadlines';
import type { CaseDeps } from './deps';
import {
  assigneeInvalidError,
  assigneeRequiredError,
  caseChangedError,
  caseNotFoundError,
  notHolderError,
  opinionRequiredError,
  stageMismatchError,
  unknownActionError,
} from './errors';
import { holdsRole, organAt } from './levels';
import type { CaseModel, CaseRow } from './models';
import { holderName, levelName, organName } from './organs';
import type {
  ActionContext,
  ActionDef,
  ActionOutcome,
  ActorInfo,
  CaseRef,
  CaseTypeDef,
  Level,
  RegisteredCaseType,
  StageDef,
} from './types';
import { LEVEL_DIGITS } from './types';

/** Who is acting: a staff member (their session), a citizen (masked name for the record), or the server. */
export type Acting =
  | { kind: 'staff'; staff: StaffPrincipal }
  | { kind: 'citizen'; userId: number; displayName: string }
  | { kind: 'system'; name?: string };

export interface ActInput {
  caseId: number;
  action: string;
  acting: Acting;
  form?: unknown;
  opinion?: string | null;
  /** The version the actor was looking at: a case changed since then answers CASE_CHANGED. */
  version?: number;
}

export interface OpenInput {
  type: string;
  applicantUserId: number;
  /** The applicant's community (12 digits) or the finest division known; staff scope prefixes match it. */
  divisionCode: string;
  /** A masked label for lists: 「张*家庭（3人）」. Never personal data in clear. */
  title: string;
  acting: Acting;
  marks?: string[];
  amountCents?: number | null;
  opinion?: string | null;
  record?: Record<string, unknown>;
}

const emptyForm = z.object({});

export const toCaseRef = (row: CaseRow): CaseRef => ({
  id: row.id,
  type: row.type,
  number: row.number,
  stage: row.stage,
  status: row.status,
  applicantUserId: row.applicant_user_id,
  divisionCode: row.division_code,
  marks: row.marks,
  amountCents: row.amount_cents,
  assigneeStaffId: row.assignee_staff_id,
  stageEnteredOn: row.stage_entered_on,
  dueOn: row.due_on,
  version: row.version,
});

const NUMBER_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** DB-20261206-7K3QX9: the type, the day, six random characters (no I, L, O, U to misread). */
function caseNumber(prefix: string, today: string): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += NUMBER_CHARS[randomInt(NUMBER_CHARS.length)];
  return `${prefix}-${today.replaceAll('-', '')}-${tail}`;
}

export function makeTransitions(deps: CaseDeps) {
  const { p, models, types } = deps;

  /** The columns a case takes on entering `stage` today. */
  function entering(stage: StageDef, outcome: ActionOutcome, current: Pick<CaseRow, 'assignee_staff_id'> | null) {
    const now = p.clock.date();
    const today = p.clock.today();
    const holder = stage.holder;
    const due = stage.clock ? dueOf(stage.clock, today) : null;
    let wakeOn: string | null = null;
    if (outcome.wakeOn !== undefined) wakeOn = outcome.wakeOn;
    else if (stage.onWake && due) wakeOn = dayAfter(due.dueOn);
    // The last named worker stays on the case: an objection sends the case back to them.
    const assignee = outcome.assigneeStaffId ?? current?.assignee_staff_id ?? null;
    if (holder?.kind === 'assignee' && !assignee) throw assigneeRequiredError(stage.name);
    return {
      stage: stage.key,
      status: stage.status,
      holder_kind: holder?.kind ?? ('none' as const),
      holder_role: holder && 'role' in holder ? holder.role : null,
      holder_level: holder && 'level' in holder ? holder.level : null,
      assignee_staff_id: assignee,
      stage_entered_at: now,
      stage_entered_on: today,
      due_on: due?.dueOn ?? null,
      due_provisional: due?.provisional ?? false,
      flag: flagOf(due?.dueOn ?? null, today, stage.clock?.nearDays),
      flagged_on: due ? today : null,
      wake_on: wakeOn,
      closed_at: stage.status === 'closed' ? now : null,
      updated_at: now,
    };
  }

  /** A named worker must hold the stage's role at its level for this case's division. */
  async function checkAssignee(stage: StageDef, divisionCode: string, staffId: number | null) {
    const holder = stage.holder;
    if (holder?.kind !== 'assignee' || staffId === null) return;
    const profile = await deps.staff.profile(staffId);
    if (!profile || !holdsRole(profile, holder.role) || !organAt(profile, divisionCode, holder.level))
      throw assigneeInvalidError(levelName(holder.level));
  }

  async function staffActor(staff: StaffPrincipal, divisionCode: string, level: Level | null): Promise<ActorInfo> {
    const profile = await deps.staff.profile(staff.id);
    const organCode = level ? organAt(staff, divisionCode, level) : null;
    return {
      kind: 'staff',
      id: staff.id,
      name: profile?.displayName ?? staff.username,
      organCode,
      organName: organCode && level ? organName(organCode, level) : '民政部门',
    };
  }

  /**
   * Whether `acting` may take `action` at `stage` of the case; the actor as the history keeps
   * it. Staff outside the case's divisions get 404 (they must not learn it exists); staff inside
   * but of the wrong level, role or person get 403 naming who holds the stage.
   */
  async function authorize(row: CaseRow, stage: StageDef, action: ActionDef, acting: Acting): Promise<ActorInfo> {
    const by = action.by ?? 'holder';
    const heldBy = holderName(stage.holder, row.division_code);
    if (acting.kind === 'staff' && !coversDivision(acting.staff, row.division_code)) throw caseNotFoundError();
    if (acting.kind === 'system') {
      if (by === 'system' || (by === 'holder' && stage.holder?.kind === 'system'))
        return { kind: 'system', id: null, name: '系统', organCode: null, organName: acting.name ?? '系统自动办理' };
      throw new Error(`the system may not take ${row.type}.${stage.key}.${action.name}`);
    }
    const citizen = (who: 'applicant' | 'public'): ActorInfo => {
      if (acting.kind !== 'citizen') throw notHolderError(who === 'applicant' ? '申请人' : '公众');
      if (who === 'applicant' && acting.userId !== row.applicant_user_id) throw caseNotFoundError();
      return {
        kind: 'citizen',
        id: acting.userId,
        name: acting.displayName,
        organCode: null,
        organName: who === 'applicant' ? '申请人' : '公众',
      };
    };
    const staffAt = async (role: Parameters<typeof holdsRole>[1], level: Level, assignee: boolean) => {
      if (acting.kind !== 'staff') throw caseNotFoundError();
      const staff = acting.staff;
      const named = !assignee || staff.id === row.assignee_staff_id || staff.roles.includes('admin');
      if (!holdsRole(staff, role) || !organAt(staff, row.division_code, level) || !named)
        throw notHolderError(assignee ? heldBy : organName(row.division_code.slice(0, LEVEL_DIGITS[level]), level));
      return staffActor(staff, row.division_code, level);
    };
    if (by === 'applicant' || by === 'public') return citizen(by);
    if (by === 'system') throw notHolderError('系统');
    if (typeof by === 'object') return staffAt(by.role, by.level, false);
    const holder = stage.holder!;
    switch (holder.kind) {
      case 'applicant':
        return citizen('applicant');
      case 'system':
        throw notHolderError('系统');
      case 'staff':
        return staffAt(holder.role, holder.level, false);
      case 'assignee':
        return staffAt(holder.role, holder.level, true);
    }
  }

  function findAction(type: RegisteredCaseType, stage: StageDef, key: string): ActionDef {
    const action = stage.actions[key];
    if (action) return action;
    const elsewhere = Object.values(type.stages)
      .map((s) => s.actions[key])
      .find(Boolean);
    if (elsewhere) throw stageMismatchError(stage.name, elsewhere.name);
    throw unknownActionError();
  }

  async function writeTransition(
    row: CaseRow,
    seq: number,
    step: { action: string; actionName: string; from: string | null; to: string; opinion: string | null },
    actor: ActorInfo,
    record: unknown,
    dueOn: string | null,
    transaction: Transaction,
  ) {
    await models.Transition.create(
      {
        case_id: row.id,
        seq,
        action: step.action,
        action_name: step.actionName,
        from_stage: step.from,
        to_stage: step.to,
        opinion: step.opinion,
        organ_code: actor.organCode,
        organ_name: actor.organName,
        actor_kind: actor.kind,
        actor_id: actor.id,
        actor_name: actor.name,
        form: record === undefined || record === null ? null : JSON.stringify(record),
        due_on: dueOn,
        at: p.clock.date(),
      },
      { transaction },
    );
  }

  const citizenLink = (type: CaseTypeDef, number: string) =>
    type.citizenPage ? `${type.citizenPage}?number=${encodeURIComponent(number)}` : undefined;

  /** Runs `work` in the caller's transaction, or in one of its own. */
  const within = <T>(transaction: Transaction | undefined, work: (t: Transaction) => Promise<T>) =>
    transaction ? work(transaction) : p.db.transaction(work);

  async function open(input: OpenInput, options: { transaction?: Transaction } = {}): Promise<CaseRef> {
    const type = types.get(input.type);
    const stage = type.stages[type.initialStage];
    const actor: ActorInfo =
      input.acting.kind === 'citizen'
        ? {
            kind: 'citizen',
            id: input.acting.userId,
            name: input.acting.displayName,
            organCode: null,
            organName: '申请人',
          }
        : input.acting.kind === 'staff'
          ? await staffActor(input.acting.staff, input.divisionCode, null)
          : { kind: 'system', id: null, name: '系统', organCode: null, organName: input.acting.name ?? '系统' };
    if (input.acting.kind === 'staff' && !coversDivision(input.acting.staff, input.divisionCode))
      throw caseNotFoundError();
    return within(options.transaction, async (transaction) => {
      const now = p.clock.date();
      const fields = entering(stage, {}, null);
      const row = await models.Case.create(
        {
          type: type.key,
          number: caseNumber(type.numberPrefix, p.clock.today()),
          applicant_user_id: input.applicantUserId,
          division_code: input.divisionCode,
          title: input.title.slice(0, 100),
          marks: [...new Set(input.marks ?? [])],
          amount_cents: input.amountCents ?? null,
          version: 1,
          created_at: now,
          ...fields,
        },
        { transaction },
      );
      deps.kept.retireAfterCommit(transaction, row.division_code, [row.assignee_staff_id]);
      await writeTransition(
        row,
        1,
        { action: 'submit', actionName: '提交申请', from: null, to: stage.key, opinion: input.opinion ?? null },
        actor,
        input.record,
        fields.due_on,
        transaction,
      );
      if (input.acting.kind === 'staff')
        await p.audit.record(
          {
            actor: { type: 'staff', id: input.acting.staff.id },
            action: 'case.open',
            target: { type: 'case', id: row.number },
            detail: { type: type.key },
          },
          transaction,
        );
      return toCaseRef(row);
    });
  }

  /**
   * One transition: who may, the form, the owning module's rules and writes, the next stage
   * with its holder and statutory clock, the history row, the notice and the audit — all in one
   * transaction, so either everything happened or nothing did.
   */
  async function act(input: ActInput, options: { transaction?: Transaction } = {}) {
    return within(options.transaction, async (transaction) => {
      const row = await models.Case.findByPk(input.caseId, { transaction });
      if (!row) throw caseNotFoundError();
      return actOn(row, input, transaction);
    });
  }

  async function actOn(row: CaseModel, input: ActInput, transaction: Transaction) {
    const type = types.get(row.type);
    const stage = type.stages[row.stage];
    const action = findAction(type, stage, input.action);
    const actor = await authorize(row, stage, action, input.acting);
    if (input.version !== undefined && input.version !== row.version) throw caseChangedError();
    const form = parse(action.form ?? emptyForm, input.form ?? {});
    const opinion = input.opinion?.trim() || null;
    if (action.opinion === 'required' && !opinion) throw opinionRequiredError();
    const ctx: ActionContext = {
      caseRef: toCaseRef(row),
      form,
      opinion,
      actor,
      transaction,
      today: p.clock.today(),
    };
    await action.guard?.(ctx);
    const outcome = (await action.effect?.(ctx)) ?? {};
    const toStage = type.stages[outcome.to ?? action.to];
    if (!toStage) throw new Error(`${type.key}.${stage.key}.${input.action} chose unknown stage ${outcome.to}`);
    const fields = entering(toStage, outcome, row);
    await checkAssignee(toStage, row.division_code, fields.assignee_staff_id);
    const marks = outcome.addMarks ? [...new Set([...row.marks, ...outcome.addMarks])] : row.marks;
    const version = row.version + 1;
    const [changed] = await models.Case.update(
      {
        ...fields,
        marks,
        amount_cents: outcome.amountCents === undefined ? row.amount_cents : outcome.amountCents,
        version,
      },
      { where: { id: row.id, version: row.version }, transaction },
    );
    if (changed !== 1) throw caseChangedError();
    // The inboxes that held it and those that hold it now: its division's, the named workers'.
    deps.kept.retireAfterCommit(transaction, row.division_code, [row.assignee_staff_id, fields.assignee_staff_id]);
    await writeTransition(
      row,
      version,
      { action: input.action, actionName: action.name, from: stage.key, to: toStage.key, opinion },
      actor,
      outcome.record ?? (Object.keys(form as object).length ? form : null),
      fields.due_on,
      transaction,
    );
    if (action.notice) {
      const data = action.notice.data({ ...ctx, toStage, dueOn: fields.due_on });
      await deps.notices.notify(
        { userId: row.applicant_user_id },
        action.notice.template,
        data,
        citizenLink(type, row.number),
        { transaction },
      );
    }
    if (input.acting.kind === 'staff')
      await p.audit.record(
        {
          actor: { type: 'staff', id: input.acting.staff.id },
          action: `case.${input.action}`,
          target: { type: 'case', id: row.number },
          detail: { type: type.key, from: stage.key, to: toStage.key },
        },
        transaction,
      );
    const after = await models.Case.findByPk(row.id, { transaction });
    return toCaseRef(after!);
  }

  return { open, act, actOn, authorize, findAction };
}

export type Transitions = ReturnType<typeof makeTransitions>;
