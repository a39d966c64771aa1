import Router from '@koa/router';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import { siteQuery } from './schemas';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** The ten service areas of the 首页, in the order the action plan lists them. */
export const SERVICE_AREAS = [
  { key: 'elderly', name: '养老服务' },
  { key: 'assistance', name: '社会救助' },
  { key: 'social-orgs', name: '社会组织' },
  { key: 'social-work', name: '社会工作' },
  { key: 'volunteer', name: '志愿服务' },
  { key: 'family-search', name: '救助寻亲' },
  { key: 'community', name: '社区治理' },
  { key: 'marriage', name: '婚姻服务' },
  { key: 'funeral', name: '殡葬服务' },
  { key: 'divisions', name: '区划地名' },
] as const;

/** The hotline for a division: the longest configured prefix wins (4403 over 44). */
export function hotlineFor(config: Platform['config'], division?: string): string {
  if (!division) return config.hotline.default;
  const match = Object.keys(config.hotline.byRegion)
    .filter((prefix) => division.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return match ? config.hotline.byRegion[match] : config.hotline.default;
}

/** `live`: the areas whose services are built; the others show 「即将上线」. */
export function createSite(p: Platform, live: Iterable<string> = []) {
  const available = new Set<string>(['divisions', ...live]);
  const router = new Router<AppState>();
  router.get('/api/site', (ctx) => {
    const { division } = parse(siteQuery, ctx.query);
    ctx.body = {
      appName: '民政服务',
      hotline: hotlineFor(p.config, division),
      areas: SERVICE_AREAS.map((a) => ({ ...a, available: available.has(a.key) })),
    };
  });
  return { router };
}
