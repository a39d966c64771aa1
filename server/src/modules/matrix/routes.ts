import Router from '@koa/router';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse, q } from '../../platform/validation';
import type { MatrixApi } from './index';
import { curateBody, feedQuery, idParam, memberPatchBody, newDistributionBody, newMemberBody } from './schemas';

export const listQuery = z.object({ page: q.page, pageSize: q.pageSize });

export function matrixRoutes(p: Platform, api: MatrixApi) {
  const router = new Router<AppState>();
  const editor = requireStaff(p.staffSessions, 'editor');

  // Citizens: the feed and the member accounts.
  router.get('/api/matrix/articles', async (ctx) => {
    ctx.type = 'json';
    ctx.body = await api.feed.listJson(parse(feedQuery, ctx.query)); // cached as bytes: sent as is
  });
  router.get('/api/matrix/members', async (ctx) => {
    ctx.body = { items: await api.members.listPublic() };
  });

  // Staff: members.
  router.get('/api/matrix/admin/members', editor, async (ctx) => {
    ctx.body = { items: await api.members.listForStaff(ctx.state.staff!) };
  });
  router.post('/api/matrix/admin/members', editor, async (ctx) => {
    const member = await api.members.add(ctx.state.staff!, parse(newMemberBody, ctx.request.body));
    await api.feed.changed();
    ctx.status = 201;
    ctx.body = { member };
  });
  router.get('/api/matrix/admin/members/:id', editor, async (ctx) => {
    ctx.body = { member: await api.members.getForStaff(ctx.state.staff!, parse(idParam, ctx.params).id) };
  });
  router.patch('/api/matrix/admin/members/:id', editor, async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    const member = await api.members.edit(ctx.state.staff!, id, parse(memberPatchBody, ctx.request.body));
    await api.feed.changed();
    ctx.body = { member };
  });
  router.post('/api/matrix/admin/sync', editor, async (ctx) => {
    ctx.status = 202;
    ctx.body = { queued: await api.sync.syncRequested(ctx.state.staff!) };
  });

  // Staff: curating the feed.
  router.get('/api/matrix/admin/articles', editor, async (ctx) => {
    ctx.body = await api.feed.listForStaff(parse(feedQuery, ctx.query), ctx.state.staff!);
  });
  router.patch('/api/matrix/admin/articles/:id', editor, async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    ctx.body = { article: await api.feed.curate(ctx.state.staff!, id, parse(curateBody, ctx.request.body)) };
  });

  // Staff: distribution.
  router.get('/api/matrix/admin/distributions', editor, async (ctx) => {
    const { page, pageSize } = parse(listQuery, ctx.query);
    ctx.body = await api.distribute.list(ctx.state.staff!, page, pageSize);
  });
  router.post('/api/matrix/admin/distributions', editor, async (ctx) => {
    ctx.status = 201;
    ctx.body = {
      distribution: await api.distribute.create(ctx.state.staff!, parse(newDistributionBody, ctx.request.body)),
    };
  });
  router.get('/api/matrix/admin/distributions/:id', editor, async (ctx) => {
    ctx.body = { distribution: await api.distribute.get(ctx.state.staff!, parse(idParam, ctx.params).id) };
  });
  router.post('/api/matrix/admin/distributions/:id/retry', editor, async (ctx) => {
    ctx.body = { distribution: await api.distribute.retry(ctx.state.staff!, parse(idParam, ctx.params).id) };
  });
  return router;
}
