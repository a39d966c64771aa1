import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { readImage, sendImage } from '../../platform/uploads';
import { parse } from '../../platform/validation';
import type { FamilySearchApi } from './index';
import {
  idParam,
  intakeBody,
  leadBody,
  notifyGuardianBody,
  pushLevelParam,
  statsQuery,
  wandererBody,
  noticeBody,
  pageQuery,
  publicQuery,
  searchBody,
  stationNoticesQuery,
  statusBody,
} from './schemas';
import type { FamilySearchStatus } from '@minzheng/contracts';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export function familySearchRoutes(p: Platform, api: FamilySearchApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const station = requireStaff(p.staffSessions, 'station_staff');
  const id = (ctx: { params: unknown }) => Number(parse(idParam, ctx.params).id);

  router.get('/api/family-search/notices', async (ctx) => {
    ctx.body = await api.notices.publicList(parse(publicQuery, ctx.query));
  });
  router.get('/api/family-search/notices/:id', async (ctx) => {
    ctx.body = await api.notices.publicGet(id(ctx));
  });
  router.get('/api/family-search/notices/:id/photo', async (ctx) => {
    sendImage(ctx, await api.notices.photo(id(ctx)));
  });
  router.post('/api/family-search/notices/:id/leads', citizen, async (ctx) => {
    const { content } = parse(leadBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await api.leads.submit(ctx.state.citizen!.userId, id(ctx), content);
  });
  router.post('/api/family-search/searches', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.searches.register(ctx.state.citizen!.userId, parse(searchBody, ctx.request.body));
  });
  router.get('/api/family-search/searches', citizen, async (ctx) => {
    ctx.body = await api.searches.mine(ctx.state.citizen!.userId);
  });
  router.delete('/api/family-search/searches/:id', citizen, async (ctx) => {
    ctx.body = await api.searches.withdraw(ctx.state.citizen!.userId, id(ctx));
  });
  // PUT, and POST for wx.uploadFile: the same multipart photo as a wanderer's, re-encoded.
  for (const method of ['put', 'post'] as const)
    router[method]('/api/family-search/searches/:id/photo', citizen, async (ctx) => {
      ctx.body = await api.searches.setPhoto(ctx.state.citizen!.userId, id(ctx), () =>
        readImage(ctx, { maxBytes: MAX_PHOTO_BYTES, maxEdge: 1600 }),
      );
    });
  router.get('/api/family-search/searches/:id/photo', citizen, async (ctx) => {
    sendImage(ctx, await api.searches.photo(ctx.state.citizen!.userId, id(ctx)));
  });
  router.get('/api/staff/family-search/searches/:id/photo', station, async (ctx) => {
    sendImage(ctx, await api.searches.photoForStaff(ctx.state.staff!, id(ctx)));
  });
  router.get('/api/family-search/searches/:id/matches', citizen, async (ctx) => {
    const body = await api.searches.matchesJson(ctx.state.citizen!.userId, id(ctx));
    ctx.type = 'application/json';
    ctx.body = body;
  });

  router.get('/api/staff/family-search/notices', station, async (ctx) => {
    ctx.body = await api.station.notices(ctx.state.staff!, parse(stationNoticesQuery, ctx.query));
  });
  router.get('/api/staff/family-search/leads', station, async (ctx) => {
    ctx.body = await api.station.leadsInbox(ctx.state.staff!, parse(pageQuery, ctx.query).page);
  });
  router.post('/api/staff/family-search/notices', station, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.notices.publish(ctx.state.staff!, parse(noticeBody, ctx.request.body));
  });
  router.put('/api/staff/family-search/notices/:id/photo', station, async (ctx) => {
    ctx.body = await api.notices.setPhoto(ctx.state.staff!, id(ctx), () =>
      readImage(ctx, { maxBytes: MAX_PHOTO_BYTES, maxEdge: 1600 }),
    );
  });
  router.post('/api/staff/family-search/notices/:id/status', station, async (ctx) => {
    const { status } = parse(statusBody, ctx.request.body);
    ctx.body = await api.notices.setStatus(ctx.state.staff!, id(ctx), status as FamilySearchStatus);
  });
  router.get('/api/staff/family-search/notices/:id/leads', station, async (ctx) => {
    const noticeId = id(ctx);
    await api.notices.ownNotice(ctx.state.staff!, noticeId);
    ctx.body = await api.leads.forStaff(ctx.state.staff!, noticeId);
  });

  // 易走失人员: the guardian registers (with consent), lists, adds a photo, withdraws.
  router.post('/api/family-search/wanderers', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.wanderers.register(ctx.state.citizen!.userId, parse(wandererBody, ctx.request.body));
  });
  router.get('/api/family-search/wanderers', citizen, async (ctx) => {
    ctx.body = await api.wanderers.mine(ctx.state.citizen!.userId);
  });
  // PUT, and POST for wx.uploadFile (which can only POST): the same multipart photo, re-encoded.
  for (const method of ['put', 'post'] as const)
    router[method]('/api/family-search/wanderers/:id/photo', citizen, async (ctx) => {
      ctx.body = await api.wanderers.setPhoto(ctx.state.citizen!.userId, id(ctx), () =>
        readImage(ctx, { maxBytes: MAX_PHOTO_BYTES, maxEdge: 1600 }),
      );
    });
  router.delete('/api/family-search/wanderers/:id', citizen, async (ctx) => {
    ctx.body = await api.wanderers.withdraw(ctx.state.citizen!.userId, id(ctx));
  });
  router.post('/api/staff/family-search/wanderers/search', station, async (ctx) => {
    ctx.body = await api.wanderers.intakeSearch(ctx.state.staff!, parse(intakeBody, ctx.request.body));
  });
  router.get('/api/staff/family-search/wanderers/:id/photo', station, async (ctx) => {
    sendImage(ctx, await api.wanderers.photoForStaff(ctx.state.staff!, id(ctx)));
  });
  router.post('/api/staff/family-search/wanderers/:id/notify', station, async (ctx) => {
    const { noticeId } = parse(notifyGuardianBody, ctx.request.body);
    const wandererId = id(ctx);
    const notice = await api.notices.ownNotice(ctx.state.staff!, noticeId);
    ctx.body = await api.wanderers.notifyGuardian(ctx.state.staff!, wandererId, notice);
  });

  // The region push and its staff-approved widening.
  router.get('/api/staff/family-search/pushes', station, async (ctx) => {
    ctx.body = await api.pushes.proposed(ctx.state.staff!);
  });
  router.get('/api/staff/family-search/notices/:id/pushes', station, async (ctx) => {
    const notice = await api.notices.ownNotice(ctx.state.staff!, id(ctx));
    ctx.body = await api.pushes.forNotice(notice.id);
  });
  router.post('/api/staff/family-search/notices/:id/pushes/:level/approve', station, async (ctx) => {
    const { level } = parse(pushLevelParam, ctx.params);
    const notice = await api.notices.ownNotice(ctx.state.staff!, id(ctx));
    ctx.body = await api.pushes.approve(ctx.state.staff!, notice, level);
  });

  router.get('/api/staff/family-search/stats', station, async (ctx) => {
    ctx.body = await api.stats.summary(ctx.state.staff!, parse(statsQuery, ctx.query));
  });
  return router;
}
