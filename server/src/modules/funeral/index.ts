import type { Platform } from '../../platform/platform';
import type { SocialOrgsApi } from '../social-orgs';
import { makeBills } from './bills';
import { makeCatalog } from './catalog';
import { defineFuneralModels } from './models';
import { makePlaces } from './places';
import { makeProblems } from './problems';
import { funeralRoutes } from './routes';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';
export type { PlaceInput } from './catalog';

interface Deps {
  /** 「账单有问题」 files a complaint through the social-orgs complaint flow (not a copy of it). */
  socialOrgs: Pick<SocialOrgsApi, 'submitComplaint'>;
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
  };
}

export type FuneralApi = ReturnType<typeof makeFuneralApi>;

/**
 * 殡葬服务: the directory of 殡仪馆 and 公墓 with their published fee lists (2026 条例: every fee on
 * the list, nothing outside it), the family's itemized bill with 惠民殡葬 waivers (「您应付」) and
 * a way to report a problem with it.
 */
export function createFuneral(p: Platform, deps: Deps) {
  const api = makeFuneralApi(p, deps);
  return { api, router: funeralRoutes(p, api) };
}
