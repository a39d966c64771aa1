import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { ElderlyApi } from './index';
import {
  allowanceConfirmBody,
  assessmentBody,
  caseNumberParam,
  dayParam,
  dayQuery,
  familyLinkBody,
  hallConfirmBody,
  hallLinkQuery,
  idParam,
  mealOrderBody,
  mealRuleBody,
  menuBody,
  pickupBody,
  quoteQuery,
  slotsBody,
  placeParam,
  placeUpdateBody,
  ruleBody,
  ruleParam,
  searchQuery,
  staffPlacesQuery,
  subsidyBody,
} from './schemas';

/**
 * 养老服务 over HTTP. Anyone: the directory and a place's page with its fee list. Citizens: the
 * 高龄津贴 offer and its one-tap confirmation, 养老服务补贴 applications, my applications.
 * Staff: an institution's vacancies and prices (elderly_staff), the regions' 高龄津贴 rules
 * (elderly_officer); the cases themselves are reviewed at /api/staff/cases.
 */
export function elderlyRoutes(p: Platform, api: ElderlyApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;

  router.get('/api/elderly/places', async (ctx) => {
    ctx.body = await api.directory.search(parse(searchQuery, ctx.query));
  });
  router.get('/api/elderly/places/:id', async (ctx) => {
    ctx.body = await api.directory.detail(parse(placeParam, ctx.params).id);
  });
  router.get('/api/elderly/age-allowance', citizen, async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.allowance.offer(me(ctx));
  });
  router.post('/api/elderly/age-allowance', citizen, async (ctx) => {
    const { divisionCode } = parse(allowanceConfirmBody, ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = await api.allowance.confirm(me(ctx), divisionCode);
  });
  router.post('/api/elderly/service-subsidy', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.applySubsidy(me(ctx), parse(subsidyBody, ctx.request.body));
  });
  router.get('/api/elderly/applications', citizen, async (ctx) => {
    ctx.body = await api.mine(me(ctx));
  });

  // 亲属绑定: ask, list (mine and asked of me), the elder confirms, either ends it.
  router.post('/api/elderly/family-links', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.family.request(me(ctx), parse(familyLinkBody, ctx.request.body));
  });
  router.get('/api/elderly/family-links', citizen, async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.family.list(me(ctx));
  });
  router.post('/api/elderly/family-links/:id/confirm', citizen, async (ctx) => {
    ctx.body = await api.family.confirm(me(ctx), parse(idParam, ctx.params).id);
  });
  router.delete('/api/elderly/family-links/:id', citizen, async (ctx) => {
    await api.family.remove(me(ctx), parse(idParam, ctx.params).id);
    ctx.status = 204;
  });

  // 助餐: a station's menus, what one diner pays, orders and cancellations.
  router.get('/api/elderly/places/:id/menus', async (ctx) => {
    ctx.body = await api.meals.menus(parse(placeParam, ctx.params).id);
  });
  router.get('/api/elderly/meals/quote', citizen, async (ctx) => {
    const { menuId, linkId } = parse(quoteQuery, ctx.query);
    ctx.body = await api.meals.quote(me(ctx), menuId, linkId);
  });
  router.post('/api/elderly/meal-orders', citizen, async (ctx) => {
    const { menuId, linkId } = parse(mealOrderBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await api.meals.order(me(ctx), menuId, linkId);
  });
  router.get('/api/elderly/meal-orders', citizen, async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.meals.mine(me(ctx));
  });
  router.post('/api/elderly/meal-orders/:id/cancel', citizen, async (ctx) => {
    ctx.body = await api.meals.cancel(me(ctx), parse(idParam, ctx.params).id);
  });

  // 能力评估: a place's open slots, booking one (a case), my bookings.
  router.get('/api/elderly/places/:id/assessment-slots', async (ctx) => {
    ctx.body = await api.assessment.slots(parse(placeParam, ctx.params).id);
  });
  router.post('/api/elderly/assessments', citizen, async (ctx) => {
    const { slotId, linkId } = parse(assessmentBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await api.assessment.book(me(ctx), slotId, linkId);
  });
  router.post('/api/elderly/assessments/:number/withdraw', citizen, async (ctx) => {
    ctx.body = await api.assessment.withdraw(me(ctx), parse(caseNumberParam, ctx.params).number);
  });
  router.get('/api/elderly/assessments', citizen, async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.assessment.mine(me(ctx));
  });

  const placeStaff = requireStaff(p.staffSessions, 'elderly_staff');
  const officer = requireStaff(p.staffSessions, 'elderly_officer');
  const who = (ctx: { state: AppState }) => ctx.state.staff!;
  router.get('/api/staff/elderly/places', placeStaff, async (ctx) => {
    const { page, pageSize } = parse(staffPlacesQuery, ctx.query);
    ctx.body = await api.keepCurrent.list(who(ctx), page, pageSize);
  });
  router.get('/api/staff/elderly/places/:id', placeStaff, async (ctx) => {
    ctx.body = await api.keepCurrent.get(who(ctx), parse(placeParam, ctx.params).id);
  });
  router.put('/api/staff/elderly/places/:id', placeStaff, async (ctx) => {
    const { id } = parse(placeParam, ctx.params);
    ctx.body = await api.keepCurrent.update(who(ctx), id, parse(placeUpdateBody, ctx.request.body));
  });
  router.get('/api/staff/elderly/age-allowance/rules', officer, async (ctx) => {
    ctx.body = await api.allowance.listRules();
  });
  router.put('/api/staff/elderly/age-allowance/rules/:prefix', officer, async (ctx) => {
    const { prefix } = parse(ruleParam, ctx.params);
    ctx.body = await api.allowance.setRule(who(ctx), prefix, parse(ruleBody, ctx.request.body).tiers);
  });
  router.get('/api/staff/elderly/places/:id/menus', placeStaff, async (ctx) => {
    const { day } = parse(dayQuery, ctx.query);
    ctx.body = await api.meals.dayMenu(who(ctx), parse(placeParam, ctx.params).id, day);
  });
  router.put('/api/staff/elderly/places/:id/menus/:day', placeStaff, async (ctx) => {
    const { id, day } = parse(dayParam, ctx.params);
    ctx.body = await api.meals.setDayMenu(who(ctx), id, day, parse(menuBody, ctx.request.body));
  });
  router.get('/api/staff/elderly/places/:id/meal-orders', placeStaff, async (ctx) => {
    const { day } = parse(dayQuery, ctx.query);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.meals.dayOrders(who(ctx), parse(placeParam, ctx.params).id, day);
  });
  // The station's counter: a pickup code (scanned or typed) for the meal being served, used once.
  router.post('/api/staff/elderly/places/:id/meal-pickups', placeStaff, async (ctx) => {
    const { id } = parse(placeParam, ctx.params);
    ctx.body = await api.meals.pickup(who(ctx), id, parse(pickupBody, ctx.request.body));
  });
  router.put('/api/staff/elderly/places/:id/assessment-slots/:day', placeStaff, async (ctx) => {
    const { id, day } = parse(dayParam, ctx.params);
    ctx.body = await api.assessment.setSlots(who(ctx), id, day, parse(slotsBody, ctx.request.body));
  });
  router.get('/api/staff/elderly/meal-rules', officer, async (ctx) => {
    ctx.body = await api.meals.listRules(who(ctx));
  });
  // 亲属绑定 at a hall's window, for an elder without a phone: staff read the elder's ID card.
  const window = requireStaff(p.staffSessions, 'elderly_officer', 'hall_staff');
  router.get('/api/staff/elderly/family-links', window, async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.family.pendingAtHall(who(ctx), parse(hallLinkQuery, ctx.query).idNumber);
  });
  router.post('/api/staff/elderly/family-links/:id/confirm', window, async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    ctx.body = await api.family.confirmAtHall(who(ctx), id, parse(hallConfirmBody, ctx.request.body));
  });
  router.put('/api/staff/elderly/meal-rules/:prefix', officer, async (ctx) => {
    const { prefix } = parse(ruleParam, ctx.params);
    ctx.body = await api.meals.setRule(who(ctx), prefix, parse(mealRuleBody, ctx.request.body));
  });
  return router;
}
