import { createVersionedMemo } from '../../platform/cache';
import type { Platform } from '../../platform/platform';
import type { SearchRow } from './models';

/** Answers kept in each process (a few KB each, bounded). */
const KEPT = 5000;
/**
 * How long a kept answer lives at most. A notice change retires them at once (the version); this
 * bounds only how long one outlives a change whose bump could not reach the shared cache.
 */
const KEPT_MS = 5 * 60_000;

/**
 * A family's ranked matches, kept as the JSON bytes sent until something they are computed from
 * changes. They depend on the open notices and on the search row alone (candidates.ts, similarity.ts):
 * - every committed notice change (published, photo, status — a lead's 有线索, reunited, placed)
 *   bumps one version in the shared cache, which retires every kept answer: at once in the process
 *   that wrote, within the version's poll (250 ms) in the others;
 * - the search's whole row (user, every attribute, active) and the Beijing date are in the key, so
 *   a withdrawn or changed search, or a new day, is never answered from what was kept before.
 * Not scoped by region: a notice anywhere can enter a top whose nearer rings are not full.
 */
export function makeKeptMatches(p: Platform) {
  const memo = createVersionedMemo<Buffer>(p.cache, 'family-search:notices:v', { ttlMs: KEPT_MS, maxEntries: KEPT });
  return {
    /** The answer for this search row (its access already checked by the caller), kept or `load()`'s. */
    json(search: SearchRow, limit: number, load: () => Promise<unknown>): Promise<Buffer> {
      const key = `${search.id}|${limit}|${p.clock.today()}|${JSON.stringify(search)}`;
      return memo.get(key, async () => Buffer.from(JSON.stringify(await load())));
    },
    /** After a committed change to notices: every kept answer retires (a failed bump is logged). */
    async noticesChanged() {
      await memo.bump().catch((err: Error) => p.logger.warn({ err: err.message }, 'family search matches bump failed'));
    },
  };
}

export type KeptMatches = ReturnType<typeof makeKeptMatches>;
