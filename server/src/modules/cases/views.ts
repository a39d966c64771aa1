import { Op } from 'sequelize';
import { z } from 'zod';
import { coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { workingDaysBetween } from '../halls';
import type { CaseDeps } from './deps';
import { caseNotFoundError } from './errors';
import type { CaseModel, TransitionRow } from './models';
import { holderName } from './organs';
import type { Transitions } from './transitions';
import type { CaseStatus, RegisteredCaseType } from './types';

export const STATUS_NAMES: Record<CaseStatus, string> = {
  open: '办理中',
  active: '已批准',
  suspended: '已暂停',
  closed: '已办结',
};

/** 王芳 → 王*: citizens see which organ acted and a masked person, never a clerk's full name. */
const maskPerson = (name: string) => (name.length <= 1 ? name : `${[...name][0]}${'*'.repeat([...name].length - 1)}`);

export function makeViews(deps: CaseDeps, transitions: Transitions) {
  const { p, models, types } = deps;

  function current(row: CaseModel, type: RegisteredCaseType) {
    const stage = type.stages[row.stage];
    const today = p.clock.today();
    return {
      stage: row.stage,
      stageName: stage.name,
      heldBy: holderName(stage.holder, row.division_code),
      enteredOn: row.stage_entered_on,
      dueOn: row.due_on,
      /** Past the published holiday arrangement: shown as 暂定 and recomputed once it is published. */
      dueProvisional: row.due_provisional,
      basis: stage.clock?.basis ?? null,
      workingDaysLeft: row.due_on && row.due_on >= today ? workingDaysBetween(today, row.due_on) : null,
      overdue: Boolean(row.due_on && row.due_on < today),
      flag: row.flag,
      note: stage.citizenNote ?? null,
    };
  }

  const stepOf = (t: TransitionRow, type: RegisteredCaseType, audience: 'citizen' | 'staff') => ({
    seq: t.seq,
    at: t.at,
    action: t.action,
    actionName: t.action_name,
    fromStage: t.from_stage,
    toStage: t.to_stage,
    stageName: type.stages[t.to_stage]?.name ?? t.to_stage,
    organName: t.organ_name,
    person: audience === 'staff' || t.actor_kind !== 'staff' ? t.actor_name : maskPerson(t.actor_name),
    opinion: t.opinion,
    dueOn: t.due_on,
    ...(audience === 'staff' ? { form: t.form ? JSON.parse(t.form) : null, actorKind: t.actor_kind } : {}),
  });

  async function history(caseId: number) {
    return models.Transition.findAll({ where: { case_id: caseId }, order: [['seq', 'ASC']], raw: true });
  }

  function summary(row: CaseModel) {
    const type = types.get(row.type);
    return {
      id: row.id,
      number: row.number,
      type: row.type,
      typeName: type.name,
      title: row.title,
      status: row.status,
      statusName: STATUS_NAMES[row.status],
      amountCents: row.amount_cents,
      divisionCode: row.division_code,
      marks: row.marks.map((mark) => ({ key: mark, name: type.markNames?.[mark] ?? mark })),
      createdAt: row.created_at,
      closedAt: row.closed_at,
    };
  }

  /** What a staff member may do on the case now, each action with its form as JSON Schema. */
  async function actionsFor(staff: StaffPrincipal, row: CaseModel) {
    const type = types.get(row.type);
    const stage = type.stages[row.stage];
    const out = [];
    for (const [key, action] of Object.entries(stage.actions)) {
      try {
        await transitions.authorize(row, stage, action, { kind: 'staff', staff });
      } catch (err) {
        if (err instanceof AppError) continue;
        throw err;
      }
      out.push({
        key,
        name: action.name,
        to: action.to,
        toName: type.stages[action.to].name,
        opinion: action.opinion ?? 'optional',
        bulk: Boolean(action.bulk),
        form: action.form ? z.toJSONSchema(action.form, { unrepresentable: 'any' }) : null,
      });
    }
    return out;
  }

  return {
    summary,
    /** The citizen's view: the case, its current stage with the legal deadline and who holds it, every step. */
    async forApplicant(userId: number, number: string) {
      const row = await models.Case.findOne({ where: { number } });
      if (!row || row.applicant_user_id !== userId || !types.has(row.type)) throw caseNotFoundError();
      const type = types.get(row.type);
      return {
        case: summary(row),
        current: current(row, type),
        steps: (await history(row.id)).map((t) => stepOf(t, type, 'citizen')),
      };
    },
    async mine(userId: number) {
      const rows = await models.Case.findAll({
        where: { applicant_user_id: userId, type: { [Op.in]: types.all().map((type) => type.key) } },
        order: [['id', 'DESC']],
        limit: 100,
      });
      return { items: rows.map((row) => ({ ...summary(row), current: current(row, types.get(row.type)) })) };
    },
    /** A staff member's view (404 outside their divisions). */
    async forStaff(staff: StaffPrincipal, caseId: number) {
      const row = await models.Case.findByPk(caseId);
      if (!row || !coversDivision(staff, row.division_code) || !types.has(row.type)) throw caseNotFoundError();
      const type = types.get(row.type);
      const assignee = row.assignee_staff_id ? await deps.staff.profile(row.assignee_staff_id) : null;
      return {
        case: { ...summary(row), version: row.version },
        current: {
          ...current(row, type),
          assignee: row.assignee_staff_id
            ? { id: row.assignee_staff_id, name: assignee?.displayName ?? '（已停用）' }
            : null,
        },
        actions: await actionsFor(staff, row),
        steps: (await history(row.id)).map((t) => stepOf(t, type, 'staff')),
      };
    },
    /** A case row for the owning module's own views (no scope check: the module checks). */
    async row(caseId: number) {
      return models.Case.findByPk(caseId);
    },
  };
}

export type CaseViews = ReturnType<typeof makeViews>;
