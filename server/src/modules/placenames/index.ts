import type { Platform } from '../../platform/platform';
import type { DivisionsApi } from '../divisions';
import type { NoticesApi } from '../notices';
import { ANNOUNCEMENT_NOTICE, makeAnnouncements } from './announce';
import { makeApiKeys } from './api-keys';
import { makeCulture } from './culture';
import { makeFollows } from './follows';
import { definePlaceNameModels } from './models';
import { placeNameRoutes } from './routes';
import { makeSearch } from './search';
import { makeDivisionNames } from './views';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

function makePlaceNamesApi(p: Platform, divisions: DivisionsApi, notices: NoticesApi) {
  const models = definePlaceNameModels(p.db);
  const names = makeDivisionNames(divisions);
  const culture = makeCulture(p, models);
  const search = makeSearch(p, models, names, culture);
  return {
    divisions,
    search,
    culture,
    announcements: makeAnnouncements(p, models, { divisions, notices, names, searched: search }),
    follows: makeFollows(p, models, divisions, names),
    apiKeys: makeApiKeys(p, models),
    models,
  };
}

export type PlaceNamesApi = ReturnType<typeof makePlaceNamesApi>;

/**
 * 地名: standard place names with their romanization, category, location, 含义 and 历史沿革;
 * 地名备案公告 published by staff of a division and sent to the region's followers; an open API
 * for third parties, keyed and rate-limited per key.
 */
export function createPlaceNames(p: Platform, deps: { divisions: DivisionsApi; notices: NoticesApi }) {
  const api = makePlaceNamesApi(p, deps.divisions, deps.notices);
  deps.notices.templates.register<{ action: string; name: string; division: string }>({
    key: ANNOUNCEMENT_NOTICE,
    kind: 'placename',
    render: (data) => ({
      title: `地名${data.action}公告：${data.name}`,
      body: `您关注的${data.division}发布地名备案公告：${data.action}「${data.name}」。`,
    }),
  });
  return { api, router: placeNameRoutes(p, api) };
}
