import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { CSV_TYPE, XLSX_TYPE } from '../../platform/exports';
import { sendJson } from '../../platform/http';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { VolunteerApi } from './index';
import {
  activityBody,
  activityPatch,
  cancelBody,
  certificateRequestBody,
  certificatesQuery,
  correctionBody,
  decisionBody,
  exportQuery,
  idParam,
  importVolunteerBody,
  joinBody,
  ledgerVerifyQuery,
  manualHoursBody,
  membersQuery,
  numberParam,
  orgAdminBody,
  orgBody,
  profileBody,
  publicOrgsQuery,
  rejectBody,
  revokeBody,
  scanBody,
  searchQuery,
  statsQuery,
  staffActivitiesQuery,
  transitionParam,
} from './schemas';
import { verifyPage } from './verify-page';

/**
 * 志愿服务 over HTTP. Citizens: register, profile, search and sign up, scan in and out, my
 * record, certificates. Anyone: verify a certificate. Staff (志愿服务管理) and organizers
 * (志愿服务组织管理员): organizations, activities, sign-up review, the on-site code, hours.
 */
export function volunteerRoutes(p: Platform, api: VolunteerApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;
  const id = (ctx: { params: unknown }) => parse(idParam, ctx.params).id;

  router.get('/api/volunteer/me', citizen, async (ctx) => {
    const v = await api.volunteers.byUser(me(ctx));
    ctx.body = { volunteer: v ? api.volunteers.view(v) : null };
  });
  router.post('/api/volunteer/me', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.volunteers.register(me(ctx), parse(profileBody, ctx.request.body ?? {}));
  });
  router.put('/api/volunteer/me', citizen, async (ctx) => {
    ctx.body = await api.volunteers.updateProfile(me(ctx), parse(profileBody, ctx.request.body ?? {}));
  });
  router.get('/api/volunteer/me/record', citizen, async (ctx) => {
    ctx.body = await api.record.mine(me(ctx));
  });
  router.get('/api/volunteer/me/activities/:id', citizen, async (ctx) => {
    ctx.body = await api.record.forActivity(me(ctx), id(ctx));
  });
  router.get('/api/volunteer/activities', async (ctx) => {
    // The answer's bytes may be in a slab written into again once the response closed (sent or abandoned).
    sendJson(
      ctx,
      await api.activities.searchBody(parse(searchQuery, ctx.query), (sent) => ctx.res.once('close', sent)),
    );
  });
  router.get('/api/volunteer/activities/:id', async (ctx) => {
    const a = await api.activities.publicOne(id(ctx));
    ctx.body = { activity: (await api.activities.views([a]))[0] };
  });
  router.post('/api/volunteer/activities/:id/signup', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.signups.signUp(me(ctx), id(ctx));
  });
  router.post('/api/volunteer/activities/:id/signup/cancel', citizen, async (ctx) => {
    ctx.body = await api.signups.cancel(me(ctx), id(ctx));
  });
  router.post('/api/volunteer/scan', citizen, async (ctx) => {
    ctx.body = await api.attendance.scan(me(ctx), parse(scanBody, ctx.request.body));
  });
  router.get('/api/volunteer/me/certificates', citizen, async (ctx) => {
    ctx.body = await api.certificates.mine(me(ctx));
  });
  router.post('/api/volunteer/me/certificates', citizen, async (ctx) => {
    const { orgId, purpose } = parse(certificateRequestBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await api.certificates.request(me(ctx), orgId, purpose);
  });
  router.get('/api/volunteer/me/certificates/:id/pdf', citizen, async (ctx) => {
    const { number, pdf } = await api.certificates.pdfForVolunteer(me(ctx), id(ctx), ctx.origin);
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `attachment; filename="${number}.pdf"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = pdf;
  });
  router.get('/api/volunteer/orgs', async (ctx) => {
    ctx.body = await api.members.publicList(parse(publicOrgsQuery, ctx.query).divisionCode);
  });
  router.post('/api/volunteer/orgs/:id/join', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.members.apply(me(ctx), id(ctx), parse(joinBody, ctx.request.body ?? {}).note);
  });
  router.get('/api/volunteer/me/orgs', citizen, async (ctx) => {
    ctx.body = await api.members.mine(me(ctx));
  });
  router.get('/api/volunteer/certificates/public-key', (ctx) => {
    ctx.body = { algorithm: 'Ed25519', publicKey: api.certificates.publicKeyPem };
  });
  router.get('/api/volunteer/certificates/:number', async (ctx) => {
    ctx.body = await api.certificates.verify(parse(numberParam, ctx.params).number);
  });
  // The page a certificate's QR opens (not under /api: people read it).
  router.get('/verify/:number', async (ctx) => {
    const { number } = parse(numberParam, ctx.params);
    const result = await api.certificates.verify(number).catch((err) => {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    });
    if (!result) ctx.status = 404;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = verifyPage(result, number);
  });

  const officer = requireStaff(p.staffSessions, 'volunteer_officer');
  const organizer = requireStaff(p.staffSessions, 'volunteer_officer', 'volunteer_organizer');
  const who = (ctx: { state: AppState }) => ctx.state.staff!;

  // 志愿服务统计 over the organizations one may act for; aggregates only (no personal data).
  router.get('/api/staff/volunteer/stats', organizer, async (ctx) => {
    ctx.body = await api.stats.summary(who(ctx), parse(statsQuery, ctx.query));
  });
  router.get('/api/staff/volunteer/orgs', organizer, async (ctx) => {
    ctx.body = await api.orgs.list(who(ctx));
  });
  router.post('/api/staff/volunteer/orgs', officer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.orgs.register(who(ctx), parse(orgBody, ctx.request.body));
  });
  router.get('/api/staff/volunteer/orgs/:id/admins', organizer, async (ctx) => {
    ctx.body = await api.orgs.admins(who(ctx), id(ctx));
  });
  router.post('/api/staff/volunteer/orgs/:id/admins', officer, async (ctx) => {
    ctx.body = await api.orgs.addAdmin(who(ctx), id(ctx), parse(orgAdminBody, ctx.request.body).staffId);
  });
  router.get('/api/staff/volunteer/orgs/:id/members', organizer, async (ctx) => {
    ctx.body = await api.members.forOrg(who(ctx), id(ctx), parse(membersQuery, ctx.query).status);
  });
  router.post('/api/staff/volunteer/members/:id/approve', organizer, async (ctx) => {
    const { reason } = parse(decisionBody, ctx.request.body ?? {});
    ctx.body = await api.members.decide(who(ctx), id(ctx), 'approve', reason);
  });
  router.post('/api/staff/volunteer/members/:id/refuse', organizer, async (ctx) => {
    const { reason } = parse(rejectBody, ctx.request.body ?? {});
    ctx.body = await api.members.decide(who(ctx), id(ctx), 'refuse', reason);
  });
  router.post('/api/staff/volunteer/orgs/:id/volunteers', organizer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.volunteers.importOne(who(ctx), id(ctx), parse(importVolunteerBody, ctx.request.body));
  });
  router.get('/api/staff/volunteer/activities', organizer, async (ctx) => {
    ctx.body = await api.activities.staffList(who(ctx), parse(staffActivitiesQuery, ctx.query));
  });
  router.post('/api/staff/volunteer/activities', organizer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.activities.create(who(ctx), parse(activityBody, ctx.request.body));
  });
  router.get('/api/staff/volunteer/activities/:id', organizer, async (ctx) => {
    ctx.body = await api.activities.staffView(who(ctx), id(ctx));
  });
  router.patch('/api/staff/volunteer/activities/:id', organizer, async (ctx) => {
    ctx.body = await api.activities.update(who(ctx), id(ctx), parse(activityPatch, ctx.request.body));
  });
  router.get('/api/staff/volunteer/activities/:id/hours', organizer, async (ctx) => {
    ctx.body = await api.attendance.ledgerOf(who(ctx), id(ctx));
  });
  router.post('/api/staff/volunteer/activities/:id/manual-hours', organizer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.attendance.manual(who(ctx), id(ctx), parse(manualHoursBody, ctx.request.body));
  });
  // publish / start / finish / cancel (after the fixed paths above, which it would also match).
  router.post('/api/staff/volunteer/activities/:id/:action', organizer, async (ctx) => {
    const { id: activityId, action } = parse(transitionParam, ctx.params);
    const { reason } = parse(cancelBody, ctx.request.body ?? {});
    ctx.body = await api.activities.transition(who(ctx), activityId, action, reason);
  });
  router.get('/api/staff/volunteer/activities/:id/signups', organizer, async (ctx) => {
    ctx.body = await api.signups.forActivity(who(ctx), id(ctx));
  });
  router.get('/api/staff/volunteer/activities/:id/signups/export', organizer, async (ctx) => {
    const { format } = parse(exportQuery, ctx.query);
    const activityId = id(ctx);
    const { data } = await api.signups.exportRoster(who(ctx), activityId, format);
    ctx.type = format === 'csv' ? CSV_TYPE : XLSX_TYPE;
    ctx.set('Content-Disposition', `attachment; filename="volunteer-roster-${activityId}.${format}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = data;
  });
  router.post('/api/staff/volunteer/signups/:id/approve', organizer, async (ctx) => {
    const { reason } = parse(decisionBody, ctx.request.body ?? {});
    ctx.body = await api.signups.decide(who(ctx), id(ctx), 'approve', reason);
  });
  router.post('/api/staff/volunteer/signups/:id/reject', organizer, async (ctx) => {
    const { reason } = parse(rejectBody, ctx.request.body ?? {});
    ctx.body = await api.signups.decide(who(ctx), id(ctx), 'reject', reason);
  });
  router.get('/api/staff/volunteer/activities/:id/code', organizer, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await api.code.issue(who(ctx), id(ctx));
  });
  router.get('/api/staff/volunteer/activities/:id/attendance', organizer, async (ctx) => {
    ctx.body = await api.attendance.forActivity(who(ctx), id(ctx));
  });
  router.get('/api/staff/volunteer/activities/:id/attempts', organizer, async (ctx) => {
    ctx.body = await api.attendance.attemptsOf(who(ctx), id(ctx));
  });
  router.post('/api/staff/volunteer/attendance/:id/confirm', organizer, async (ctx) => {
    const { reason } = parse(decisionBody, ctx.request.body ?? {});
    ctx.body = await api.attendance.confirm(who(ctx), id(ctx), reason);
  });
  router.post('/api/staff/volunteer/attendance/:id/reject', organizer, async (ctx) => {
    const { reason } = parse(rejectBody, ctx.request.body ?? {});
    ctx.body = await api.attendance.reject(who(ctx), id(ctx), reason);
  });
  router.post('/api/staff/volunteer/ledger/:id/correct', organizer, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.attendance.correct(who(ctx), id(ctx), parse(correctionBody, ctx.request.body));
  });
  router.get('/api/staff/volunteer/ledger/verify', officer, async (ctx) => {
    ctx.body = await api.verifyLedger(who(ctx), parse(ledgerVerifyQuery, ctx.query).volunteerNumber);
  });
  router.get('/api/staff/volunteer/certificates', organizer, async (ctx) => {
    ctx.body = await api.certificates.forStaff(who(ctx), parse(certificatesQuery, ctx.query).status);
  });
  router.get('/api/staff/volunteer/certificates/:id/pdf', organizer, async (ctx) => {
    const { number, pdf } = await api.certificates.pdfForStaff(who(ctx), id(ctx), ctx.origin);
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `attachment; filename="${number}.pdf"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = pdf;
  });
  router.post('/api/staff/volunteer/certificates/:id/issue', organizer, async (ctx) => {
    ctx.body = await api.certificates.issue(who(ctx), id(ctx));
  });
  router.post('/api/staff/volunteer/certificates/:id/revoke', organizer, async (ctx) => {
    ctx.body = await api.certificates.revoke(who(ctx), id(ctx), parse(revokeBody, ctx.request.body).reason);
  });
  return router;
}
