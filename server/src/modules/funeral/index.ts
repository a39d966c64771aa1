import type { Platform } from '../../platform/platform';
import type { CasesApi } from '../cases';
import type { NoticesApi } from '../notices';
import type { SocialOrgsApi } from '../social-orgs';
import { makeBills } from './bills';
import { SUBSIDY_NOTICE, subsidyCaseType } from './case-types';
import { makeCatalog } from './catalog';
import { makeChecklists, REMINDER_JOB, REMINDER_NOTICE } from './checklist';
import { defineFuneralModels } from './models';
import { makePlaces } from './places';
import { makeProblems } from './problems';
import { makeMemorials } from './memorials';
import { makeReconciler, RECONCILE_EVERY_MS, RECONCILE_JOB } from './reconcile';
import { makeVisits } from './visits';
import { funeralRoutes } from './routes';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';
export type { PlaceInput } from './catalog';
export { SUBSIDY_CASE_TYPE } from './case-types';
export { REMINDER_JOB } from './checklist';
export { RECONCILE_JOB } from './reconcile';

interface Deps {
  /** 「账单有问题」 files a complaint through the social-orgs complaint flow (not a copy of it). */
  socialOrgs: Pick<SocialOrgsApi, 'submitComplaint'>;
  /** 丧葬补助 is a case type of the engine, reviewed in the console's case inbox. */
  cases: CasesApi;
  notices: NoticesApi;
}

function makeFuneralApi(p: Platform, deps: Deps) {
  const models = defineFuneralModels(p.db);
  const places = makePlaces(models);
  const bills = makeBills(p, models, places);
  return {
    models,
    catalog: makeCatalog(p, models),
    places,
    bills,
    reportProblem: makeProblems(bills, deps.socialOrgs),
    checklists: makeChecklists(p, models, deps.cases, deps.notices),
    visits: makeVisits(p, models, places),
    visitSeats: makeReconciler(p, models),
    memorials: makeMemorials(p, models),
  };
}

export type FuneralApi = ReturnType<typeof makeFuneralApi>;

/**
 * 殡葬服务: the directory of 殡仪馆 and 公墓 with their published fee lists (2026 条例: every fee on
 * the list, nothing outside it), the family's itemized bill with 惠民殡葬 waivers (「您应付」) and
 * a way to report a problem with it; 身后一件事, the checklist from a death with reminders; 丧葬补助
 * as a case type; 祭扫 booking with companions and a pass; 云祭扫 memorial pages the family moderates.
 *
 * 祭扫 does not reuse `modules/bookings`: its slots, settings, Redis seat stock and rules are keyed
 * by a 服务大厅 and a catalogue service and count one seat per booking (with marriage rules, no-show
 * bans and partner invitations); a 祭扫 booking belongs to a cemetery and counts its companions.
 * visits.ts takes seats with one conditional update instead (see there).
 */
export function createFuneral(p: Platform, deps: Deps) {
  const api = makeFuneralApi(p, deps);
  deps.cases.registerType(subsidyCaseType);
  deps.notices.templates.register<{ number: string; action: string; step: string; dueOn: string; note: string }>({
    key: SUBSIDY_NOTICE,
    kind: 'application',
    render: (d) => ({
      title: '丧葬补助办理进度',
      body: `您的丧葬补助申请（${d.number}）：${d.action}，当前环节「${d.step}」${d.dueOn ? `，办理时限至${d.dueOn}` : ''}。${d.note}`,
    }),
  });
  deps.notices.templates.register<{ deceased: string; step: string; dueOn: string; office: string }>({
    key: REMINDER_NOTICE,
    kind: 'application',
    render: (d) => ({
      title: `身后事提醒：${d.step}`,
      body: `${d.deceased}的「${d.step}」请在${d.dueOn}前办理（办理机构：${d.office}）。已办理的，请在清单中标记。`,
    }),
  });
  p.jobs.define(REMINDER_JOB, async () => {
    await api.checklists.remindDue();
  });
  // 祭扫 places counted with no booking are given back (reconcile.ts).
  p.jobs.define(RECONCILE_JOB, async () => {
    await api.visitSeats.run();
  });
  const schedule = async () => {
    await p.jobs.every(REMINDER_JOB, 3600_000);
    await p.jobs.every(RECONCILE_JOB, RECONCILE_EVERY_MS);
  };
  return { api, router: funeralRoutes(p, api), schedule };
}
