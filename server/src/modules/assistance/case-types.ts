import { ASSISTANCE_CASE_TYPES, ASSISTANCE_KIND_NAMES, pageLink } from '@minzheng/contracts';
import { z } from 'zod';
import { conflict } from '../../platform/errors';
import type { ActionContext, ActionDef, CaseTypeDef, StageDef } from '../cases';
import type { AssistanceKind } from './models';

export const PROGRESS_TEMPLATE = 'assistance.progress';

/** The rules the case types call back into (this module's tables), given at registration. */
export interface CaseTypeHooks {
  /** Sends the household to the check centre (after the survey). */
  requestCheck(ctx: ActionContext): Promise<void>;
  /** What the check found against what was declared: empty when it agrees. */
  findings(ctx: ActionContext): Promise<string[]>;
  /** Keeps the township's proposed monthly amount (shown in the 公示 and to the county). */
  propose(ctx: ActionContext, amountCents: number | null): Promise<void>;
  proposedAmount(ctx: ActionContext): Promise<number | null>;
  /** Names the materials handed in on a request for missing ones (they must be the applicant's). */
  attachMaterials(ctx: ActionContext, materialIds: string[]): Promise<void>;
  /** Fixes the survey's photos to it (they must be this case's and in no earlier survey). */
  fixSurveyPhotos(ctx: ActionContext, photoIds: string[]): Promise<void>;
  /** Whether the county's home visit has been filed since the case last entered review. */
  countyVisited(ctx: ActionContext): Promise<boolean>;
  /** Records what a monthly case pays from the next month on (null: nothing), in the decision's transaction. */
  paymentTerm(ctx: ActionContext, action: string, amountCents: number | null): Promise<void>;
}

export const CASE_TYPE_KEYS = ASSISTANCE_CASE_TYPES;
export const KIND_OF_TYPE = Object.fromEntries(Object.entries(CASE_TYPE_KEYS).map(([k, v]) => [v, k])) as Record<
  string,
  AssistanceKind
>;
export const KIND_NAMES = ASSISTANCE_KIND_NAMES;

const CITIZEN_PAGE = pageLink('assistanceCase');

const amountCents = z
  .number({ error: '请填写金额（分）' })
  .int('金额须为整数（分）')
  .positive('金额须大于0')
  .max(10_000_000, '金额过大，请核对');
const materialIds = z
  .array(z.string().regex(/^[A-Za-z0-9_-]{20,43}$/, '材料标识无效'))
  .min(1, '请上传补充的材料')
  .max(20, '一次最多提交20份材料');

const forms = {
  assign: z.object({ assigneeStaffId: z.number({ error: '请指定入户调查人员' }).int().positive() }),
  missing: z.object({
    missing: z.array(z.string().trim().min(2, '请写明缺少的材料').max(60)).min(1, '请一次性列出所有缺少的材料').max(20),
  }),
  supplement: z.object({ materialIds, note: z.string().trim().max(500).optional() }),
  survey: z.object({
    visitedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请填写入户日期'),
    findings: z.string().trim().min(10, '请如实填写入户调查情况（至少10字）').max(2000),
    housing: z.enum(['自有住房', '租房', '借住', '其他'], { error: '请选择住房情况' }),
    livingConditionsMatch: z.boolean({ error: '请确认生活状况是否与申报一致' }),
    /** 入户调查照片: tokens from POST /api/staff/assistance/cases/:id/survey-photos. */
    photoIds: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{20,43}$/, '照片标识无效'))
      .max(9, '入户调查照片最多9张')
      .optional(),
  }),
  proposal: z.object({ amountCents }),
  countyVisit: z.object({
    visitedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请填写入户日期'),
    findings: z.string().trim().min(10, '请如实填写县级入户核查情况（至少10字）').max(2000),
  }),
  grant: z.object({ amountCents: amountCents.optional() }),
  adjust: z.object({ amountCents }),
  emergencyGrant: z.object({
    amountCents: amountCents.max(5_000_000, '先行救助金额超过上限，请按一般程序办理'),
  }),
};

const kinVisitRequiredError = () =>
  conflict('KIN_VISIT_REQUIRED', '该申请涉及工作人员近亲属备案，须经县级入户核查后方可批准');
const isKin = (ctx: ActionContext) => ctx.caseRef.marks.includes('kin');
/** 动态管理: a case in payment is reviewed again a year after each decision on it. */
const nextReview = (ctx: ActionContext) =>
  `${Number(ctx.today.slice(0, 4)) + 1}${ctx.today.slice(4)}`.replace(/-02-29$/, '-02-28');

const checkContradictsError = (findings: string[]) =>
  conflict('CHECK_CONTRADICTS', `核对结果与申报不符：${findings.join('；')}。请退回重新调查或提出不予批准意见`);

