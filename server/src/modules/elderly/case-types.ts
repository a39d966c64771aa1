import {
  CARE_LEVEL_NAMES,
  CARE_LEVELS,
  type CareLevel,
  ELDERLY_CASE_TYPE_NAMES,
  ELDERLY_CASE_TYPES,
  pageLink,
} from '@minzheng/contracts';
import { z } from 'zod';
import type { ActionContext, ActionDef, CaseTypeDef } from '../cases';

export const PROGRESS_TEMPLATE = 'elderly.progress';

/** This module's writes the case types call back into (its claims table). */
export interface CaseTypeHooks {
  /** The case closed without payment: the person may claim again. */
  release(ctx: ActionContext): Promise<void>;
  /** The monthly amount the claim was offered at (高龄津贴). */
  offeredAmount(ctx: ActionContext): Promise<number | null>;
  /** An assessment booking ended without a result (its slot's place back when `freeSlot`). */
  assessmentEnded(ctx: ActionContext, freeSlot: boolean): Promise<void>;
  /** Staff recorded the assessed level. */
  assessmentLevel(ctx: ActionContext, level: CareLevel): Promise<void>;
}

const township = { kind: 'staff', role: 'elderly_officer', level: 'township' } as const;
const county = { kind: 'staff', role: 'elderly_officer', level: 'county' } as const;
const byCounty = { role: 'elderly_officer', level: 'county' } as const;

const amountForm = z.object({
  amountCents: z
    .number({ error: '请填写每月补贴金额（分）' })
    .int('金额须为整数（分）')
    .positive('金额须大于0')
    .max(1_000_000, '金额过大，请核对'),
});

type Stages = CaseTypeDef['stages'];

function withNotices(service: string, stages: Stages): Stages {
  const out: Stages = {};
  for (const [key, stage] of Object.entries(stages)) {
    const actions: Record<string, ActionDef> = {};
    for (const [actionKey, action] of Object.entries(stage.actions))
      actions[actionKey] = {
        ...action,
        notice: {
          template: PROGRESS_TEMPLATE,
          data: (ctx) => ({
            service,
            number: ctx.caseRef.number,
            step: ctx.toStage.name,
            action: action.name,
            note: ctx.toStage.citizenNote ?? '',
          }),
        },
      };
    out[key] = { ...stage, actions };
  }
  return out;
}

