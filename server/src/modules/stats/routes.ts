import Router from '@koa/router';
import { requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import { type ExportSheet, writeXlsx, XLSX_TYPE } from '../../platform/exports';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { StatsApi } from './index';
import { statsRange } from './range';
import { sheets } from './read';
import { statsQuerySchema } from './schemas';

/** GET /api/staff/stats/{bookings,queue,complaints,notices,followers}?from&to[&format=xlsx] — every staff role, within its scope. */
export function statsRoutes(p: Platform, api: StatsApi) {
  const router = new Router<AppState>({ prefix: '/api/staff/stats' });
  const staff = requireStaff(p.staffSessions);
  const dashboard = <R>(
    name: keyof typeof sheets,
    read: (s: AppState['staff'] & object, range: { from: string; to: string }) => Promise<R>,
    toSheets: (r: R) => ExportSheet[],
  ) =>
    router.get(`/${name}`, staff, async (ctx) => {
      const q = parse(statsQuerySchema, ctx.query);
      const range = statsRange(p.clock.today(), q.from, q.to);
      const result = await read(ctx.state.staff!, range);
      if (q.format === 'xlsx') {
        ctx.type = XLSX_TYPE;
        ctx.attachment(`stats-${name}-${range.from}-${range.to}.xlsx`);
        ctx.body = await writeXlsx(toSheets(result));
        return;
      }
      ctx.body = result;
    });
  dashboard('bookings', api.read.bookings, sheets.bookings);
  dashboard('queue', api.read.queue, sheets.queue);
  dashboard('complaints', api.read.complaints, sheets.complaints);
  dashboard('notices', api.read.notices, sheets.notices);
  dashboard('followers', api.read.followers, sheets.followers);
  return router;
}
