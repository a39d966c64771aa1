import type { Platform } from '../../platform/platform';
import type { CatalogueApi } from '../catalogue';
import type { ElderlyApi } from '../elderly';
import type { HallsApi } from '../halls';
import type { MarriageKbApi } from '../marriage-kb';
import type { MatrixApi } from '../matrix';
import type { SocialOrgsApi } from '../social-orgs';
import type { VolunteerApi } from '../volunteer';
import { searchRoutes } from './routes';
import { makeSearchEverything } from './search-everything';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

export interface SearchDeps {
  catalogue: CatalogueApi;
  halls: HallsApi;
  marriageKb: MarriageKbApi;
  matrix: MatrixApi;
  socialOrgs: Pick<SocialOrgsApi, 'named'>;
  volunteer: Pick<VolunteerApi, 'activitiesNamed'>;
  elderly: Pick<ElderlyApi, 'named'>;
}

/**
 * The 首页 search: one query over the service areas (live ones from @minzheng/contracts), the
 * catalogue's items and their materials, the halls, the areas' own content (social
 * organizations, volunteer activities, elderly-care places, each asked through its module's
 * root) and the articles (婚姻知识 and the matrix feed), answered grouped by kind with Chinese labels.
 */
export function createSearch(p: Platform, deps: SearchDeps) {
  const searchEverything = makeSearchEverything(p, deps);
  return { api: { searchEverything }, router: searchRoutes(searchEverything) };
}
