import type { Platform } from '../../platform/platform';
import type { DivisionsApi } from '../divisions';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import { makeKeptMatches } from './kept-matches';
import { makeLeads } from './leads';
import { defineFamilySearchModels } from './models';
import { makeNotices } from './notices';
import { makePlaceCheck } from './places';
import { makePushes, REGION_NOTICE, WIDEN_JOB } from './pushes';
import { familySearchRoutes } from './routes';
import { MATCH_NOTICE, makeSearches } from './searches';
import { makeStation } from './station';
import { makeFamilySearchStats } from './stats';
import { makeWanderers, WANDERER_NOTICE } from './wanderers';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

function makeFamilySearchApi(p: Platform, notices: NoticesApi, identity: IdentityApi, divisions: DivisionsApi) {
  const models = defineFamilySearchModels(p.db);
  const place = makePlaceCheck(divisions);
  const kept = makeKeptMatches(p);
  const searches = makeSearches(p, models, notices, place, kept);
  const wanderers = makeWanderers(p, models, notices, place);
  const pushes = makePushes(p, models, notices);
  const warn = (what: string) => (err: Error) => p.logger.warn({ err: err.message }, what);
  return {
    notices: makeNotices(p, models, place, kept, async (n) => {
      await searches.onPublished(n).catch(warn('family search matching failed'));
      await wanderers.onPublished(n).catch(warn('wanderer register matching failed'));
      await pushes.onPublished(n).catch(warn('family search region push failed'));
    }),
    searches,
    wanderers,
    pushes,
    leads: makeLeads(p, models, identity, kept),
    station: makeStation(p, models),
    stats: makeFamilySearchStats(p.db, models),
    models,
  };
}

export type FamilySearchApi = ReturnType<typeof makeFamilySearchApi>;

/**
 * 救助寻亲: stations publish notices of persons in their care; the public searches them and
 * gives leads under their real name; families register who they look for and are told when a
 * new notice fits above the threshold; families pre-register relatives prone to wandering;
 * a new notice reaches followers around the found place, widening with staff approval.
 */
export function createFamilySearch(
  p: Platform,
  deps: { notices: NoticesApi; identity: IdentityApi; divisions: DivisionsApi },
) {
  const api = makeFamilySearchApi(p, deps.notices, deps.identity, deps.divisions);
  deps.notices.templates.register<{ score: string; reasons: string; summary: string }>({
    key: MATCH_NOTICE,
    kind: 'family_search',
    render: (data) => ({
      title: `有一则寻亲公告与您的登记相似（${data.score}分）`,
      body: `${data.summary}。${data.reasons}。`,
    }),
  });
  deps.notices.templates.register<{
    name: string;
    station: string;
    contact: string;
    foundDate: string;
    foundPlace: string;
  }>({
    key: WANDERER_NOTICE,
    kind: 'family_search',
    render: (d) => ({
      title: `救助管理站可能找到了您登记的${d.name}`,
      body: `${d.station}于${d.foundDate}在${d.foundPlace}救助了一位与您登记的易走失人员${d.name}相似的人员，请尽快联系${d.station}（${d.contact}）核实。`,
    }),
  });
  deps.notices.templates.register<{ person: string; place: string; date: string; station: string }>({
    key: REGION_NOTICE,
    kind: 'family_search',
    render: (d) => ({
      title: `寻亲公告：${d.person}`,
      body: `${d.date}发现于${d.place}，如您认识此人，请联系${d.station}。`,
    }),
    mp: {
      templateId: 'TPL_mz_family_search_01',
      fields: (d) => ({ thing1: d.person, thing2: d.place, time3: d.date, thing4: d.station }),
    },
  });
  const schedule = async () => {
    await p.jobs.every(WIDEN_JOB, 3600_000);
  };
  return { api, router: familySearchRoutes(p, api), schedule };
}
