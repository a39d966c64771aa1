import type { Platform } from '../../platform/platform';
import type { NoticesApi } from '../notices';
import type { SocialOrgsApi } from '../social-orgs';
import type { StaffApi } from '../staff';
import { makeServiceComplaints } from './complaints';
import type { SocialWorkDeps } from './deps';
import { defineSocialWorkModels } from './models';
import { makeSocialWorkNotices } from './notices';
import { makeProjects } from './projects';
import { makePublicStations } from './public-stations';
import { makeRecords } from './records';
import { makeRegistry } from './registry';
import { makeRequests } from './requests';
import { socialWorkRoutes } from './routes';
import { makeStatistics } from './statistics';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

interface Deps {
  socialOrgs: SocialOrgsApi;
  staff: StaffApi;
  notices: NoticesApi;
}

function makeSocialWorkApi(p: Platform, deps: Deps) {
  const own: SocialWorkDeps = { p, models: defineSocialWorkModels(p.db), ...deps };
  const registry = makeRegistry(own);
  const tell = makeSocialWorkNotices(own);
  const requests = makeRequests(own, registry, tell);
  return {
    models: own.models,
    registry,
    stations: makePublicStations(own, registry),
    requests,
    records: makeRecords(own, requests),
    complain: makeServiceComplaints(own),
    projects: makeProjects(own, registry),
    statistics: makeStatistics(own),
  };
}

export type SocialWorkApi = ReturnType<typeof makeSocialWorkApi>;

/**
 * 社会工作: the registry of social workers (levels, registration, continuing education by the
 * rules table), service organizations and 乡镇/街道社工站; citizens' requests for help routed
 * to their 乡镇's station, assigned, served, supervised and rated; social work projects.
 */
export function createSocialWork(p: Platform, deps: Deps) {
  const api = makeSocialWorkApi(p, deps);
  return { api, router: socialWorkRoutes(p, api) };
}
