import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { readImage, sendImage } from '../../platform/uploads';
import { parse } from '../../platform/validation';
import type { SocialWorkApi } from './index';
import {
  assignBody,
  closeBody,
  complaintBody,
  idParam,
  inboxQuery,
  orgBody,
  projectBody,
  projectPatch,
  projectsQuery,
  rateBody,
  recordBody,
  registrationBody,
  rejectBody,
  requestBody,
  reviewQuery,
  stationBody,
  stationPatch,
  stationsQuery,
  trainingBody,
  workerBody,
  workerPatch,
  workersQuery,
} from './schemas';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * 社会工作 over HTTP. Anyone: stations and their pages, projects. Citizens: ask for help, my
 * requests, rate. 社工站工作人员: the station's inbox, assign, service records, close.
 * 社会工作管理: the registry, stations, projects, supervision of records, statistics.
 */
export function socialWorkRoutes(p: Platform, api: SocialWorkApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;
  const id = (ctx: { params: unknown }) => parse(idParam, ctx.params).id;
  const body = (ctx: { request: { body?: unknown } }) => ctx.request.body ?? {};

  router.get('/api/social-work/stations', async (ctx) => {
    ctx.body = await api.stations.list(parse(stationsQuery, ctx.query));
  });
  router.get('/api/social-work/stations/:id', async (ctx) => {
    ctx.body = await api.stations.page(id(ctx));
  });
  router.get('/api/social-work/projects', async (ctx) => {
    ctx.body = await api.projects.publicList(parse(projectsQuery, ctx.query));
  });
  router.post('/api/social-work/requests', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.requests.submit(me(ctx), parse(requestBody, body(ctx)));
  });
  router.get('/api/social-work/me/requests', citizen, async (ctx) => {
    ctx.body = await api.requests.mine(me(ctx));
  });
  router.get('/api/social-work/me/requests/:id', citizen, async (ctx) => {
    ctx.body = await api.requests.myOne(me(ctx), id(ctx));
  });
  router.post('/api/social-work/me/requests/:id/rating', citizen, async (ctx) => {
    ctx.body = await api.requests.rate(me(ctx), id(ctx), parse(rateBody, body(ctx)));
  });
  // A complaint about the service goes into the social-orgs complaint flow (我的投诉).
  router.post('/api/social-work/me/requests/:id/complaint', citizen, async (ctx) => {
    const out = await api.complain(me(ctx), id(ctx), parse(complaintBody, body(ctx)));
    ctx.status = out.replayed ? 200 : 201;
    ctx.body = out;
  });

  const officer = requireStaff(p.staffSessions, 'social_work_officer');
  const station = requireStaff(p.staffSessions, 'social_work_officer', 'social_worker');
  const worker = requireStaff(p.staffSessions, 'social_worker');
  const who = (ctx: { state: AppState }) => ctx.state.staff!;

  router.get('/api/staff/social-work/level-rules', station, async (ctx) => {
    ctx.body = await api.registry.levelRules();
  });
  router.get('/api/staff/social-work/orgs', officer, async (ctx) => {
    ctx.body = await api.registry.orgs(who(ctx));
  });
  router.post('/api/staff/social-work/orgs', officer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.registry.registerOrg(who(ctx), parse(orgBody, body(ctx)).uscc);
  });
  router.get('/api/staff/social-work/stations', station, async (ctx) => {
    ctx.body = await api.registry.staffStations(who(ctx));
  });
  router.post('/api/staff/social-work/stations', officer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.registry.createStation(who(ctx), parse(stationBody, body(ctx)));
  });
  router.patch('/api/staff/social-work/stations/:id', officer, async (ctx) => {
    ctx.body = await api.registry.updateStation(who(ctx), id(ctx), parse(stationPatch, body(ctx)));
  });
  router.get('/api/staff/social-work/workers', station, async (ctx) => {
    ctx.body = await api.registry.workers(who(ctx), parse(workersQuery, ctx.query).due === 'true');
  });
  router.post('/api/staff/social-work/workers', officer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.registry.registerWorker(who(ctx), parse(workerBody, body(ctx)));
  });
  router.get('/api/staff/social-work/workers/:id', station, async (ctx) => {
    ctx.body = await api.registry.workerView(who(ctx), id(ctx));
  });
  router.patch('/api/staff/social-work/workers/:id', officer, async (ctx) => {
    ctx.body = await api.registry.updateWorker(who(ctx), id(ctx), parse(workerPatch, body(ctx)));
  });
  router.post('/api/staff/social-work/workers/:id/registration', officer, async (ctx) => {
    ctx.body = await api.registry.recordRegistration(who(ctx), id(ctx), parse(registrationBody, body(ctx)));
  });
  router.post('/api/staff/social-work/workers/:id/training', officer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.registry.addTraining(who(ctx), id(ctx), parse(trainingBody, body(ctx)));
  });

  router.get('/api/staff/social-work/requests', station, async (ctx) => {
    ctx.body = await api.requests.inbox(who(ctx), parse(inboxQuery, ctx.query));
  });
  router.get('/api/staff/social-work/requests/:id', station, async (ctx) => {
    ctx.body = await api.requests.staffOne(who(ctx), id(ctx));
  });
  router.post('/api/staff/social-work/requests/:id/assign', station, async (ctx) => {
    ctx.body = await api.requests.assign(who(ctx), id(ctx), parse(assignBody, body(ctx)));
  });
  router.post('/api/staff/social-work/requests/:id/records', worker, async (ctx) => {
    const out = await api.records.record(who(ctx), id(ctx), parse(recordBody, body(ctx)));
    ctx.status = out.created ? 201 : 200;
    ctx.body = { record: out.record, duplicate: !out.created };
  });
  router.post('/api/staff/social-work/requests/:id/close', worker, async (ctx) => {
    ctx.body = await api.requests.close(who(ctx), id(ctx), parse(closeBody, body(ctx)));
  });
  router.post('/api/staff/social-work/photos', worker, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.records.uploadPhoto(
      who(ctx),
      await readImage(ctx, { maxBytes: MAX_PHOTO_BYTES, maxEdge: 1600 }),
    );
  });
  router.get('/api/staff/social-work/photos/:id', station, async (ctx) => {
    sendImage(ctx, await api.records.photo(who(ctx), id(ctx)));
  });
  router.get('/api/staff/social-work/records', officer, async (ctx) => {
    ctx.body = await api.records.forReview(who(ctx), parse(reviewQuery, ctx.query).status);
  });
  router.post('/api/staff/social-work/records/:id/approve', officer, async (ctx) => {
    ctx.body = await api.records.review(who(ctx), id(ctx), 'approve');
  });
  router.post('/api/staff/social-work/records/:id/reject', officer, async (ctx) => {
    ctx.body = await api.records.review(who(ctx), id(ctx), 'reject', parse(rejectBody, body(ctx)).reason);
  });

  router.get('/api/staff/social-work/projects', station, async (ctx) => {
    ctx.body = await api.projects.staffList(who(ctx));
  });
  router.post('/api/staff/social-work/projects', officer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.projects.create(who(ctx), parse(projectBody, body(ctx)));
  });
  router.patch('/api/staff/social-work/projects/:id', officer, async (ctx) => {
    ctx.body = await api.projects.updateResults(who(ctx), id(ctx), parse(projectPatch, body(ctx)));
  });
  router.get('/api/staff/social-work/statistics', station, async (ctx) => {
    ctx.body = await api.statistics.byStationAndCategory(who(ctx));
  });
  return router;
}
