import type { Platform } from '../../platform/platform';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import { makeLeads } from './leads';
import { defineFamilySearchModels } from './models';
import { makeNotices } from './notices';
import { familySearchRoutes } from './routes';
import { MATCH_NOTICE, makeSearches } from './searches';
import { makeStation } from './station';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

function makeFamilySearchApi(p: Platform, notices: NoticesApi, identity: IdentityApi) {
  const models = defineFamilySearchModels(p.db);
  const searches = makeSearches(p, models, notices);
  return {
    notices: makeNotices(p, models, (n) => searches.onPublished(n)),
    searches,
    leads: makeLeads(p, models, identity),
    station: makeStation(p, models),
    models,
  };
}

export type FamilySearchApi = ReturnType<typeof makeFamilySearchApi>;

/**
 * 救助寻亲: stations publish notices of persons in their care; the public searches them and
 * gives leads under their real name; families register who they look for and are told when a
 * new notice fits above the threshold.
 */
export function createFamilySearch(p: Platform, deps: { notices: NoticesApi; identity: IdentityApi }) {
  const api = makeFamilySearchApi(p, deps.notices, deps.identity);
  deps.notices.templates.register<{ score: string; reasons: string; summary: string }>({
    key: MATCH_NOTICE,
    kind: 'family_search',
    render: (data) => ({
      title: `有一则寻亲公告与您的登记相似（${data.score}分）`,
      body: `${data.summary}。${data.reasons}。`,
    }),
  });
  return { api, router: familySearchRoutes(p, api) };
}
