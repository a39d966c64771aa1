import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { readUpload, sendImage } from '../../platform/uploads';
import { parse } from '../../platform/validation';
import { MAX_MEMORIAL_PHOTO_BYTES } from './memorials';
import type { FuneralApi } from './index';
import {
  billBody,
  billParam,
  chargesBody,
  checkInBody,
  checklistBody,
  greenVisitBody,
  checklistParam,
  memorialBody,
  memorialMessageBody,
  memorialMessageParam,
  memorialParam,
  moderateBody,
  claimBody,
  placeParam,
  placesQuery,
  problemBody,
  slotsBody,
  slotsQuery,
  staffPlacesQuery,
  visitBody,
  stepBody,
  stepParam,
  subsidyBody,
} from './schemas';

/**
 * 殡葬服务 over HTTP. Anyone: the directory and each place's published fee list. Citizens: open a
 * bill with its claim code, my bills, one bill, report a problem with it. Staff of a funeral home
 * (funeral_staff, by division): their homes with the fee lists, open a bill, record charges.
 */
export function funeralRoutes(p: Platform, api: FuneralApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;

  router.get('/api/funeral/places', async (ctx) => {
    ctx.body = await api.places.list(parse(placesQuery, ctx.query));
  });
  router.get('/api/funeral/places/:id', async (ctx) => {
    ctx.body = await api.places.detail(parse(placeParam, ctx.params).id);
  });
  router.post('/api/funeral/bills/claim', citizen, async (ctx) => {
    const { billNo, code } = parse(claimBody, ctx.request.body);
    ctx.body = await api.bills.claim(me(ctx), billNo, code);
  });
  router.get('/api/funeral/bills', citizen, async (ctx) => {
    ctx.body = await api.bills.mine(me(ctx));
  });
  router.get('/api/funeral/bills/:billNo', citizen, async (ctx) => {
    const { bill } = await api.bills.forFamily(me(ctx), parse(billParam, ctx.params).billNo);
    ctx.body = { bill };
  });
  router.post('/api/funeral/bills/:billNo/problems', citizen, async (ctx) => {
    const { billNo } = parse(billParam, ctx.params);
    const result = await api.reportProblem(me(ctx), billNo, parse(problemBody, ctx.request.body));
    ctx.status = result.replayed ? 200 : 201;
    ctx.body = result;
  });

  router.post('/api/funeral/checklists', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.checklists.start(me(ctx), parse(checklistBody, ctx.request.body));
  });
  router.get('/api/funeral/checklists', citizen, async (ctx) => {
    ctx.body = await api.checklists.mine(me(ctx));
  });
  router.get('/api/funeral/checklists/:id', citizen, async (ctx) => {
    ctx.body = await api.checklists.get(me(ctx), parse(checklistParam, ctx.params).id);
  });
  router.post('/api/funeral/checklists/:id/steps/:key', citizen, async (ctx) => {
    const { id, key } = parse(stepParam, ctx.params);
    ctx.body = await api.checklists.mark(me(ctx), id, key, parse(stepBody, ctx.request.body));
  });
  router.post('/api/funeral/checklists/:id/subsidy', citizen, async (ctx) => {
    const { id } = parse(checklistParam, ctx.params);
    ctx.status = 201;
    ctx.body = await api.checklists.applySubsidy(me(ctx), id, parse(subsidyBody, ctx.request.body));
  });
  router.post('/api/funeral/checklists/:id/subsidy/withdraw', citizen, async (ctx) => {
    ctx.body = await api.checklists.withdrawSubsidy(me(ctx), parse(checklistParam, ctx.params).id);
  });

  router.get('/api/funeral/places/:id/visit-slots', async (ctx) => {
    const { id } = parse(placeParam, ctx.params);
    ctx.body = await api.visits.slots(id, parse(slotsQuery, ctx.query).date);
  });
  router.post('/api/funeral/visits', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.visits.book(me(ctx), parse(visitBody, ctx.request.body));
  });
  router.get('/api/funeral/visits', citizen, async (ctx) => {
    ctx.body = await api.visits.mine(me(ctx));
  });
  router.post('/api/funeral/memorials', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.memorials.create(me(ctx), parse(memorialBody, ctx.request.body));
  });
  router.get('/api/funeral/memorials', citizen, async (ctx) => {
    ctx.body = await api.memorials.mine(me(ctx));
  });
  router.get('/api/funeral/memorials/:code', citizen, async (ctx) => {
    ctx.body = await api.memorials.view(me(ctx), parse(memorialParam, ctx.params).code);
  });
  router.put('/api/funeral/memorials/:code', citizen, async (ctx) => {
    const { code } = parse(memorialParam, ctx.params);
    ctx.body = await api.memorials.edit(me(ctx), code, parse(memorialBody, ctx.request.body));
  });
  router.delete('/api/funeral/memorials/:code', citizen, async (ctx) => {
    ctx.body = await api.memorials.withdraw(me(ctx), parse(memorialParam, ctx.params).code);
  });
  // wx.uploadFile sends POST multipart/form-data (field `file`).
  router.post('/api/funeral/memorials/:code/photo', citizen, async (ctx) => {
    const { code } = parse(memorialParam, ctx.params);
    ctx.body = await api.memorials.setPhoto(me(ctx), code, () =>
      readUpload(ctx, { maxBytes: MAX_MEMORIAL_PHOTO_BYTES }),
    );
  });
  router.delete('/api/funeral/memorials/:code/photo', citizen, async (ctx) => {
    ctx.body = await api.memorials.removePhoto(me(ctx), parse(memorialParam, ctx.params).code);
  });
  router.get('/api/funeral/memorials/:code/photo', async (ctx) => {
    sendImage(ctx, await api.memorials.photo(parse(memorialParam, ctx.params).code));
    ctx.set('Cache-Control', 'private, max-age=3600');
  });
  router.post('/api/funeral/memorials/:code/messages', citizen, async (ctx) => {
    const { code } = parse(memorialParam, ctx.params);
    ctx.status = 201;
    ctx.body = await api.memorials.leaveMessage(me(ctx), code, parse(memorialMessageBody, ctx.request.body));
  });
  router.post('/api/funeral/memorials/:code/messages/:id/moderate', citizen, async (ctx) => {
    const { code, id } = parse(memorialMessageParam, ctx.params);
    ctx.body = await api.memorials.moderate(me(ctx), code, id, parse(moderateBody, ctx.request.body).action);
  });
  router.post('/api/funeral/memorials/:code/flowers', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.memorials.layFlower(me(ctx), parse(memorialParam, ctx.params).code);
  });

  const staff = requireStaff(p.staffSessions, 'funeral_staff');
  const who = (ctx: { state: AppState }) => ctx.state.staff!;
  router.get('/api/staff/funeral/places', staff, async (ctx) => {
    ctx.body = await api.places.ofStaff(who(ctx), parse(staffPlacesQuery, ctx.query).kind);
  });
  router.post('/api/staff/funeral/bills', staff, async (ctx) => {
    const result = await api.bills.open(who(ctx), parse(billBody, ctx.request.body));
    ctx.status = 201;
    ctx.body = result;
  });
  router.get('/api/staff/funeral/bills/:billNo', staff, async (ctx) => {
    ctx.body = await api.bills.forStaff(who(ctx), parse(billParam, ctx.params).billNo);
  });
  router.post('/api/staff/funeral/bills/:billNo/charges', staff, async (ctx) => {
    const { billNo } = parse(billParam, ctx.params);
    ctx.body = await api.bills.charge(who(ctx), billNo, parse(chargesBody, ctx.request.body).charges);
  });
  router.post('/api/staff/funeral/places/:id/visit-slots', staff, async (ctx) => {
    const { id } = parse(placeParam, ctx.params);
    ctx.status = 201;
    ctx.body = await api.visits.open(who(ctx), id, parse(slotsBody, ctx.request.body));
  });
  router.post('/api/staff/funeral/visits/green', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.visits.bookGreen(who(ctx), parse(greenVisitBody, ctx.request.body));
  });
  router.post('/api/staff/funeral/visits/check-in', staff, async (ctx) => {
    ctx.body = await api.visits.checkIn(who(ctx), parse(checkInBody, ctx.request.body).code);
  });
  return router;
}
