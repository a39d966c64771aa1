import Router from '@koa/router';
import { divisionPrefixes, requireCitizen, requireStaff } from '../../platform/auth';
import type { AppContext, AppState } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { PlaceNamesApi } from './index';
import {
  announcementBody,
  announcementsQuery,
  apiKeyBody,
  cultureBody,
  cultureListQuery,
  followBody,
  followParam,
  idParam,
  openDivisionParam,
  placeNameSearchQuery,
  staffPlaceNameQuery,
} from './schemas';

/** Public search and pages, citizens' follows, staff announcements, the open API and its keys. */
export function placeNameRoutes(p: Platform, api: PlaceNamesApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const officer = requireStaff(p.staffSessions, 'placename_officer');
  const admin = requireStaff(p.staffSessions, 'admin');

  router.get('/api/place-names', async (ctx) => {
    const query = parse(placeNameSearchQuery, ctx.query);
    ctx.type = 'application/json';
    ctx.body = await api.search.searchJson(query);
  });
  router.get('/api/place-names/culture', async (ctx) => {
    ctx.body = await api.culture.latest(parse(cultureListQuery, ctx.query).page);
  });
  router.post('/api/staff/place-names/:id/culture', officer, async (ctx) => {
    const id = Number(parse(idParam, ctx.params).id);
    ctx.status = 201;
    ctx.body = await api.culture.publish(ctx.state.staff!, id, parse(cultureBody, ctx.request.body));
  });
  router.get('/api/place-names/announcements', async (ctx) => {
    const { division, page } = parse(announcementsQuery, ctx.query);
    ctx.body = await api.announcements.list(division, page);
  });
  router.get('/api/place-names/announcements/:id', async (ctx) => {
    ctx.body = await api.announcements.get(Number(parse(idParam, ctx.params).id));
  });
  router.get('/api/place-names/follows', citizen, async (ctx) => {
    ctx.body = await api.follows.list(ctx.state.citizen!.userId);
  });
  router.post('/api/place-names/follows', citizen, async (ctx) => {
    ctx.body = await api.follows.follow(ctx.state.citizen!.userId, parse(followBody, ctx.request.body).divisionCode);
  });
  router.delete('/api/place-names/follows/:code', citizen, async (ctx) => {
    ctx.body = await api.follows.unfollow(ctx.state.citizen!.userId, parse(followParam, ctx.params).code);
  });
  router.get('/api/place-names/:id', async (ctx) => {
    ctx.body = await api.search.get(Number(parse(idParam, ctx.params).id));
  });

  router.post('/api/staff/place-names/announcements', officer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.announcements.publish(ctx.state.staff!, parse(announcementBody, ctx.request.body));
  });
  router.get('/api/staff/place-names', officer, async (ctx) => {
    const { status, ...q } = parse(staffPlaceNameQuery, ctx.query);
    ctx.body = await api.search.search(q, { prefixes: divisionPrefixes(ctx.state.staff!), status });
  });
  router.get('/api/staff/place-names/announcements', officer, async (ctx) => {
    ctx.body = await api.announcements.listForStaff(ctx.state.staff!, parse(announcementsQuery, ctx.query).page);
  });

  router.post('/api/staff/open-api-keys', admin, async (ctx) => {
    const { holder, perMinute } = parse(apiKeyBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await api.apiKeys.issue(ctx.state.staff!, holder, perMinute);
  });
  router.get('/api/staff/open-api-keys', admin, async (ctx) => {
    ctx.body = await api.apiKeys.list();
  });
  router.delete('/api/staff/open-api-keys/:id', admin, async (ctx) => {
    ctx.body = await api.apiKeys.revoke(ctx.state.staff!, Number(parse(idParam, ctx.params).id));
  });

  // The open API: the same answers, for a third party's key (X-Api-Key), rate-limited per key.
  const keyed = async (ctx: AppContext, next: () => Promise<unknown>) => {
    await api.apiKeys.admit(ctx.get('X-Api-Key') || undefined);
    await next();
  };
  router.get('/api/open/v1/divisions/:code', keyed, async (ctx) => {
    const { code } = parse(openDivisionParam, ctx.params);
    const view = await api.divisions.lookup(code);
    if (!view) throw notFound(`行政区划代码 ${code} 不存在：从未设立过这一代码，请核对后重试`);
    ctx.body = view;
  });
  router.get('/api/open/v1/place-names', keyed, async (ctx) => {
    const query = parse(placeNameSearchQuery, ctx.query);
    ctx.type = 'application/json';
    ctx.body = await api.search.searchJson(query);
  });
  router.get('/api/open/v1/place-names/:id', keyed, async (ctx) => {
    ctx.body = await api.search.get(Number(parse(idParam, ctx.params).id));
  });
  return router;
}
