import { createScopedMemo, createVersionedMemo } from '../../platform/cache';
import type { Platform } from '../../platform/platform';
import type { HallsApi } from '../halls';
import { makeCompact } from './compact';
import { defineStatsModels } from './models';
import {
  type BookingsAnswer,
  type ComplaintsAnswer,
  type FollowersAnswer,
  hallParts,
  makeRead,
  type NoticesAnswer,
  type QueueAnswer,
} from './read';
import { makeRecord } from './record';
import { statsRoutes } from './routes';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';
export type { StatsRecord } from './record';

interface Deps {
  halls: Pick<HallsApi, 'places' | 'names'>;
}

function makeStatsApi(p: Platform, deps: Deps) {
  const models = defineStatsModels(p.db);
  // Queue answers kept whole until a ticket is called (in any process) or the day turns; the
  // minute bounds how long one stays if a bump could not reach the shared cache.
  const queueAnswers = createVersionedMemo<QueueAnswer>(p.cache, 'stats:queue:v', {
    ttlMs: 60_000,
    maxEntries: 500,
  });
  // Bookings answers kept until a booking event in their scope commits (in any process), the
  // day turns, or a minute passes (a bound for a bump that could not reach the shared cache).
  // Complaints, notices and followers answers alike, each under its own versions.
  const kept = {
    bookings: createScopedMemo<BookingsAnswer>(p.cache, 'stats:bookings:v', { ttlMs: 60_000, maxEntries: 500 }),
    complaints: createScopedMemo<ComplaintsAnswer>(p.cache, 'stats:complaints:v', { ttlMs: 60_000, maxEntries: 500 }),
    notices: createScopedMemo<NoticesAnswer>(p.cache, 'stats:notices:v', { ttlMs: 60_000, maxEntries: 500 }),
    followers: createScopedMemo<FollowersAnswer>(p.cache, 'stats:followers:v', { ttlMs: 60_000, maxEntries: 500 }),
  };
  return {
    /** Hooks for the modules that own the events, called inside the event's own transaction. */
    record: makeRecord(p, deps.halls, {
      queueChanged: () => queueAnswers.bump(),
      changed: (dashboard, place) => kept[dashboard].bump(hallParts(place)),
    }),
    read: makeRead(models, deps.halls, () => p.clock.today(), queueAnswers, kept),
    compact: makeCompact(p, models),
  };
}
export type StatsApi = ReturnType<typeof makeStatsApi>;

/** 统计分析: roll-up counters kept by the events themselves, read per scope by staff dashboards. */
export function createStats(p: Platform, deps: Deps) {
  const api = makeStatsApi(p, deps);
  // Idempotent: a run folds what is there; two at once fold each key once (compact.ts).
  p.jobs.define('stats.compact', async () => {
    await api.compact.run();
  });
  const schedule = async () => {
    await p.jobs.every('stats.compact', 60_000);
  };
  return { api, router: statsRoutes(p, api), schedule };
}
