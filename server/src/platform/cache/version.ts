import { singleFlight } from './single-flight';
import type { Cache } from './types';

const VERSION_TTL_MS = 365 * 86400_000;

/**
 * A version number in the shared cache that every write to some data bumps, so answers
 * cached under it (in the shared cache or in-process) retire everywhere at once. Reading it
 * on every request would cost a round trip per request: each process re-reads it at most
 * every `pollMs` (one read in flight), so a write in another process is seen within that
 * time, and at once in the process that made it.
 *
 * `pollMs` 0: no process ever answers from before a change that has returned. Every caller
 * gets a value read after it asked: it shares the read sent next (one read in flight, the
 * callers that arrive meanwhile wait for the one after it), so a burst of requests costs
 * one round trip per round trip's time, not one each, and a bump that returned before a
 * request arrived in any process is what that request sees.
 */
export function createSharedVersion(cache: Cache, key: string, pollMs: number) {
  let known: { value: string; at: number } | undefined;
  const reads = singleFlight(async () => {
    const read = (await cache.get(key)) ?? '0';
    // A bump made while this read was in flight is newer than what it brings back.
    const value = known && Number(known.value) > Number(read) ? known.value : read;
    known = { value, at: Date.now() };
    return value;
  });

  return {
    current(): Promise<string> {
      // The read out now may have left before a bump this caller must see: with no poll, the next one.
      if (pollMs <= 0) return reads.afterNow();
      if (known && Date.now() - known.at < pollMs) return Promise.resolve(known.value);
      return reads.any();
    },
    async bump(): Promise<string> {
      const value = String(await cache.incr(key, VERSION_TTL_MS));
      known = { value, at: Date.now() };
      return value;
    },
  };
}

export type SharedVersion = ReturnType<typeof createSharedVersion>;

/**
 * Several keys read together, one round trip (MGET) shared like createSharedVersion's reads with
 * `pollMs` 0: every caller gets values read after it asked, one read in flight and the callers
 * arriving meanwhile sharing the next. For a search that needs several change numbers (its index's,
 * its counts') before it answers: one round trip a burst of searches, not one per number.
 */
export function createSharedReads(cache: Cache, keys: string[]) {
  const reads = singleFlight(() => cache.getMany(keys));
  return {
    /** The keys' values (null: not set), read after this call. */
    current: (): Promise<(string | null)[]> => reads.afterNow(),
  };
}
