import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { ElderlyApi } from './index';
import {
  allowanceConfirmBody,
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
  return router;
}