type Stages = CaseTypeDef['stages'];
type Stage = Omit<StageDef, 'key'>;

const township = { kind: 'staff', role: 'assistance_officer', level: 'township' } as const;
const county = { kind: 'staff', role: 'assistance_officer', level: 'county' } as const;
const byCounty = { role: 'assistance_officer', level: 'county' } as const;

/** Every action tells the applicant where the case went (the 消息 list, and WeChat when allowed). */
function withNotices(kindName: string, stages: Stages): Stages {
  const out: Stages = {};
  for (const [key, stage] of Object.entries(stages)) {
    const actions: Record<string, ActionDef> = {};
    for (const [actionKey, action] of Object.entries(stage.actions))
      actions[actionKey] = action.notice
        ? action
        : {
            ...action,
            notice: {
              template: PROGRESS_TEMPLATE,
              data: (ctx) => ({
                service: kindName,
                number: ctx.caseRef.number,
                step: ctx.toStage.name,
                action: action.name,
                dueOn: ctx.dueOn ?? '',
                note: ctx.toStage.citizenNote ?? '',
              }),
            },
          };
    out[key] = { ...stage, actions };
  }
  return out;
}

const withdraw: ActionDef = { name: '申请人撤回申请', to: 'withdrawn', by: 'applicant' };

/**
 * 低保 and 特困 (民发〔2021〕57号, 43号): 乡镇 受理 (missing materials listed at once) → 入户调查 by
 * a named worker → 家庭经济状况核对 (the check centre answers) → 乡镇审核 → 公示 7 working days
 * in the community (ends by itself; an objection sends the case back to investigation) → 县级确认
 * within 10 working days → granted from the following month, or refused with written reasons
 * within 3 working days. After approval: amount changes, suspension, exit.
 */
