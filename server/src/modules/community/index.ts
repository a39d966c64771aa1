import type { Platform } from '../../platform/platform';
import type { DivisionsApi } from '../divisions';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { CommunityDeps } from './deps';
import { makeElections } from './elections';
import { defineCommunityModels } from './models';
import { makePages } from './pages';
import { makeProposals } from './proposals';
import { makePublicity } from './publicity';
import { makeResidents } from './residents';
import { communityRoutes } from './routes';
import { makeTelling } from './telling';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';
export { receiptsHash } from './proposals';

interface Deps {
  divisions: DivisionsApi;
  identity: IdentityApi;
  notices: NoticesApi;
}

function makeCommunityApi(p: Platform, deps: Deps) {
  const own: CommunityDeps = { p, models: defineCommunityModels(p.db), ...deps };
  const pages = makePages(own);
  const telling = makeTelling(own);
  const publicity = makePublicity(own, pages, telling);
  const residents = makeResidents(own, pages);
  return {
    models: own.models,
    pages,
    publicity,
    residents,
    proposals: makeProposals(own, pages, residents),
    elections: makeElections(own, pages, telling),
    telling,
  };
}

export type CommunityApi = ReturnType<typeof makeCommunityApi>;

/**
 * 社区治理: a page for each of the ~620,000 村/社区 of the division register, 居务/村务公开 told to
 * followers, residents confirmed once by their community, 议事协商 with one verifiable ballot per
 * resident, and 换届 elections.
 */
export function createCommunity(p: Platform, deps: Deps) {
  const api = makeCommunityApi(p, deps);
  return { api, router: communityRoutes(p, api) };
}