export function elderlyCaseTypes(hooks: CaseTypeHooks): CaseTypeDef[] {
  const release = async (ctx: ActionContext) => {
    await hooks.release(ctx);
  };
  const withdraw: ActionDef = { name: '申请人撤回', to: 'withdrawn', by: 'applicant', effect: release };
  const paying = {
    name: '已批准，按月发放',
    status: 'active' as const,
    citizenNote: '自批准的次月起按月发放',
    actions: {
      terminate: { name: '停止发放', to: 'terminated', by: byCounty, opinion: 'required' as const, effect: release },
    },
  };
  const closed = {
    refused: { name: '不予批准', status: 'closed' as const, actions: {} },
    withdrawn: { name: '已撤回', status: 'closed' as const, actions: {} },
    terminated: { name: '已停止发放', status: 'closed' as const, actions: {} },
  };

  /**
   * 高龄津贴 (免申即享): the server found the age on the bound ID and the citizen confirmed; the
   * county checks the 户籍 and residence and approves at the regional amount, or refuses.
   */
  const ageAllowance: Stages = {
    review: {
      name: '县级审核',
      status: 'open',
      holder: county,
      clock: { days: 10, unit: 'working', basis: '县级民政部门在确认后10个工作日内审核' },
      citizenNote: '县级民政部门正在核对户籍与居住情况',
      actions: {
        approve: {
          name: '审核通过',
          to: 'granted',
          bulk: true,
          effect: async (ctx) => ({ amountCents: await hooks.offeredAmount(ctx) }),
        },
        refuse: { name: '不予批准', to: 'refused', opinion: 'required', effect: release },
        withdraw,
      },
    },
    granted: paying,
    ...closed,
  };

  /** 养老服务补贴: the 乡镇 accepts, the county approves an amount for the assessed level. */
  const serviceSubsidy: Stages = {
    accept: {
      name: '受理',
      status: 'open',
      holder: township,
      clock: { days: 5, unit: 'working', basis: '乡镇（街道）收到申请后5个工作日内决定是否受理' },
      citizenNote: '乡镇（街道）正在审查您的申请',
      actions: {
        accept: { name: '受理，报县级审批', to: 'approve', opinion: 'optional' },
        reject: { name: '不予受理', to: 'refused', opinion: 'required', effect: release },
        withdraw,
      },
    },
    approve: {
      name: '县级审批',
      status: 'open',
      holder: county,
      clock: { days: 10, unit: 'working', basis: '县级民政部门在受理后10个工作日内审批' },
      citizenNote: '县级民政部门正在审批',
      actions: {
        approve: {
          name: '批准',
          to: 'granted',
          form: amountForm,
          effect: (ctx) => ({ amountCents: (ctx.form as z.infer<typeof amountForm>).amountCents }),
        },
        refuse: { name: '不予批准', to: 'refused', opinion: 'required', effect: release },
        withdraw,
      },
    },
    granted: paying,
    ...closed,
  };

  /**
   * 能力评估: the organization's staff (elderly_staff of its 乡镇) confirm the booking, then record
   * the level found (GB/T 42195) or that the person did not come.
   */
  const orgStaff = { kind: 'staff', role: 'elderly_staff', level: 'township' } as const;
  const levelForm = z.object({
    level: z.enum(CARE_LEVELS as [CareLevel, ...CareLevel[]], { error: '请选择评估结果等级' }),
  });
  const ended = (freeSlot: boolean) => async (ctx: ActionContext) => {
    await hooks.assessmentEnded(ctx, freeSlot);
  };
  const withdrawBooking: ActionDef = { name: '申请人取消预约', to: 'withdrawn', by: 'applicant', effect: ended(true) };
  const assessment: Stages = {
    confirm: {
      name: '待评估机构确认',
      status: 'open',
      holder: orgStaff,
      clock: { days: 3, unit: 'working', basis: '评估机构在预约后3个工作日内确认' },
      citizenNote: '评估机构正在确认您的预约',
      actions: {
        confirm: { name: '确认预约', to: 'scheduled', opinion: 'optional' },
        refuse: { name: '无法安排', to: 'refused', opinion: 'required', effect: ended(true) },
        withdraw: withdrawBooking,
      },
    },
    scheduled: {
      name: '待评估',
      status: 'open',
      holder: orgStaff,
      citizenNote: '请按预约时间携带身份证前往评估机构',
      actions: {
        record: {
          name: '录入评估结果',
          to: 'assessed',
          form: levelForm,
          effect: async (ctx) => {
            const { level } = ctx.form as z.infer<typeof levelForm>;
            await hooks.assessmentLevel(ctx, level);
            return { record: { level, levelName: CARE_LEVEL_NAMES[level] } };
          },
        },
        absent: { name: '未到场', to: 'absent', opinion: 'optional', effect: ended(false) },
        withdraw: withdrawBooking,
      },
    },
    assessed: { name: '已评估', status: 'closed', citizenNote: '评估结果已录入，可据此申请相应补贴', actions: {} },
    refused: { name: '未能安排', status: 'closed', actions: {} },
    withdrawn: { name: '已取消', status: 'closed', actions: {} },
    absent: { name: '未到场', status: 'closed', actions: {} },
  };

  return [
    {
      key: ELDERLY_CASE_TYPES.assessment,
      name: ELDERLY_CASE_TYPE_NAMES.assessment,
      numberPrefix: 'PG',
      initialStage: 'confirm',
      citizenPage: pageLink('elderlyAssessment'),
      stages: withNotices(ELDERLY_CASE_TYPE_NAMES.assessment, assessment),
    },
    {
      key: ELDERLY_CASE_TYPES.ageAllowance,
      name: ELDERLY_CASE_TYPE_NAMES.ageAllowance,
      numberPrefix: 'GL',
      initialStage: 'review',
      citizenPage: pageLink('elderlyAllowance'),
      stages: withNotices(ELDERLY_CASE_TYPE_NAMES.ageAllowance, ageAllowance),
    },
    {
      key: ELDERLY_CASE_TYPES.serviceSubsidy,
      name: ELDERLY_CASE_TYPE_NAMES.serviceSubsidy,
      numberPrefix: 'YB',
      initialStage: 'accept',
      citizenPage: pageLink('elderlyAllowance'),
      stages: withNotices(ELDERLY_CASE_TYPE_NAMES.serviceSubsidy, serviceSubsidy),
    },
  ];
}
