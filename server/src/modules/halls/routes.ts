import Router from '@koa/router';
import { requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { HallsApi } from './index';
import {
  calendarQuery,
  dayParam,
  daysBody,
  entryCodeBody,
  entryParam,
  hallBody,
  hallPatch,
  idParam,
  listQuery,
  overrideBody,
  sceneParam,
  windowsBody,
} from './schemas';

export function hallRoutes(p: Platform, api: HallsApi) {
  const router = new Router<AppState>();

  // Public: anyone may look halls up, logged in or not.
  router.get('/api/halls', async (ctx) => {
    ctx.body = await api.directory.list(parse(listQuery, ctx.query));
  });
  router.get('/api/halls/:id', async (ctx) => {
    ctx.body = { hall: await api.directory.detail(parse(idParam, ctx.params).id) };
  });
  router.get('/api/halls/:id/calendar', async (ctx) => {
    const { from, days } = parse(calendarQuery, ctx.query);
    ctx.body = await api.directory.calendar(parse(idParam, ctx.params).id, from, days);
  });
  router.get('/api/scenes/:scene', async (ctx) => {
    const where = await api.entryCodes.resolve(parse(sceneParam, ctx.params).scene);
    ctx.body = { ...where, hall: await api.directory.detail(where.hallId) };
  });

  const staff = requireStaff(p.staffSessions, 'hall_staff');
  const admin = requireStaff(p.staffSessions, 'admin');
  const s = new Router<AppState>({ prefix: '/api/staff/halls' });
  s.get('/', staff, async (ctx) => {
    ctx.body = await api.manage.list(ctx.state.staff!);
  });
  s.post('/', admin, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.manage.create(ctx.state.staff!, parse(hallBody, ctx.request.body));
  });
  s.get('/:id', staff, async (ctx) => {
    ctx.body = await api.manage.get(ctx.state.staff!, parse(idParam, ctx.params).id);
  });
  s.patch('/:id', staff, async (ctx) => {
    ctx.body = await api.manage.update(
      ctx.state.staff!,
      parse(idParam, ctx.params).id,
      parse(hallPatch, ctx.request.body),
    );
  });
  s.put('/:id/windows', staff, async (ctx) => {
    ctx.body = await api.manage.setWindows(
      ctx.state.staff!,
      parse(idParam, ctx.params).id,
      parse(windowsBody, ctx.request.body).windows,
    );
  });
  s.put('/:id/days/:date', staff, async (ctx) => {
    const { id, date } = parse(dayParam, ctx.params);
    ctx.body = await api.manage.setDay(ctx.state.staff!, id, date, parse(overrideBody, ctx.request.body));
  });
  s.put('/:id/days', staff, async (ctx) => {
    ctx.body = await api.manage.setDays(
      ctx.state.staff!,
      parse(idParam, ctx.params).id,
      parse(daysBody, ctx.request.body).days,
    );
  });
  s.delete('/:id/days/:date', staff, async (ctx) => {
    const { id, date } = parse(dayParam, ctx.params);
    ctx.body = await api.manage.clearDay(ctx.state.staff!, id, date);
  });
  s.get('/:id/entry-codes', staff, async (ctx) => {
    ctx.body = await api.entryCodes.list(ctx.state.staff!, parse(idParam, ctx.params).id);
  });
  s.post('/:id/entry-codes', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.entryCodes.create(
      ctx.state.staff!,
      parse(idParam, ctx.params).id,
      parse(entryCodeBody, ctx.request.body ?? {}),
    );
  });
  s.post('/:id/entry-codes/:entryId/withdraw', staff, async (ctx) => {
    const { id, entryId } = parse(entryParam, ctx.params);
    ctx.body = await api.entryCodes.withdraw(ctx.state.staff!, id, entryId);
  });
  s.get('/:id/entry-codes/:entryId/wxacode.png', staff, async (ctx) => {
    const { id, entryId } = parse(entryParam, ctx.params);
    ctx.body = await api.entryCodes.miniProgramPng(ctx.state.staff!, id, entryId);
    ctx.type = 'image/png';
    ctx.attachment(`hall-${id}-code-${entryId}-miniprogram.png`);
  });
  s.get('/:id/entry-codes/:entryId/mp-qrcode.png', staff, async (ctx) => {
    const { id, entryId } = parse(entryParam, ctx.params);
    ctx.body = await api.entryCodes.publicAccountPng(ctx.state.staff!, id, entryId);
    ctx.type = 'image/png';
    ctx.attachment(`hall-${id}-code-${entryId}-public-account.png`);
  });
  s.get('/:id/display-token', staff, async (ctx) => {
    ctx.body = await api.displayToken.status(ctx.state.staff!, parse(idParam, ctx.params).id);
  });
  s.post('/:id/display-token', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.displayToken.rotate(ctx.state.staff!, parse(idParam, ctx.params).id);
  });
  s.delete('/:id/display-token', staff, async (ctx) => {
    ctx.body = await api.displayToken.withdraw(ctx.state.staff!, parse(idParam, ctx.params).id);
  });
  router.use(s.routes()); // 405s come from the module router's own allowedMethods (platform/http.ts)
  return router;
}
