import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { QueueApi } from './index';
import { openEventStream } from '../../platform/sse';
import { queueChannel } from './display';
import { deskBody, displayQuery, hallTicketParam, idParam, takeBody, windowParam } from './schemas';

export function queueRoutes(p: Platform, api: QueueApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;

  router.get('/api/halls/:id/queue', async (ctx) => {
    ctx.body = await api.tickets.board(parse(idParam, ctx.params).id);
  });
  // The hall's TV (叫号屏): no staff sign-in, only the hall's display token.
  router.get('/api/halls/:id/display', async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    await api.display.verify(id, parse(displayQuery, ctx.query).token);
    ctx.body = await api.display.board(id);
  });
  router.get('/api/halls/:id/display/events', async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    const { token } = parse(displayQuery, ctx.query);
    await api.display.verify(id, token);
    // A token replaced in the hall's settings ends the stream at the next heartbeat.
    const stream = openEventStream(ctx, p.events, { onHeartbeat: () => api.display.verify(id, token).then(() => {}) });
    // Messages arriving while the board is being read are folded into one more read.
    let reading = false;
    let again = false;
    const push = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          stream.send('board', await api.display.board(id));
        } while (again && !stream.ended);
      } catch (err) {
        ctx.state.log.warn({ err: (err as Error).message, hallId: id }, 'display board not sent');
        stream.end();
      } finally {
        reading = false;
      }
    };
    const unsubscribe = p.events.subscribe(queueChannel(id), (message) => {
      if (message.type === 'call') stream.send('call', message);
      void push();
    });
    stream.onEnd(unsubscribe);
    await push();
  });
  router.post('/api/queue/tickets', citizen, async (ctx) => {
    const r = await api.tickets.take(me(ctx), parse(takeBody, ctx.request.body));
    ctx.status = r.existing ? 200 : 201;
    ctx.body = r;
  });
  router.get('/api/queue/tickets/mine', citizen, async (ctx) => {
    ctx.body = await api.tickets.mine(me(ctx));
  });
  router.get('/api/queue/tickets/:id', citizen, async (ctx) => {
    ctx.body = await api.tickets.get(me(ctx), parse(idParam, ctx.params).id);
  });
  router.post('/api/queue/tickets/:id/cancel', citizen, async (ctx) => {
    ctx.body = await api.tickets.cancel(me(ctx), parse(idParam, ctx.params).id);
  });

  const staff = requireStaff(p.staffSessions, 'hall_staff');
  const s = new Router<AppState>({ prefix: '/api/staff/halls/:id' });
  const who = (ctx: { state: AppState }) => ctx.state.staff!;
  s.get('/queue', staff, async (ctx) => {
    ctx.body = await api.calling.list(who(ctx), parse(idParam, ctx.params).id);
  });
  s.post('/queue/tickets', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.calling.issueAtDesk(
      who(ctx),
      parse(idParam, ctx.params).id,
      parse(deskBody, ctx.request.body),
    );
  });
  s.post('/windows/:number/call-next', staff, async (ctx) => {
    const { id, number } = parse(windowParam, ctx.params);
    ctx.body = await api.calling.callNext(who(ctx), id, number);
  });
  for (const action of ['recall', 'serve', 'done', 'skip'] as const) {
    s.post(`/queue/tickets/:ticketId/${action}`, staff, async (ctx) => {
      const { id, ticketId } = parse(hallTicketParam, ctx.params);
      ctx.body = await api.calling[action](who(ctx), id, ticketId);
    });
  }
  router.use(s.routes()); // 405s come from the module router's own allowedMethods (platform/http.ts)
  return router;
}
