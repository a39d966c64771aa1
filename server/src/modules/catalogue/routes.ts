import Router from '@koa/router';
import type { AppState } from '../../platform/context';
import { parse } from '../../platform/validation';
import type { CatalogueApi } from './index';
import { codeParam, searchQuery } from './schemas';

/** The public catalogue: anyone may read it, logged in or not. */
export function catalogueRoutes(api: CatalogueApi) {
  const router = new Router<AppState>({ prefix: '/api/services' });
  router.get('/', async (ctx) => {
    ctx.body = await api.search(parse(searchQuery, ctx.query));
  });
  router.get('/:code', async (ctx) => {
    ctx.body = { item: await api.get(parse(codeParam, ctx.params).code) };
  });
  return router;
}
