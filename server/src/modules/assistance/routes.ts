import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { CSV_TYPE, XLSX_TYPE } from '../../platform/exports';
import { readUpload, sendImage } from '../../platform/uploads';
import { parse } from '../../platform/validation';
import type { AssistanceApi } from './index';
import { MAX_MATERIAL_BYTES } from './materials';
import {
  applicationBody,
  caseIdParam,
  kinBody,
  materialLabelQuery,
  materialParam,
  numberParam,
  objectionBody,
  paymentExportQuery,
  paymentQuery,
  paymentSettleBody,
  paymentStatisticsQuery,
  publicityQuery,
  staffPublicityQuery,
  reportBody,
  reportEvidenceParam,
  reportHandleBody,
  reportIdParam,
  reportQuery,
  selfCheckBody,
  standardBody,
  standardParam,
  supplementBody,
  surveyPhotoParam,
  withdrawBody,
} from './schemas';
import { MAX_SURVEY_PHOTO_BYTES } from './survey-photos';
import { z } from 'zod';

export const standardQuery = z.object({ divisionCode: z.string().regex(/^\d{6,12}$/, '请选择所在地区') });

/**
 * 社会救助 over HTTP. Citizens: the local standard and the self-check, materials, applying, my
 * applications with their timelines, withdrawing, handing in missing materials, the 公示 of a
 * community and objections. Staff: the household behind a case and the 入户调查 photos (the
 * engine's inbox and actions are at /api/staff/cases) and the local standards.
 */
