import Router from '@koa/router';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import { siteQuery } from './schemas';
import { SERVICE_AREAS, type SiteView } from '@minzheng/contracts';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** The ten service areas of the 首页 (@minzheng/contracts, shared with the mini-program). */
export { SERVICE_AREAS };

/** The hotline for a division: the longest configured prefix wins (4403 over 44). */
export function hotlineFor(config: Platform['config'], division?: string): string {
  if (!division) return config.hotline.default;
  const match = Object.keys(config.hotline.byRegion)
    .filter((prefix) => division.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return match ? config.hotline.byRegion[match] : config.hotline.default;
}

/** Which areas are live comes from @minzheng/contracts (`SERVICE_AREAS[].live`); the others show 「即将上线」. */
export function createSite(p: Platform) {
  const router = new Router<AppState>();
  router.get('/api/site', (ctx) => {
    const { division } = parse(siteQuery, ctx.query);
    const site: SiteView = {
      appName: '民政服务',
      hotline: hotlineFor(p.config, division),
      areas: SERVICE_AREAS.map((a) => ({ key: a.key, name: a.name, available: a.live })),
    };
    ctx.body = site;
  });
  return { router };
}
