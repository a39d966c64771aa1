import Router from '@koa/router';
import { requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { MpApi } from './index';
import { idParam, menuSchema, replyBody, replyPatch, sceneBody, segmentBody, tagBody } from './schemas';

/** Staff: the knowledge base, the menu, parameter QR codes, tags and audience counts. */
export function mpRoutes(p: Platform, api: MpApi) {
  const router = new Router<AppState>({ prefix: '/api/staff/mp' });
  const editor = requireStaff(p.staffSessions, 'editor');
  const staffOf = (ctx: { state: AppState }) => ctx.state.staff!;

  router.get('/replies', editor, async (ctx) => {
    ctx.body = await api.replies.list();
  });
  router.post('/replies', editor, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.replies.create(staffOf(ctx), parse(replyBody, ctx.request.body));
  });
  router.patch('/replies/:id', editor, async (ctx) => {
    ctx.body = await api.replies.update(
      staffOf(ctx),
      parse(idParam, ctx.params).id,
      parse(replyPatch, ctx.request.body),
    );
  });
  router.delete('/replies/:id', editor, async (ctx) => {
    ctx.body = await api.replies.remove(staffOf(ctx), parse(idParam, ctx.params).id);
  });

  router.get('/menu', editor, async (ctx) => {
    ctx.body = await api.menu.current();
  });
  router.put('/menu', editor, async (ctx) => {
    ctx.body = await api.menu.save(staffOf(ctx), parse(menuSchema, ctx.request.body));
  });
  router.post('/menu/push', editor, async (ctx) => {
    ctx.body = await api.menu.push(staffOf(ctx));
  });

  router.get('/scenes', requireStaff(p.staffSessions, 'editor', 'hall_staff'), async (ctx) => {
    ctx.body = await api.scenes.list(staffOf(ctx));
  });
  router.post('/scenes', requireStaff(p.staffSessions, 'editor', 'hall_staff'), async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.scenes.create(staffOf(ctx), parse(sceneBody, ctx.request.body));
  });

  router.get('/tags', editor, async (ctx) => {
    ctx.body = await api.tags.list();
  });
  router.post('/tags', editor, async (ctx) => {
    const { tag, openids } = parse(tagBody, ctx.request.body);
    ctx.body = await api.tags.tag(staffOf(ctx), tag, openids);
  });

  router.get('/subscribers/counts', editor, async (ctx) => {
    ctx.body = await api.subscribers.counts();
  });
  router.post('/segments/count', requireStaff(p.staffSessions, 'editor', 'approver'), async (ctx) => {
    const { segment } = parse(segmentBody, ctx.request.body);
    ctx.body = { count: await api.segments.countFor(staffOf(ctx), segment) };
  });
  return router;
}
