import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { NoticesApi } from './index';
import {
  broadcastBody,
  consentBody,
  idParam,
  listQuery,
  outboxQuery,
  preferencesBody,
  previewBody,
  rejectBody,
  templateKeysQuery,
} from './schemas';

export function noticeRoutes(p: Platform, api: NoticesApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;

  // The citizen's 消息 list.
  router.get('/api/messages', citizen, async (ctx) => {
    const { page, pageSize } = parse(listQuery, ctx.query);
    ctx.body = await api.inbox.list(me(ctx), page, pageSize);
  });
  router.get('/api/messages/unread-count', citizen, async (ctx) => {
    ctx.body = await api.inbox.unreadCount(me(ctx));
  });
  router.post('/api/messages/read-all', citizen, async (ctx) => {
    ctx.body = await api.inbox.markAllRead(me(ctx));
  });
  // Which kinds of notice reach me through WeChat.
  router.get('/api/messages/preferences', citizen, async (ctx) => {
    ctx.body = await api.preferences.get(me(ctx));
  });
  router.put('/api/messages/preferences', citizen, async (ctx) => {
    ctx.body = await api.preferences.set(me(ctx), parse(preferencesBody, ctx.request.body));
  });
  // Subscribe-message consents: the template ids to ask for, and what the citizen answered.
  router.get('/api/messages/subscribe-templates', citizen, async (ctx) => {
    const { keys } = parse(templateKeysQuery, ctx.query);
    ctx.body = { templates: api.consents.templateIdsFor(keys.split(',')) };
  });
  router.post('/api/messages/consents', citizen, async (ctx) => {
    ctx.body = await api.consents.record(me(ctx), parse(consentBody, ctx.request.body).results);
  });
  router.get('/api/messages/:id', citizen, async (ctx) => {
    ctx.body = await api.inbox.get(me(ctx), parse(idParam, ctx.params).id);
  });
  router.post('/api/messages/:id/read', citizen, async (ctx) => {
    ctx.body = await api.inbox.markRead(me(ctx), parse(idParam, ctx.params).id);
  });

  // Staff broadcasts: editors compose, approvers approve; either may cancel.
  const editor = requireStaff(p.staffSessions, 'editor');
  const approver = requireStaff(p.staffSessions, 'approver');
  const either = requireStaff(p.staffSessions, 'editor', 'approver');
  const staff = (ctx: { state: AppState }) => ctx.state.staff!;
  router.get('/api/staff/notices/broadcasts', either, async (ctx) => {
    ctx.body = await api.broadcasts.list(staff(ctx));
  });
  router.post('/api/staff/notices/broadcasts/preview', either, async (ctx) => {
    ctx.body = await api.broadcasts.preview(staff(ctx), parse(previewBody, ctx.request.body).segment);
  });
  router.post('/api/staff/notices/broadcasts', editor, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.broadcasts.compose(staff(ctx), parse(broadcastBody, ctx.request.body));
  });
  router.get('/api/staff/notices/broadcasts/:id', either, async (ctx) => {
    ctx.body = await api.broadcasts.get(staff(ctx), parse(idParam, ctx.params).id);
  });
  router.get('/api/staff/notices/broadcasts/:id/outbox', either, async (ctx) => {
    ctx.body = await api.broadcasts.outbox(staff(ctx), parse(idParam, ctx.params).id, parse(outboxQuery, ctx.query));
  });
  router.post('/api/staff/notices/broadcasts/:id/approve', approver, async (ctx) => {
    ctx.body = await api.broadcasts.approve(staff(ctx), parse(idParam, ctx.params).id);
  });
  router.post('/api/staff/notices/broadcasts/:id/reject', approver, async (ctx) => {
    ctx.body = await api.broadcasts.reject(
      staff(ctx),
      parse(idParam, ctx.params).id,
      parse(rejectBody, ctx.request.body).reason,
    );
  });
  router.post('/api/staff/notices/broadcasts/:id/cancel', either, async (ctx) => {
    ctx.body = await api.broadcasts.cancel(staff(ctx), parse(idParam, ctx.params).id);
  });
  router.get('/api/staff/notices/outbox/:id', either, async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    const d = (await api.broadcasts.outboxInScope(staff(ctx), id)) ? await api.delivery(id) : null;
    if (!d) throw notFound('未找到该发送记录');
    ctx.body = { delivery: d };
  });
  return router;
}
