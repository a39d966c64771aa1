import Router from '@koa/router';
import { z } from 'zod';
import { requireCitizen } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse, q } from '../../platform/validation';
import type { NoticesApi } from './index';

const listQuery = z.object({ page: q.page, pageSize: q.pageSize });
const idParam = z.object({ id: z.coerce.number().int().positive('消息编号无效') });

export function noticeRoutes(p: Platform, api: NoticesApi) {
  const router = new Router<AppState>({ prefix: '/api/messages' });
  router.use(requireCitizen(p.citizenSessions));
  router.get('/', async (ctx) => {
    const { page, pageSize } = parse(listQuery, ctx.query);
    ctx.body = await api.inbox.list(ctx.state.citizen!.userId, page, pageSize);
  });
  router.get('/unread-count', async (ctx) => {
    ctx.body = await api.inbox.unreadCount(ctx.state.citizen!.userId);
  });
  router.post('/read-all', async (ctx) => {
    ctx.body = await api.inbox.markAllRead(ctx.state.citizen!.userId);
  });
  router.get('/:id', async (ctx) => {
    ctx.body = await api.inbox.get(ctx.state.citizen!.userId, parse(idParam, ctx.params).id);
  });
  router.post('/:id/read', async (ctx) => {
    ctx.body = await api.inbox.markRead(ctx.state.citizen!.userId, parse(idParam, ctx.params).id);
  });
  return router;
}
