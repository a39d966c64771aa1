import Router from '@koa/router';
import type { AppState } from '../../platform/context';
import { parse } from '../../platform/validation';
import type { SearchEverything } from './search-everything';
import { searchQuery } from './schemas';

/** Public: anyone may search, logged in or not. */
export function searchRoutes(searchEverything: SearchEverything) {
  const router = new Router<AppState>();
  router.get('/api/search', async (ctx) => {
    ctx.body = await searchEverything(parse(searchQuery, ctx.query).q);
  });
  return router;
}
