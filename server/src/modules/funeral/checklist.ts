import type { Transaction } from 'sequelize';
import { Op } from 'sequelize';
import type { z } from 'zod';
import {
  CHECKLIST_STEPS,
  type ChecklistView,
  DEATH_PLACES,
  pageLink,
  STEP_STATES,
  type ChecklistStepKey,
  type StepState,
} from '@minzheng/contracts';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { CasesApi } from '../cases';
import { addWorkingDays } from '../halls';
import { maskName } from '../identity';
import type { NoticesApi } from '../notices';
import { SUBSIDY_CASE_TYPE } from './case-types';
import type { ChecklistRow, FuneralModels } from './models';
import type { checklistBody, stepBody, subsidyBody } from './schemas';
import { STEPS, stepDef } from './steps';

export const REMINDER_NOTICE = 'funeral.step-reminder';
export const REMINDER_JOB = 'funeral.checklist-reminders';
/** A step's reminder goes out when its last day is this many working days away or fewer. */
export const REMIND_WORKING_DAYS = 5;

const checklistNotFoundError = () => notFound('未找到该办理清单');
const deathInFutureError = () => badRequest('DEATH_DATE_INVALID', '去世日期不能晚于今天');
const subsidyAppliedError = () => conflict('SUBSIDY_ALREADY_APPLIED', '已提交过丧葬补助申请，请查看办理进度');
const subsidyDeadlineError = (dueOn: string) =>
  conflict('SUBSIDY_DEADLINE_PASSED', `丧葬补助应在${dueOn}前申请，已超过申领期限，请咨询县级民政部门`);

/**
 * 身后一件事: one checklist per deceased relative, started by a citizen — each step with its office,
 * materials, state and last day; reminders through notices as a last day comes near; 丧葬补助
 * applied for from the checklist as a case on the case engine.
 */
