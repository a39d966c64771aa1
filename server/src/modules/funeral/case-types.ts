import { z } from 'zod';
import type { ActionDef, CaseTypeDef } from '../cases';

export const SUBSIDY_CASE_TYPE = 'funeral.subsidy';
export const SUBSIDY_NOTICE = 'funeral.subsidy-progress';
const CITIZEN_PAGE = 'packages/funeral/pages/checklist/index';

const county = { kind: 'staff', role: 'assistance_officer', level: 'county' } as const;
const grantForm = z.object({
  amountCents: z
    .number({ error: '请填写补助金额' })
    .int('金额应为整数（分）')
    .min(1, '补助金额应大于0')
    .max(5_000_000, '补助金额超过上限'),
});

const notice = (name: string): ActionDef['notice'] => ({
  template: SUBSIDY_NOTICE,
  data: (ctx) => ({
    number: ctx.caseRef.number,
    action: name,
    step: ctx.toStage.name,
    dueOn: ctx.dueOn ?? '',
    note: ctx.toStage.citizenNote ?? '',
  }),
});

/**
 * 丧葬补助 on the case engine: the family applies from 身后一件事; the county 民政 office
 * (assistance_officer at a 6-digit scope, the existing console case inbox) grants an amount or
 * refuses with reasons within 20 working days; the applicant may withdraw until then. Each move
 * is a notice to the family.
 */
export const subsidyCaseType: CaseTypeDef = {
  key: SUBSIDY_CASE_TYPE,
  name: '丧葬补助',
  numberPrefix: 'SZ',
  initialStage: 'review',
  citizenPage: CITIZEN_PAGE,
  stages: {
    review: {
      name: '县级民政部门审核',
      status: 'open',
      holder: county,
      clock: { days: 20, unit: 'working', basis: '县级民政部门在受理后20个工作日内作出决定' },
      citizenNote: '县级民政部门正在审核您的丧葬补助申请',
      actions: {
        grant: {
          name: '批准发放丧葬补助',
          to: 'granted',
          form: grantForm,
          opinion: 'optional',
          effect: (ctx) => ({ amountCents: (ctx.form as z.infer<typeof grantForm>).amountCents }),
          notice: notice('批准发放丧葬补助'),
        },
        refuse: { name: '不予批准', to: 'refused', opinion: 'required', notice: notice('不予批准') },
        withdraw: { name: '申请人撤回申请', to: 'withdrawn', by: 'applicant', notice: notice('已撤回') },
      },
    },
    granted: { name: '已批准', status: 'closed', actions: {}, citizenNote: '补助将发放至您填写的银行账户' },
    refused: { name: '不予批准', status: 'closed', actions: {} },
    withdrawn: { name: '已撤回', status: 'closed', actions: {} },
  },
};