export function assistanceRoutes(p: Platform, api: AssistanceApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;

  router.get('/api/assistance/standard', async (ctx) => {
    const { divisionCode } = parse(standardQuery, ctx.query);
    ctx.body = { standard: await api.standards.standardFor(divisionCode) };
  });
  router.post('/api/assistance/self-check', async (ctx) => {
    ctx.body = await api.standards.selfCheck(parse(selfCheckBody, ctx.request.body));
  });
  router.post('/api/assistance/materials', citizen, async (ctx) => {
    const { label } = parse(materialLabelQuery, ctx.query);
    ctx.status = 201;
    ctx.body = await api.materials.upload(me(ctx), label, () => readUpload(ctx, { maxBytes: MAX_MATERIAL_BYTES }));
  });
  router.post('/api/assistance/applications', citizen, async (ctx) => {
    const result = await api.apply(me(ctx), parse(applicationBody, ctx.request.body));
    ctx.status = 201;
    ctx.body = result;
  });
  router.get('/api/assistance/applications', citizen, async (ctx) => {
    ctx.body = await api.views.mine(me(ctx));
  });
  router.get('/api/assistance/applications/:number', citizen, async (ctx) => {
    ctx.body = await api.views.forApplicant(me(ctx), parse(numberParam, ctx.params).number);
  });
  router.post('/api/assistance/applications/:number/withdraw', citizen, async (ctx) => {
    const { number } = parse(numberParam, ctx.params);
    const { reason } = parse(withdrawBody, ctx.request.body ?? {});
    await api.applicantActs(me(ctx), number, 'withdraw', {}, reason ?? '申请人主动撤回');
    ctx.body = await api.views.forApplicant(me(ctx), number);
  });
  router.post('/api/assistance/applications/:number/supplement', citizen, async (ctx) => {
    const { number } = parse(numberParam, ctx.params);
    const body = parse(supplementBody, ctx.request.body);
    await api.applicantActs(me(ctx), number, 'supplement', body, body.note ?? null);
    ctx.body = await api.views.forApplicant(me(ctx), number);
  });
  router.get('/api/assistance/publicity', citizen, async (ctx) => {
    ctx.body = await api.publicity.list(parse(publicityQuery, ctx.query).community);
  });
  router.post('/api/assistance/publicity/:number/objections', citizen, async (ctx) => {
    const { number } = parse(numberParam, ctx.params);
    const { reason } = parse(objectionBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await api.publicity.object(me(ctx), number, reason);
  });
  router.post('/api/assistance/reports', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.reports.submit(me(ctx), parse(reportBody, ctx.request.body));
  });
  router.get('/api/assistance/reports', citizen, async (ctx) => {
    ctx.body = await api.reports.mine(me(ctx));
  });

  const staff = requireStaff(p.staffSessions, 'assistance_officer');
  const who = (ctx: { state: AppState }) => ctx.state.staff!;
  router.get('/api/staff/assistance/cases/:id', staff, async (ctx) => {
    ctx.body = await api.views.forStaff(who(ctx), parse(caseIdParam, ctx.params).id);
  });
  router.get('/api/staff/assistance/cases/:id/materials/:token', staff, async (ctx) => {
    const { id, token } = parse(materialParam, ctx.params);
    const material = await api.views.material(who(ctx), id, token);
    ctx.set('Cache-Control', 'private, no-store');
    if (material.mime === 'application/pdf') {
      ctx.type = 'application/pdf';
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
      ctx.set('Content-Disposition', 'attachment; filename="material.pdf"');
      ctx.body = material.data;
    } else sendImage(ctx, material);
  });
  // 入户调查照片: the worker holding the survey uploads; staff in scope view a submitted survey's.
  router.post('/api/staff/assistance/cases/:id/survey-photos', staff, async (ctx) => {
    const { id } = parse(caseIdParam, ctx.params);
    ctx.status = 201;
    ctx.body = await api.surveyPhotos.upload(who(ctx), id, () => readUpload(ctx, { maxBytes: MAX_SURVEY_PHOTO_BYTES }));
  });
  router.get('/api/staff/assistance/cases/:id/survey-photos/:token', staff, async (ctx) => {
    const { id, token } = parse(surveyPhotoParam, ctx.params);
    const photo = await api.surveyPhotos.read(who(ctx), id, token);
    ctx.set('Cache-Control', 'private, no-store');
    sendImage(ctx, photo);
  });
  router.get('/api/staff/assistance/publicity', staff, async (ctx) => {
    ctx.body = await api.publicity.forStaff(who(ctx), parse(staffPublicityQuery, ctx.query));
  });
  router.get('/api/staff/assistance/reports', staff, async (ctx) => {
    ctx.body = await api.reports.forStaff(who(ctx), parse(reportQuery, ctx.query));
  });
  router.post('/api/staff/assistance/reports/:id/handle', staff, async (ctx) => {
    const { id } = parse(reportIdParam, ctx.params);
    ctx.body = await api.reports.handle(who(ctx), id, parse(reportHandleBody, ctx.request.body));
  });
  router.get('/api/staff/assistance/reports/:id/evidence/:token', staff, async (ctx) => {
    const { id, token } = parse(reportEvidenceParam, ctx.params);
    const material = await api.reports.evidence(who(ctx), id, token);
    ctx.set('Cache-Control', 'private, no-store');
    if (material.mime === 'application/pdf') {
      ctx.type = 'application/pdf';
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
      ctx.set('Content-Disposition', 'attachment; filename="evidence.pdf"');
      ctx.body = material.data;
    } else sendImage(ctx, material);
  });
  router.get('/api/staff/assistance/payments', staff, async (ctx) => {
    ctx.body = await api.payments.forStaff(who(ctx), parse(paymentQuery, ctx.query));
  });
  router.get('/api/staff/assistance/payments/export', staff, async (ctx) => {
    const filter = parse(paymentExportQuery, ctx.query);
    const body = await api.payments.exportFor(who(ctx), filter);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = filter.format === 'csv' ? CSV_TYPE : XLSX_TYPE;
    ctx.set('Content-Disposition', `attachment; filename="assistance-payments-${filter.month}.${filter.format}"`);
    ctx.body = body;
  });
  router.post('/api/staff/assistance/payments/settle', staff, async (ctx) => {
    ctx.body = await api.payments.settle(who(ctx), parse(paymentSettleBody, ctx.request.body));
  });
  router.get('/api/staff/assistance/payments/statistics', staff, async (ctx) => {
    ctx.body = await api.payments.statistics(who(ctx), parse(paymentStatisticsQuery, ctx.query));
  });
  router.get('/api/staff/assistance/kin', staff, async (ctx) => {
    ctx.body = await api.kin.mine(who(ctx));
  });
  router.post('/api/staff/assistance/kin', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.kin.register(who(ctx), parse(kinBody, ctx.request.body));
  });
  router.get('/api/staff/assistance/standards', staff, async (ctx) => {
    ctx.body = await api.standards.list();
  });
  router.put('/api/staff/assistance/standards/:prefix', staff, async (ctx) => {
    const { prefix } = parse(standardParam, ctx.params);
    ctx.body = { standard: await api.standards.set(who(ctx), prefix, parse(standardBody, ctx.request.body)) };
  });
  return router;
}