function reviewedStages(hooks: CaseTypeHooks, withPublicity: boolean, clocks: { approve: number }): Stages {
  const afterReview = withPublicity ? 'publicity' : 'approve';
  // 低保 and 特困 are paid monthly and reviewed yearly; 临时救助 is paid once.
  const periodic = withPublicity;
  const review = (ctx: ActionContext) => (periodic ? nextReview(ctx) : null);
  // 暂停 and 停止 end payment from the next month's list.
  const stopPaying = (action: string) => async (ctx: ActionContext) => {
    await hooks.paymentTerm(ctx, action, null);
  };
  const stages: Record<string, Stage> = {
    accept: {
      name: '受理',
      status: 'open',
      holder: township,
      clock: { days: 5, unit: 'working', basis: '乡镇（街道）收到申请后5个工作日内决定是否受理' },
      citizenNote: '乡镇（街道）正在审查您提交的材料',
      actions: {
        accept: {
          name: '受理并指派入户调查',
          to: 'investigate',
          form: forms.assign,
          effect: (ctx) => ({ assigneeStaffId: (ctx.form as z.infer<typeof forms.assign>).assigneeStaffId }),
        },
        request_materials: { name: '一次性告知补齐材料', to: 'supplement', form: forms.missing, opinion: 'optional' },
        reject: { name: '不予受理', to: 'refused', opinion: 'required' },
        withdraw,
      },
    },
    supplement: {
      name: '补齐材料',
      status: 'open',
      holder: { kind: 'applicant' },
      clock: { days: 10, unit: 'working', basis: '请在10个工作日内一次性补齐所列材料' },
      citizenNote: '请按告知的清单补齐材料后提交',
      actions: {
        supplement: {
          name: '补齐材料',
          to: 'accept',
          form: forms.supplement,
          effect: async (ctx) => {
            await hooks.attachMaterials(ctx, (ctx.form as z.infer<typeof forms.supplement>).materialIds);
          },
        },
        withdraw,
      },
    },
    investigate: {
      name: '入户调查',
      status: 'open',
      holder: { kind: 'assignee', role: 'assistance_officer', level: 'township' },
      clock: { days: 10, unit: 'working', basis: '入户调查一般在10个工作日内完成' },
      citizenNote: '工作人员将上门了解家庭情况，请保持电话畅通',
      actions: {
        submit_survey: {
          name: '提交入户调查结果',
          to: 'check',
          form: forms.survey,
          effect: async (ctx) => {
            await hooks.fixSurveyPhotos(ctx, (ctx.form as z.infer<typeof forms.survey>).photoIds ?? []);
            await hooks.requestCheck(ctx);
          },
        },
        withdraw,
      },
    },
    check: {
      name: '家庭经济状况核对',
      status: 'open',
      holder: { kind: 'system' },
      clock: { days: 10, unit: 'working', basis: '核对机构一般在10个工作日内反馈核对结果' },
      citizenNote: '正在依据您签署的授权书核对家庭经济状况',
      actions: {
        check_answered: { name: '核对结果已反馈', to: 'review', by: 'system' },
        withdraw,
      },
    },
    review: {
      name: '乡镇审核',
      status: 'open',
      holder: township,
      clock: { days: 5, unit: 'working', basis: '乡镇（街道）在调查核对后5个工作日内提出审核意见' },
      citizenNote: '乡镇（街道）正在根据调查和核对结果提出审核意见',
      actions: {
        propose: {
          name: withPublicity ? '审核通过，进入公示' : '审核通过，报县级审批',
          to: afterReview,
          form: forms.proposal,
          opinion: 'required',
          guard: async (ctx) => {
            const findings = await hooks.findings(ctx);
            if (findings.length) throw checkContradictsError(findings);
          },
          effect: async (ctx) => {
            await hooks.propose(ctx, (ctx.form as z.infer<typeof forms.proposal>).amountCents);
            // Without a 公示, a 近亲属 case goes to the county's home visit straight after review.
            if (!withPublicity && isKin(ctx)) return { to: 'county_visit' };
          },
        },
        return_survey: { name: '退回重新调查', to: 'investigate', opinion: 'required' },
        propose_refusal: {
          name: '提出不予批准意见',
          to: 'approve',
          opinion: 'required',
          effect: async (ctx) => {
            await hooks.propose(ctx, null);
          },
        },
        withdraw,
      },
    },
    approve: {
      name: '县级审批',
      status: 'open',
      holder: county,
      clock: {
        days: clocks.approve,
        unit: 'working',
        basis: withPublicity ? '县级民政部门在公示结束后10个工作日内作出决定' : '县级民政部门及时作出审批决定',
      },
      citizenNote: '县级民政部门正在审批',
      actions: {
        grant: {
          name: '批准',
          to: 'granted',
          bulk: true,
          form: forms.grant,
          guard: async (ctx) => {
            if (isKin(ctx) && !(await hooks.countyVisited(ctx))) throw kinVisitRequiredError();
          },
          effect: async (ctx) => {
            const chosen = (ctx.form as z.infer<typeof forms.grant>).amountCents;
            const amount = chosen ?? (await hooks.proposedAmount(ctx));
            if (!amount) throw conflict('AMOUNT_REQUIRED', '乡镇未提出拟救助金额，请填写批准金额');
            await hooks.paymentTerm(ctx, 'grant', amount);
            return { amountCents: amount, wakeOn: review(ctx) };
          },
        },
        refuse: { name: '不予批准', to: 'refusal_notice', opinion: 'required' },
      },
    },
    county_visit: {
      name: '县级入户核查',
      status: 'open',
      holder: county,
      clock: { days: 10, unit: 'working', basis: '近亲属备案的申请，县级民政部门须入户核查' },
      citizenNote: '县级民政部门将入户核查',
      actions: {
        submit_county_visit: { name: '提交县级入户核查结果', to: 'approve', form: forms.countyVisit },
      },
    },
    refusal_notice: {
      name: '书面告知理由',
      status: 'open',
      holder: county,
      clock: { days: 3, unit: 'working', basis: '不予批准的，3个工作日内书面告知申请人并说明理由' },
      citizenNote: '县级民政部门将书面告知不予批准的理由',
      actions: { notify_refusal: { name: '书面告知不予批准理由', to: 'refused', opinion: 'required' } },
    },
    granted: {
      name: '已批准，按月发放',
      status: 'active',
      citizenNote: '自批准的次月起按月发放',
      onWake: 'start_review',
      actions: {
        start_review: { name: '到期定期复核', to: 'periodic_review', by: 'system' },
        adjust: {
          name: '调整救助金额',
          to: 'granted',
          by: byCounty,
          form: forms.adjust,
          opinion: 'required',
          effect: async (ctx) => {
            const amount = (ctx.form as z.infer<typeof forms.adjust>).amountCents;
            await hooks.paymentTerm(ctx, 'adjust', amount);
            return { amountCents: amount, wakeOn: review(ctx) };
          },
        },
        suspend: {
          name: '暂停发放',
          to: 'suspended',
          by: byCounty,
          opinion: 'required',
          effect: stopPaying('suspend'),
        },
        terminate: {
          name: '停止救助（退出）',
          to: 'terminated',
          by: byCounty,
          opinion: 'required',
          effect: stopPaying('terminate'),
        },
      },
    },
    periodic_review: {
      name: '定期复核',
      status: 'active',
      holder: township,
      clock: { days: 15, unit: 'working', basis: '保障对象每年复核一次家庭经济状况' },
      citizenNote: '工作人员将复核您家庭的经济状况，期间照常发放',
      actions: {
        continue: {
          name: '复核通过，继续保障',
          to: 'granted',
          opinion: 'required',
          effect: (ctx) => ({ wakeOn: review(ctx) }),
        },
        propose_exit: { name: '复核不再符合，报县级决定', to: 'exit_review', opinion: 'required' },
      },
    },
    exit_review: {
      name: '县级复核决定',
      status: 'active',
      holder: county,
      clock: { days: 10, unit: 'working', basis: '县级民政部门作出停止或继续保障的决定' },
      actions: {
        terminate: { name: '停止救助（退出）', to: 'terminated', opinion: 'required', effect: stopPaying('terminate') },
        keep: {
          name: '继续保障',
          to: 'granted',
          opinion: 'required',
          effect: (ctx) => ({ wakeOn: review(ctx) }),
        },
      },
    },
    suspended: {
      name: '暂停发放',
      status: 'suspended',
      actions: {
        resume: {
          name: '恢复发放',
          to: 'granted',
          by: byCounty,
          opinion: 'required',
          effect: async (ctx) => {
            await hooks.paymentTerm(ctx, 'resume', ctx.caseRef.amountCents);
            return { wakeOn: review(ctx) };
          },
        },
        terminate: {
          name: '停止救助（退出）',
          to: 'terminated',
          by: byCounty,
          opinion: 'required',
          effect: stopPaying('terminate'),
        },
      },
    },
    refused: { name: '不予批准', status: 'closed', actions: {} },
    withdrawn: { name: '已撤回', status: 'closed', actions: {} },
    terminated: { name: '已停止救助', status: 'closed', actions: {} },
  };
  if (withPublicity)
    stages.publicity = {
      name: '公示',
      status: 'open',
      holder: { kind: 'system' },
      clock: { days: 7, unit: 'working', basis: '在申请人所在村（社区）公示7个工作日' },
      onWake: 'end_publicity',
      citizenNote: '正在您所在的村（社区）公示，期满无异议后报县级审批',
      actions: {
        end_publicity: {
          name: '公示期满无异议',
          to: 'approve',
          by: 'system',
          effect: (ctx) => (isKin(ctx) ? { to: 'county_visit' } : undefined),
        },
        object: { name: '公示期间收到异议，重新调查', to: 'investigate', by: 'public', opinion: 'required' },
      },
    };
  return stages;
}

