import { createMemo } from './memo';
import type { Cache } from './types';
import { createSharedVersion } from './version';

/** How stale another process's change may look here by default: the version is re-read this often. */
const VERSION_POLL_MS = 250;

/**
 * Answers kept in this process under a version in the shared cache: a warm read costs no
 * query and no round trip (the version is re-read at most every `pollMs`). Every change to
 * what they are computed from calls `bump()` after its commit, which retires them at once in
 * this process and within `pollMs` in the others. Unlike `createVersionedAnswers`, nothing is
 * written to the shared cache: for answers that are large, or cheap enough to compute once per
 * process. When the shared cache cannot be read, the answer is computed and not kept.
 */
export interface VersionedMemo<T> {
  /**
   * `load` is given the version read for this call (undefined when the shared cache failed).
   * `keep`, when given, is asked on a miss whether to keep this answer: when it says no, the
   * answer is computed for this call only (for answers cheap to compute that are seldom asked
   * twice: keeping each costs the garbage collector more than computing it again).
   */
  get(key: string, load: (version: string | undefined) => Promise<T>, keep?: () => boolean): Promise<T>;
  /**
   * Under a version a `get` has just read (given to its `load`): a second answer the first one
   * is computed from costs no second read of the version.
   */
  getAt(version: string, key: string, load: () => Promise<T>): Promise<T>;
  /** After a committed change: every kept answer retires. A failed bump is logged by the caller. */
  bump(): Promise<void>;
}

export function createVersionedMemo<T>(
  cache: Cache,
  versionKey: string,
  options: { ttlMs: number; maxEntries: number; pollMs?: number },
): VersionedMemo<T> {
  const version = createSharedVersion(cache, versionKey, options.pollMs ?? VERSION_POLL_MS);
  const memo = createMemo<T>(options.ttlMs, options.maxEntries);
  return {
    async get(key, load, keep) {
      let v: string;
      try {
        v = await version.current();
      } catch {
        return load(undefined);
      }
      const k = `${v}|${key}`;
      if (keep && !memo.has(k) && !keep()) return load(v);
      return memo.get(k, () => load(v));
    },
    getAt(v, key, load) {
      return memo.get(`${v}|${key}`, load);
    },
    async bump() {
      memo.forget();
      await version.bump();
      // A load that began before the bump may finish after it: it was kept under the old
      // version, which nobody asks for any more.
    },
  };
}
