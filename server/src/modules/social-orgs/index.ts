import Router from '@koa/router';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import type { NoticesApi } from '../notices';
import type { StatsApi } from '../stats';
import { makeComplaintViews, COMPLAINT_NOTICE } from './complaints/citizen';
import { makeComplaintImages } from './complaints/images';
import { makeSubmitComplaint } from './complaints/submit';
import { makeWorkComplaints } from './complaints/work';
import { CREDIT_NOTICE, makeRecordCreditChange } from './credit-change';
import { makeCreditLists } from './credit-lists';
import { CREDIT_RULES_JOB, makeApplyCreditRules } from './credit-rules';
import { makeFollows } from './follow';
import { makeExportOrgs } from './export-orgs';
import { makeIllegalOrgs } from './illegal-orgs';
import { IMPORT_JOB, makeImportOrgs } from './import-orgs';
import { makeManageOrgs } from './manage-orgs';
import { defineSocialOrgModels } from './models';
import { retireProfiles } from './kept-profiles';
import { createOrgCache } from './org-cache';
import { makeProfile } from './profile';
import { makeRegister } from './register';
import { socialOrgRoutes } from './routes';
import { createSearchIndex } from './search-index';
import { makeSearch } from './search';
import type { toOrgListItem } from './views';
import { socialOrgStaffRoutes } from './staff-routes';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

const DAY_MS = 86400_000;

function makeSocialOrgsApi(p: Platform, notices: NoticesApi, stats: StatsApi) {
  const models = defineSocialOrgModels(p.db);
  const index = createSearchIndex(p.db);
  const cache = createOrgCache(p.cache, (usccs, transaction) => retireProfiles(p.db, usccs, transaction));
  const recordCreditChange = makeRecordCreditChange(p, models, notices);
  const orgs = makeManageOrgs(p, models, index, cache);
  const complaints = makeComplaintViews(p, models);
  const { profile, profileJson } = makeProfile(models, cache, p.clock);
  const searchJson = makeSearch(index, cache);
  return {
    models,
    index,
    searchJson,
    profile,
    profileJson,
    follows: makeFollows(models),
    orgs,
    register: makeRegister(searchJson, (uscc) => profile(uscc), orgs),
    /**
     * For the 首页 search: organizations whose name holds `q`, ranked by the register's own
     * search (cached as it is); none when `q` is shorter than two characters or too broad.
     */
    async named(q: string, limit: number): Promise<Array<ReturnType<typeof toOrgListItem>>> {
      if ([...q.trim()].length < 2) return [];
      const body = JSON.parse((await searchJson({ q, page: 1, pageSize: limit })).toString('utf8')) as {
        items?: Array<ReturnType<typeof toOrgListItem>>;
      };
      return body.items ?? [];
    },
    imports: makeImportOrgs(p, models, index, cache),
    exportOrgs: makeExportOrgs(p, models),
    creditLists: makeCreditLists(p, models, orgs, recordCreditChange, cache),
    applyCreditRules: makeApplyCreditRules(p, models, recordCreditChange, cache),
    illegalOrgs: makeIllegalOrgs(p, models, cache),
    complaintImages: makeComplaintImages(p, models),
    submitComplaint: makeSubmitComplaint(p, models, notices, complaints, stats.record),
    complaints,
    workComplaints: makeWorkComplaints(p, models, notices, stats.record),
  };
}

export type SocialOrgsApi = ReturnType<typeof makeSocialOrgsApi>;

/**
 * Social organizations (社会组织): the public register with credit status, warnings about
 * suspected illegal organizations, follows, complaints; and the officers' side of each.
 */
export function createSocialOrgs(p: Platform, notices: NoticesApi, stats: StatsApi) {
  const api = makeSocialOrgsApi(p, notices, stats);
  notices.templates.register<{ orgName: string; from: string; to: string; cause: string; date: string }>({
    key: CREDIT_NOTICE,
    kind: 'credit',
    render: (data) => ({
      title: `您关注的「${data.orgName}」信用状态变更为${data.to}`,
      body: `${data.date}起，${data.orgName}的信用状态由「${data.from}」变更为「${data.to}」。原因：${data.cause}`,
    }),
  });
  notices.templates.register<{ trackingNo: string; targetName: string; status: string; note: string }>({
    key: COMPLAINT_NOTICE,
    kind: 'complaint',
    render: (data) => ({
      title: `投诉${data.status}：${data.targetName}`,
      body: `您的投诉（编号 ${data.trackingNo}）${data.status}。${data.note}`,
    }),
  });
  // Large register imports (more than IMPORT_JOB_ROWS rows): whichever process works jobs runs them.
  p.jobs.define<{ importId: number }>(IMPORT_JOB, async ({ importId }) => api.imports.run(importId), { attempts: 1 });
  p.jobs.define<{ asOf?: string }>(CREDIT_RULES_JOB, async (data) => {
    const { applied } = await api.applyCreditRules(data?.asOf);
    if (applied) p.logger.info({ applied }, 'credit list transitions applied');
  });
  p.jobs
    .every(CREDIT_RULES_JOB, DAY_MS)
    .catch((err) => p.logger.warn({ err: err.message }, 'could not schedule the credit rules job'));
  // One router for the module, as app.ts mounts them: the public routes and the officers'.
  const router = new Router<AppState>();
  const pub = socialOrgRoutes(p, api);
  const staff = socialOrgStaffRoutes(p, api);
  router.use(pub.routes(), staff.routes()); // 405s come from this router's allowedMethods (platform/http.ts)
  return { api, router };
}