/**
 * 急难型临时救助 先行救助 (国发〔2014〕47号): the 乡镇 grants first, within a working day, and
 * completes the paperwork within 5 working days; the county confirms it afterwards.
 */
function emergencyStages(): Stages {
  return {
    grant_first: {
      name: '先行救助',
      status: 'open',
      holder: township,
      clock: { days: 1, unit: 'working', basis: '急难情形，乡镇（街道）先行救助' },
      citizenNote: '乡镇（街道）正在办理先行救助',
      actions: {
        grant_first: {
          name: '先行救助',
          to: 'paperwork',
          form: forms.emergencyGrant,
          effect: (ctx) => ({ amountCents: (ctx.form as z.infer<typeof forms.emergencyGrant>).amountCents }),
        },
        reject: { name: '不符合急难情形', to: 'refused', opinion: 'required' },
      },
    },
    paperwork: {
      name: '补办审批手续',
      status: 'open',
      holder: township,
      clock: { days: 5, unit: 'working', basis: '先行救助后5个工作日内补齐审核审批手续' },
      citizenNote: '救助已发放，工作人员正在补办手续',
      actions: {
        complete_paperwork: { name: '补齐手续，报县级确认', to: 'confirm', opinion: 'required' },
      },
    },
    confirm: {
      name: '县级确认',
      status: 'open',
      holder: county,
      clock: { days: 5, unit: 'working', basis: '县级民政部门确认先行救助' },
      actions: {
        confirm: { name: '确认', to: 'completed', bulk: true },
        refuse: { name: '不予确认', to: 'refused', opinion: 'required' },
      },
    },
    completed: { name: '已救助', status: 'closed', actions: {} },
    refused: { name: '不予救助', status: 'closed', actions: {} },
  };
}

export function assistanceCaseTypes(hooks: CaseTypeHooks): CaseTypeDef[] {
  const def = (kind: AssistanceKind, numberPrefix: string, initialStage: string, stages: Stages): CaseTypeDef => ({
    key: CASE_TYPE_KEYS[kind],
    name: KIND_NAMES[kind],
    numberPrefix,
    initialStage,
    citizenPage: CITIZEN_PAGE,
    markNames: { kin: '近亲属备案' },
    stages: withNotices(KIND_NAMES[kind], stages),
  });
  return [
    def('dibao', 'DB', 'accept', reviewedStages(hooks, true, { approve: 10 })),
    def('tekun', 'TK', 'accept', reviewedStages(hooks, true, { approve: 10 })),
    // 临时救助: 15 working days overall (喀什 rule, local), no 公示 stage.
    def('temporary', 'LS', 'accept', reviewedStages(hooks, false, { approve: 3 })),
    def('emergency', 'JN', 'grant_first', emergencyStages()),
  ];
}