export function makeChecklists(p: Platform, m: FuneralModels, cases: CasesApi, notices: NoticesApi) {
  async function own(userId: number, id: number, transaction?: Transaction) {
    const row = await m.Checklist.findOne({ where: { id, user_id: userId }, transaction });
    if (!row) throw checklistNotFoundError();
    return row;
  }
  async function view(list: ChecklistRow): Promise<ChecklistView> {
    const rows = await m.Step.findAll({ where: { checklist_id: list.id } });
    const byKey = new Map(rows.map((r) => [r.step_key, r]));
    const steps = await Promise.all(
      STEPS.map(async (def) => {
        const row = byKey.get(def.key)!;
        const ref = row.case_number ? await cases.byNumber(row.case_number) : null;
        const stageName = ref
          ? ((cases.describeTypes().find((t) => t.key === ref.type)?.stages ?? []).find((s) => s.key === ref.stage)
              ?.name ?? null)
          : null;
        return {
          key: def.key,
          name: CHECKLIST_STEPS[def.key],
          office: def.office(list.death_place),
          materials: def.materials,
          note: def.note,
          state: row.state,
          stateName: STEP_STATES[row.state],
          dueOn: row.due_on,
          dueBasis: def.due?.basis ?? null,
          doneOn: row.done_on,
          caseNumber: row.case_number,
          caseStage: stageName,
        };
      }),
    );
    return {
      id: list.id,
      deceasedName: list.deceased_name_masked,
      deathDate: list.death_date,
      deathPlace: list.death_place,
      deathPlaceName: DEATH_PLACES[list.death_place],
      divisionCode: list.division_code,
      steps,
    };
  }

  return {
    async start(userId: number, input: z.infer<typeof checklistBody>) {
      if (input.deathDate > p.clock.today()) throw deathInFutureError();
      const list = await p.db.transaction(async (transaction) => {
        const created = await m.Checklist.create(
          {
            user_id: userId,
            deceased_name_enc: p.pii.encrypt(input.deceasedName),
            deceased_name_masked: maskName(input.deceasedName),
            death_date: input.deathDate,
            death_place: input.deathPlace,
            division_code: input.divisionCode,
          },
          { transaction },
        );
        await m.Step.bulkCreate(
          STEPS.map((def) => ({
            checklist_id: created.id,
            step_key: def.key,
            state: 'todo' as StepState,
            due_on: def.due ? def.due.of(input.deathDate) : null,
            done_on: null,
            case_number: null,
            reminded_at: null,
            updated_at: p.clock.date(),
          })),
          { transaction },
        );
        return created;
      });
      return { checklist: await view(list) };
    },
    async mine(userId: number) {
      const rows = await m.Checklist.findAll({ where: { user_id: userId }, order: [['id', 'DESC']], limit: 20 });
      return { items: await Promise.all(rows.map((r) => view(r))) };
    },
    async get(userId: number, id: number) {
      return { checklist: await view(await own(userId, id)) };
    },
    /** The family marks a step done, not needed, or to do again (丧葬补助 follows its case). */
    async mark(userId: number, id: number, key: ChecklistStepKey, input: z.infer<typeof stepBody>) {
      const list = await own(userId, id);
      const step = await m.Step.findOne({ where: { checklist_id: id, step_key: key } });
      if (!step) throw notFound('未找到该办理事项');
      if (step.case_number && input.state !== 'done')
        throw conflict('STEP_HAS_APPLICATION', '该事项已提交申请，请在办理进度中查看');
      await step.update({
        state: input.state,
        done_on: input.state === 'done' ? p.clock.today() : null,
        updated_at: p.clock.date(),
      });
      return { checklist: await view(list) };
    },
    /** 丧葬补助 from the checklist: a case on the engine, within the step's deadline, once. */
    async applySubsidy(userId: number, id: number, input: z.infer<typeof subsidyBody>) {
      const result = await p.db.transaction(async (transaction) => {
        const list = await own(userId, id, transaction);
        const step = await m.Step.findOne({ where: { checklist_id: id, step_key: 'subsidy' }, transaction });
        if (!step) throw notFound('未找到该办理事项');
        if (step.case_number) throw subsidyAppliedError();
        if (step.due_on && p.clock.today() > step.due_on) throw subsidyDeadlineError(step.due_on);
        const opened = await cases.open(
          {
            type: SUBSIDY_CASE_TYPE,
            applicantUserId: userId,
            divisionCode: list.division_code,
            title: `${list.deceased_name_masked}（${input.relation}申请）`,
            acting: { kind: 'citizen', userId, displayName: maskName(input.applicantName) },
            record: { relation: input.relation, checklistId: id },
          },
          { transaction },
        );
        const [n] = await m.Step.update(
          { case_number: opened.number, state: 'applied', updated_at: p.clock.date() },
          { where: { id: step.id, case_number: null }, transaction },
        );
        if (n === 0) throw subsidyAppliedError();
        return { list, number: opened.number, caseId: opened.id };
      });
      return { number: result.number, caseId: result.caseId, checklist: await view(result.list) };
    },
    /** The family withdraws the 丧葬补助 application (the engine's applicant action). */
    async withdrawSubsidy(userId: number, id: number) {
      const list = await own(userId, id);
      const step = await m.Step.findOne({ where: { checklist_id: id, step_key: 'subsidy' } });
      const ref = step?.case_number ? await cases.byNumber(step.case_number) : null;
      if (!ref || ref.applicantUserId !== userId) throw notFound('未找到该申请');
      await cases.act({
        caseId: ref.id,
        action: 'withdraw',
        acting: { kind: 'citizen', userId, displayName: list.deceased_name_masked },
        opinion: '申请人主动撤回',
      });
      return { checklist: await view(list) };
    },
    /**
     * Reminders: every step still to do whose last day is REMIND_WORKING_DAYS working days away
     * or fewer (or passed) gets one notice; a conditional update makes it once, whoever runs it.
     */
    async remindDue() {
      const today = p.clock.today();
      const horizon = addWorkingDays(today, REMIND_WORKING_DAYS).date;
      const due = await m.Step.findAll({
        where: { state: 'todo', reminded_at: null, due_on: { [Op.ne]: null, [Op.lte]: horizon } },
        limit: 1000,
      });
      let sent = 0;
      for (const step of due) {
        await p.db.transaction(async (transaction) => {
          const [n] = await m.Step.update(
            { reminded_at: p.clock.date() },
            { where: { id: step.id, reminded_at: null }, transaction },
          );
          if (n === 0) return;
          const list = await m.Checklist.findByPk(step.checklist_id, { transaction });
          if (!list) return;
          const def = stepDef(step.step_key);
          await notices.notify(
            { userId: list.user_id },
            REMINDER_NOTICE,
            {
              deceased: list.deceased_name_masked,
              step: CHECKLIST_STEPS[step.step_key],
              dueOn: step.due_on!,
              office: def.office(list.death_place),
            },
            pageLink('funeralChecklist', { id: list.id }),
            { transaction },
          );
          sent++;
        });
      }
      return { sent };
    },
  };
}
export type Checklists = ReturnType<typeof makeChecklists>;
