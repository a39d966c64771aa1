import type { Platform } from '../../platform/platform';
import type { CasesApi } from '../cases';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import { makeApply } from './apply';
import { assistanceCaseTypes, CASE_TYPE_KEYS, PROGRESS_TEMPLATE } from './case-types';
import { CHECK_POLL_JOB, makeChecks } from './checks';
import type { AssistanceDeps } from './deps';
import { applicationNotFoundError } from './errors';
import { type HouseholdCheckAdapter, householdCheckFor } from './household-check';
import { makeKinRegister } from './kin';
import { makeMaterials } from './materials';
import { defineAssistanceModels } from './models';
import { makePayments, PAYMENT_JOB, PAYMENT_TEMPLATE } from './payments';
import { makePublicity } from './publicity';
import { makeReports, REPORT_TEMPLATE, type ReportNotice } from './reports';
import { assistanceRoutes } from './routes';
import { makeStandards } from './standards';
import { makeSurveyPhotos } from './survey-photos';
import { makeViews } from './views';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';
export { CASE_TYPE_KEYS } from './case-types';
export type { HouseholdCheckAdapter } from './household-check';

interface Deps {
  cases: CasesApi;
  identity: IdentityApi;
  notices: NoticesApi;
  /** Tests and the seed may hand in their own check centre; by default the configuration decides. */
  check?: HouseholdCheckAdapter;
}

interface ProgressNotice {
  service: string;
  number: string;
  step: string;
  action: string;
  dueOn: string;
  note: string;
}

function makeAssistanceApi(p: Platform, deps: Deps) {
  const models = defineAssistanceModels(p.db);
  const check = deps.check ?? householdCheckFor(p.config, () => p.clock.date());
  const materials = makeMaterials(p, models);
  const own: AssistanceDeps = {
    p,
    models,
    cases: deps.cases,
    identity: deps.identity,
    notices: deps.notices,
    check,
    materials,
  };
  const checks = makeChecks(own);
  const kin = makeKinRegister(own);
  const standards = makeStandards(own);
  const payments = makePayments(own);
  const surveyPhotos = makeSurveyPhotos(own);

  const appOfCase = async (caseId: number, transaction?: import('sequelize').Transaction) => {
    const row = await models.Application.findOne({ where: { case_id: caseId }, transaction });
    if (!row) throw applicationNotFoundError();
    return row;
  };
  for (const type of assistanceCaseTypes({
    requestCheck: (ctx) => checks.request(ctx),
    findings: (ctx) => checks.findings(ctx.caseRef.id, ctx.transaction),
    async propose(ctx, amountCents) {
      const app = await appOfCase(ctx.caseRef.id, ctx.transaction);
      await app.update(
        { proposed_amount_cents: amountCents, updated_at: p.clock.date() },
        { transaction: ctx.transaction },
      );
    },
    async proposedAmount(ctx) {
      return (await appOfCase(ctx.caseRef.id, ctx.transaction)).proposed_amount_cents;
    },
    async countyVisited(ctx) {
      const steps = await deps.cases.history(ctx.caseRef.id);
      const last = (pred: (s: { action: string; to_stage: string }) => boolean) => {
        for (let i = steps.length - 1; i >= 0; i--) if (pred(steps[i])) return i;
        return -1;
      };
      return last((s) => s.action === 'submit_county_visit') > last((s) => s.to_stage === 'investigate');
    },
    fixSurveyPhotos: (ctx, photoIds) => surveyPhotos.fix(ctx.caseRef.id, photoIds, ctx.transaction),
    paymentTerm: (ctx, action, amountCents) => payments.recordTerm(ctx, action, amountCents),
    async attachMaterials(ctx, ids) {
      const app = await appOfCase(ctx.caseRef.id, ctx.transaction);
      await materials.attach(ctx.caseRef.applicantUserId, app.id, ids, ctx.transaction);
    },
  }))
    deps.cases.registerType({
      ...type,
      daily: () => (type.key === CASE_TYPE_KEYS.dibao ? checks.pollPending() : Promise.resolve()),
    });

  deps.notices.templates.register<ReportNotice>({
    key: REPORT_TEMPLATE,
    kind: 'complaint',
    render: (d) => ({
      title: '监督举报办理进度',
      body: d.result
        ? `您的监督举报（${d.number}）已办结。处理结果：${d.result}`
        : `您的监督举报（${d.number}）已受理，正在核查，办结后将告知处理结果。`,
    }),
  });
  deps.notices.templates.register<ProgressNotice>({
    key: PROGRESS_TEMPLATE,
    kind: 'application',
    render: (d) => ({
      title: `${d.service}办理进度`,
      body: `您的申请（${d.number}）：${d.action}，当前环节「${d.step}」${d.dueOn ? `，办理时限至${d.dueOn}` : ''}。${d.note}`,
    }),
  });

  deps.notices.templates.register<{ service: string; number: string; month: string; amount: string; reason: string }>({
    key: PAYMENT_TEMPLATE,
    kind: 'application',
    render: (d) => ({
      title: `${d.service}发放失败`,
      body: `您的${d.service}（${d.number}）${d.month.slice(0, 4)}年${Number(d.month.slice(5))}月${d.amount}元发放失败：${d.reason}。请核对收款账户后联系乡镇（街道）社会救助窗口，核实后将补发。`,
    }),
  });

  const views = makeViews(own, checks, payments, surveyPhotos);
  return {
    models,
    materials,
    surveyPhotos,
    standards,
    checks,
    views,
    kin,
    payments,
    apply: makeApply(own, kin),
    publicity: makePublicity(own),
    reports: makeReports(own),
    /** The applicant's own actions on their case (withdraw, hand in missing materials). */
    async applicantActs(userId: number, number: string, action: string, form: unknown, opinion: string | null) {
      const ref = await deps.cases.byNumber(number);
      if (!ref || ref.applicantUserId !== userId || !Object.values(CASE_TYPE_KEYS).includes(ref.type))
        throw applicationNotFoundError();
      const who = await appOfCase(ref.id);
      return deps.cases.act({
        caseId: ref.id,
        action,
        acting: { kind: 'citizen', userId, displayName: who.head_name_masked },
        form,
        opinion,
      });
    },
  };
}

export type AssistanceApi = ReturnType<typeof makeAssistanceApi>;

/**
 * 社会救助: 低保, 特困, 临时救助 and 急难型先行救助 as case types of the engine, with the family's
 * application, the household economic check (an adapter: the simulator or the real centre),
 * the 公示 and the local standards.
 */
export function createAssistance(p: Platform, deps: Deps) {
  const api = makeAssistanceApi(p, deps);
  p.jobs.define<{ applicationId: number }>(
    CHECK_POLL_JOB,
    async ({ applicationId }) => {
      const state = await api.checks.poll(applicationId);
      // The centre has not answered yet: ask again in an hour (the daily hook is the backstop).
      if (state === 'pending')
        await p.jobs.enqueue(
          CHECK_POLL_JOB,
          { applicationId },
          { delayMs: 3600_000, jobId: `check-${applicationId}-${p.clock.now()}` },
        );
    },
    { attempts: 3, backoffMs: 60_000 },
  );
  // 发放记录: the month's list, made from the terms in force; idempotent, so it runs every hour
  // (a month's list appears in its first hour, and a missed run is made up by the next one).
  p.jobs.define<{ month?: string }>(PAYMENT_JOB, async ({ month }) => {
    await api.payments.generate(month ?? api.payments.currentMonth());
  });
  const schedule = async () => {
    await p.jobs.every(PAYMENT_JOB, 3600_000);
  };
  return { api, router: assistanceRoutes(p, api), schedule };
}
