import Router from '@koa/router';
import { bearer, requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { XLSX_TYPE } from '../../platform/exports';
import { parse } from '../../platform/validation';
import type { BookingsApi } from './index';
import {
  availabilityQuery,
  bookBody,
  checkInBody,
  codeParam,
  configBody,
  hallService,
  idParam,
  periodsQuery,
  rushBody,
  rushQuery,
  secondVisitBody,
  staffBookingParam,
  staffConfigParam,
  staffDayQuery,
  staffHallParam,
} from './schemas';

export function bookingRoutes(p: Platform, api: BookingsApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;

  // Public: what booking a service at a hall means, and which days and times are left.
  router.get('/api/bookings/options', async (ctx) => {
    const { hallId, serviceCode } = parse(hallService, ctx.query);
    ctx.body = await api.options(hallId, serviceCode);
  });
  router.get('/api/bookings/availability', async (ctx) => {
    const q = parse(availabilityQuery, ctx.query);
    ctx.body = await api.slots.availability(q.hallId, q.serviceCode, q.from, q.days);
  });
  router.get('/api/bookings/periods', async (ctx) => {
    const q = parse(periodsQuery, ctx.query);
    ctx.body = await api.slots.periods(q.hallId, q.serviceCode, q.date);
  });

  router.post('/api/bookings', citizen, async (ctx) => {
    const b = await api.book.book(me(ctx), ctx.ip, parse(bookBody, ctx.request.body));
    ctx.status = 201;
    ctx.body = { booking: await api.lifecycle.view(b, me(ctx)) };
  });
  router.get('/api/bookings/mine', citizen, async (ctx) => {
    ctx.body = await api.lifecycle.mine(me(ctx));
  });
  router.get('/api/bookings/:code', citizen, async (ctx) => {
    ctx.body = await api.lifecycle.get(me(ctx), parse(codeParam, ctx.params).code);
  });
  router.post('/api/bookings/:code/cancel', citizen, async (ctx) => {
    ctx.body = await api.lifecycle.cancel(me(ctx), parse(codeParam, ctx.params).code);
  });
  router.get('/api/invitations/:code', citizen, async (ctx) => {
    ctx.body = await api.lifecycle.invitation(me(ctx), parse(codeParam, ctx.params).code);
  });
  router.post('/api/invitations/:code/accept', citizen, async (ctx) => {
    ctx.body = await api.lifecycle.accept(me(ctx), parse(codeParam, ctx.params).code);
  });

  router.get('/api/divorce-cases/mine', citizen, async (ctx) => {
    ctx.body = await api.divorce.mine(me(ctx));
  });
  router.post('/api/divorce-cases/:id/withdraw', citizen, async (ctx) => {
    ctx.body = await api.divorce.withdraw(me(ctx), parse(idParam, ctx.params).id);
  });
  router.post('/api/divorce-cases/:id/second-visit', citizen, async (ctx) => {
    const b = await api.divorce.bookSecondVisit(me(ctx), ctx.ip, {
      caseId: parse(idParam, ctx.params).id,
      ...parse(secondVisitBody, ctx.request.body),
    });
    ctx.status = 201;
    ctx.body = { booking: await api.lifecycle.view(b, me(ctx)) };
  });

  router.get('/api/rush-days', async (ctx) => {
    const q = parse(rushQuery, ctx.query);
    ctx.body = await api.rush.list(q.hallId, q.serviceCode);
  });
  router.get('/api/rush-days/:id', async (ctx) => {
    // Public (anyone may check a draw); a logged-in citizen also sees their own entry.
    const token = bearer(ctx);
    const session = token ? await p.citizenSessions.read(token) : null;
    ctx.body = await api.rush.get(parse(idParam, ctx.params).id, session?.userId);
  });
  router.post('/api/rush-days/:id/entries', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.rush.enter(me(ctx), parse(idParam, ctx.params).id);
  });

  const staff = requireStaff(p.staffSessions, 'hall_staff');
  const s = new Router<AppState>({ prefix: '/api/staff/halls/:id' });
  const who = (ctx: { state: AppState }) => ctx.state.staff!;
  s.get('/bookings', staff, async (ctx) => {
    ctx.body = await api.desk.day(who(ctx), parse(staffHallParam, ctx.params).id, parse(staffDayQuery, ctx.query).date);
  });
  s.get('/bookings.xlsx', staff, async (ctx) => {
    const { date } = parse(staffDayQuery, ctx.query);
    const id = parse(staffHallParam, ctx.params).id;
    ctx.body = await api.desk.exportDay(who(ctx), id, date);
    ctx.type = XLSX_TYPE;
    ctx.attachment(`bookings-${id}-${date}.xlsx`);
  });
  s.post('/check-ins', staff, async (ctx) => {
    ctx.body = await api.desk.checkIn(
      who(ctx),
      parse(staffHallParam, ctx.params).id,
      parse(checkInBody, ctx.request.body).code,
    );
  });
  s.post('/bookings/:code/no-show', staff, async (ctx) => {
    const { id, code } = parse(staffBookingParam, ctx.params);
    ctx.body = await api.desk.noShow(who(ctx), id, code);
  });
  s.post('/bookings/:code/complete', staff, async (ctx) => {
    const { id, code } = parse(staffBookingParam, ctx.params);
    ctx.body = await api.desk.complete(who(ctx), id, code);
  });
  s.get('/booking-configs/:serviceCode', staff, async (ctx) => {
    const { id, serviceCode } = parse(staffConfigParam, ctx.params);
    ctx.body = await api.desk.getConfig(who(ctx), id, serviceCode);
  });
  s.put('/booking-configs/:serviceCode', staff, async (ctx) => {
    const { id, serviceCode } = parse(staffConfigParam, ctx.params);
    ctx.body = await api.desk.setConfig(who(ctx), id, serviceCode, parse(configBody, ctx.request.body));
  });
  s.post('/rush-days', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.rush.create(who(ctx), parse(staffHallParam, ctx.params).id, parse(rushBody, ctx.request.body));
  });
  router.use(s.routes()); // 405s come from the module router's own allowedMethods (platform/http.ts)
  return router;
}
