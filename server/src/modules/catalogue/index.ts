import { Op } from 'sequelize';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { defineCatalogueModels, type ServiceItemRow } from './models';
import { catalogueRoutes } from './routes';
import { makeSearch, searchTextOf } from './search';
import { STANDARD_ITEMS } from './standard-items';
import { toItemView, toSummary, type ServiceSummary } from './views';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type CatalogueModels = ReturnType<typeof defineCatalogueModels>;
export type { ServiceSummary } from './views';

/** Well-known codes other modules build on (bookings' marriage rules, the demo halls). */
export const SERVICE_CODES = {
  marriage: 'MZ-HY-01',
  divorce: 'MZ-HY-02',
  reissue: 'MZ-HY-03',
} as const;

function makeCatalogueApi(p: Platform) {
  const models = defineCatalogueModels(p.db);
  const { ServiceItem } = models;
  return {
    search: makeSearch(models),
    async get(code: string) {
      const item = await ServiceItem.findOne({ where: { code } });
      if (!item) throw notFound('未找到该办事事项');
      return toItemView(item);
    },
    /** Summaries by code, for other modules (halls list their services). Unknown codes are absent. */
    async byCodes(codes: string[]): Promise<Map<string, ServiceSummary>> {
      if (!codes.length) return new Map();
      const rows = await ServiceItem.findAll({ where: { code: { [Op.in]: [...new Set(codes)] } } });
      return new Map(rows.map((r) => [r.code, toSummary(r)]));
    },
    /** Every item with what the 首页 search matches on (the catalogue is tens to hundreds of items). */
    async forSearch() {
      const rows = await ServiceItem.findAll({
        order: [
          ['sort', 'ASC'],
          ['id', 'ASC'],
        ],
      });
      return rows.map((r) => ({ ...toSummary(r), keywords: r.keywords, materials: r.materials.map((m) => m.name) }));
    },
    /** Adds the standard items whose codes are missing; never overwrites an existing one. */
    async ensureStandardItems(): Promise<number> {
      const existing = new Set((await ServiceItem.findAll({ attributes: ['code'] })).map((r) => r.code));
      const missing = STANDARD_ITEMS.map((s, i) => ({ ...s, sort: i, search_text: searchTextOf(s) })).filter(
        (s) => !existing.has(s.code),
      ) as Partial<ServiceItemRow>[];
      // Several processes may start at once: the unique code makes a second insert a no-op.
      if (missing.length) await ServiceItem.bulkCreate(missing, { ignoreDuplicates: true });
      return missing.length;
    },
  };
}

export type CatalogueApi = ReturnType<typeof makeCatalogueApi>;

/** 政务服务事项: the public catalogue with each item's conditions, materials and limits. */
export function createCatalogue(p: Platform) {
  const api = makeCatalogueApi(p);
  return { api, router: catalogueRoutes(api) };
}
