import type { Platform } from '../../platform/platform';
import type { CatalogueApi } from '../catalogue';
import type { HallsApi } from '../halls';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { StatsApi } from '../stats';
import { makeCalling } from './calling';
import { makeDisplay } from './display';
import { defineQueueModels, type TicketRow } from './models';
import { queueRoutes } from './routes';
import { makeTickets } from './tickets';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type QueueModels = ReturnType<typeof defineQueueModels>;
export interface QueueDeps {
  p: Platform;
  models: QueueModels;
  halls: HallsApi;
  catalogue: CatalogueApi;
  identity: IdentityApi;
  notices: NoticesApi;
  stats: StatsApi;
}

/** Called this many times without showing up, a ticket is skipped (过号). */
export const DEFAULT_MAX_CALLS = 3;

function makeQueueApi(deps: QueueDeps, maxCalls: number) {
  const tickets = makeTickets(deps);
  const calling = makeCalling(deps, tickets, maxCalls);
  return {
    tickets,
    calling,
    display: { ...makeDisplay(deps, tickets), verify: deps.halls.verifyDisplayToken },
    /** For the staff citizen look-up: the halls where this citizen has taken a queue ticket. */
    async placesOf(userId: number) {
      const rows = await deps.models.Ticket.findAll({
        where: { user_id: userId },
        attributes: ['hall_id'],
        group: ['hall_id'],
        raw: true,
      });
      return deps.halls.places(rows.map((r) => r.hall_id));
    },
    /** A booked citizen checked in: a ticket in the booked lane, once per booking. */
    async issueForBooking(input: { hallId: number; serviceCode: string; userId: number; bookingId: number }) {
      const existing = await deps.models.Ticket.findOne({ where: { booking_id: input.bookingId } });
      const t = existing
        ? (existing.get({ plain: true }) as TicketRow)
        : await tickets.issue({ ...input, lane: 'booked' });
      await calling.notifyNear(input.hallId, [input.serviceCode]);
      return { id: t.id, label: t.label };
    },
  };
}

export type QueueApi = ReturnType<typeof makeQueueApi>;

/** 取号: on-site queue per hall and service, live position, calls per window, notices. */
export function createQueue(p: Platform, deps: Omit<QueueDeps, 'p' | 'models'>, opts: { maxCalls?: number } = {}) {
  const models = defineQueueModels(p.db);
  const api = makeQueueApi({ p, models, ...deps }, opts.maxCalls ?? DEFAULT_MAX_CALLS);
  // Today's tickets not yet finished: the window calls the person on them by name.
  deps.identity.dependents.register(async (userId) => {
    const n = await models.Ticket.count({
      where: { user_id: userId, day: p.clock.today(), status: ['waiting', 'called', 'serving'] },
    });
    return n > 0 ? [`${n}个今日排队号`] : [];
  });
  const define = (key: string, render: (data: Record<string, string>) => { title: string; body: string }) =>
    deps.notices.templates.register({ key, kind: 'queue', render });
  define('queue.near', (data) => ({
    title: `快到您了：${data.label}`,
    body: `${data.hall}排队号 ${data.label}，前面还有${data.ahead}位，请到等候区留意叫号。`,
  }));
  define('queue.called', (data) => ({
    title: `请到${data.window}号窗口：${data.label}`,
    body: `请排队号 ${data.label} 到${data.window}号窗口办理。`,
  }));
  define('queue.skipped', (data) => ({
    title: `已过号：${data.label}`,
    body: `排队号 ${data.label} 叫号${data.times}次未到，已过号。如仍需办理请重新取号。`,
  }));
  p.jobs.define('queue.expire-old', async () => {
    await api.tickets.expireOld();
  });
  const schedule = () => p.jobs.every('queue.expire-old', 30 * 60_000);
  return { api, router: queueRoutes(p, api), schedule };
}
