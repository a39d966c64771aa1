import Router from '@koa/router';
import { requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { CSV_TYPE, XLSX_TYPE } from '../../platform/exports';
import { readUpload, sendImage } from '../../platform/uploads';
import { parse } from '../../platform/validation';
import { z } from 'zod';
import type { SocialOrgsApi } from './index';
import {
  answerBody,
  creditEntryBody,
  exportQuery,
  idParam,
  illegalOrgBody,
  inspectionBody,
  newOrgBody,
  orgPatchBody,
  penaltyBody,
  ratingBody,
  rejectBody,
  removalBody,
  searchQuery,
  staffComplaintQuery,
} from './schemas';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const importIdParams = z.object({
  id: z.coerce.number({ error: '导入编号无效' }).int().positive('导入编号无效'),
});
export const imageParams = z.object({
  id: idParam.shape.id,
  token: z.string().regex(/^[A-Za-z0-9_-]{20,43}$/, '图片标识无效'),
});

/** Registration officers (org_officer), each within their divisions. */
export function socialOrgStaffRoutes(p: Platform, api: SocialOrgsApi) {
  const router = new Router<AppState>({ prefix: '/api/staff/social-orgs' });
  router.use(requireStaff(p.staffSessions, 'org_officer'));

  router.get('/', async (ctx) => {
    ctx.type = 'json';
    ctx.body = await api.register.list(ctx.state.staff!, parse(searchQuery, ctx.query));
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.orgs.create(ctx.state.staff!, parse(newOrgBody, ctx.request.body));
  });
  router.post('/import', async (ctx) => {
    const file = await readUpload(ctx, { maxBytes: MAX_IMPORT_BYTES });
    const result = await api.imports.start(ctx.state.staff!, file.data);
    // A large file is a job: 202 with the import's id; GET /imports/:id follows it.
    ctx.status = result.queued ? 202 : 200;
    ctx.body = result.queued ? { import: result.import } : { imported: result.imported };
  });
  router.get('/imports/:id', async (ctx) => {
    const { id } = parse(importIdParams, ctx.params);
    ctx.body = await api.imports.status(ctx.state.staff!, id);
  });
  router.get('/export', async (ctx) => {
    const filter = parse(exportQuery, ctx.query);
    const { data } = await api.exportOrgs(ctx.state.staff!, filter);
    ctx.type = filter.format === 'csv' ? CSV_TYPE : XLSX_TYPE;
    ctx.attachment(`social-orgs-${filter.division ?? 'all'}.${filter.format}`);
    ctx.body = data;
  });
  router.post('/illegal', async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.illegalOrgs.publish(ctx.state.staff!, parse(illegalOrgBody, ctx.request.body));
  });

  router.get('/complaints', async (ctx) => {
    ctx.body = await api.workComplaints.list(ctx.state.staff!, parse(staffComplaintQuery, ctx.query));
  });
  router.get('/complaints/:id', async (ctx) => {
    ctx.body = await api.workComplaints.get(ctx.state.staff!, parse(idParam, ctx.params).id, ctx.ip);
  });
  router.get('/complaints/:id/images/:token', async (ctx) => {
    const { id, token } = parse(imageParams, ctx.params);
    sendImage(ctx, await api.workComplaints.image(ctx.state.staff!, id, token));
  });
  router.post('/complaints/:id/accept', async (ctx) => {
    ctx.body = await api.workComplaints.accept(ctx.state.staff!, parse(idParam, ctx.params).id);
  });
  router.post('/complaints/:id/answer', async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    ctx.body = await api.workComplaints.answer(ctx.state.staff!, id, parse(answerBody, ctx.request.body).answer);
  });
  router.post('/complaints/:id/reject', async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    ctx.body = await api.workComplaints.reject(ctx.state.staff!, id, parse(rejectBody, ctx.request.body).reason);
  });

  router.get('/:uscc', async (ctx) => {
    ctx.body = await api.register.detail(ctx.state.staff!, ctx.params.uscc);
  });
  router.patch('/:uscc', async (ctx) => {
    ctx.body = await api.orgs.update(ctx.state.staff!, ctx.params.uscc, parse(orgPatchBody, ctx.request.body));
  });
  router.post('/:uscc/credit-entries', async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.creditLists.putOnList(
      ctx.state.staff!,
      ctx.params.uscc,
      parse(creditEntryBody, ctx.request.body),
    );
  });
  router.post('/:uscc/credit-entries/:id/removal', async (ctx) => {
    const { id } = parse(idParam, { id: ctx.params.id });
    ctx.body = await api.creditLists.takeOffList(
      ctx.state.staff!,
      ctx.params.uscc,
      id,
      parse(removalBody, ctx.request.body),
    );
  });
  router.post('/:uscc/inspections', async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.creditLists.addInspection(
      ctx.state.staff!,
      ctx.params.uscc,
      parse(inspectionBody, ctx.request.body),
    );
  });
  router.post('/:uscc/penalties', async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.creditLists.addPenalty(
      ctx.state.staff!,
      ctx.params.uscc,
      parse(penaltyBody, ctx.request.body),
    );
  });
  router.post('/:uscc/ratings', async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.creditLists.addRating(ctx.state.staff!, ctx.params.uscc, parse(ratingBody, ctx.request.body));
  });
  return router;
}
