import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { CasesApi } from './index';
import {
  actionBody,
  actionParam,
  bulkBody,
  caseIdParam,
  caseNumberParam,
  inboxQuery,
  statisticsQuery,
} from './schemas';

/**
 * The engine's own endpoints, the same for every case type: a citizen's cases and timeline;
 * a clerk's inbox, a case, an action on it, batch actions and the statistics. What is
 * particular to a type (an application form, a household, a 公示 list) is its module's.
 */
export function caseRoutes(p: Platform, api: CasesApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;

  router.get('/api/cases/mine', citizen, async (ctx) => {
    ctx.body = await api.views.mine(me(ctx));
  });
  router.get('/api/cases/:number', citizen, async (ctx) => {
    ctx.body = await api.views.forApplicant(me(ctx), parse(caseNumberParam, ctx.params).number);
  });

  // Any staff account: what it sees and may do follows from its roles and scope, case by case.
  const staff = requireStaff(p.staffSessions);
  const who = (ctx: { state: AppState }) => ctx.state.staff!;
  router.get('/api/staff/cases/types', staff, async (ctx) => {
    ctx.body = { items: api.describeTypes() };
  });
  router.get('/api/staff/cases/inbox', staff, async (ctx) => {
    ctx.type = 'application/json';
    ctx.body = await api.inbox.listJson(who(ctx), parse(inboxQuery, ctx.query));
  });
  router.get('/api/staff/cases/inbox/summary', staff, async (ctx) => {
    ctx.body = await api.inbox.summary(who(ctx));
  });
  router.get('/api/staff/cases/statistics', staff, async (ctx) => {
    ctx.body = await api.statistics.overview(who(ctx), parse(statisticsQuery, ctx.query));
  });
  router.get('/api/staff/cases/statistics/amounts', staff, async (ctx) => {
    ctx.body = await api.statistics.amounts(who(ctx), parse(statisticsQuery, ctx.query));
  });
  router.post('/api/staff/cases/bulk', staff, async (ctx) => {
    const body = parse(bulkBody, ctx.request.body);
    ctx.body = await api.bulkAct(who(ctx), body);
  });
  router.get('/api/staff/cases/:id', staff, async (ctx) => {
    ctx.body = await api.views.forStaff(who(ctx), parse(caseIdParam, ctx.params).id);
  });
  router.post('/api/staff/cases/:id/actions/:action', staff, async (ctx) => {
    const { id, action } = parse(actionParam, ctx.params);
    const body = parse(actionBody, ctx.request.body);
    await api.act({
      caseId: id,
      action,
      acting: { kind: 'staff', staff: who(ctx) },
      form: body.form,
      opinion: body.opinion,
      version: body.version,
    });
    ctx.body = await api.views.forStaff(who(ctx), id);
  });
  return router;
}
