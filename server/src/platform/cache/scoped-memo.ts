import { createMemo } from './memo';
import type { Cache } from './types';

/** How stale another process's change may look here by default: the versions are re-read this often. */
const VERSION_POLL_MS = 250;
const VERSION_TTL_MS = 365 * 86400_000;

/**
 * Answers kept in this process under several versions in the shared cache, one per part of
 * what they cover (a region, a hall): a change bumps the versions of the parts it touches, so
 * it retires only the answers that cover one of them — a booking in 海淀 leaves 朝阳's kept
 * dashboard standing, and the nationwide one (which covers every part) retires. A warm read
 * costs no query and no round trip (one reader's versions are re-read at most every
 * `pollMs`, all in one round trip). The process that bumps sees its change at once, the others
 * within `pollMs`. When the shared cache cannot be read, the answer is computed and not kept.
 */
export interface ScopedMemo<T> {
  /** The answer kept for `key` under the current versions of `parts`, or `load()`'s. */
  get(parts: string[], key: string, load: () => Promise<T>): Promise<T>;
  /** After a committed change touching `parts`: the answers covering any of them retire. */
  bump(parts: string[]): Promise<void>;
}

export function createScopedMemo<T>(
  cache: Cache,
  prefix: string,
  options: { ttlMs: number; maxEntries: number; pollMs?: number },
): ScopedMemo<T> {
  const versionKey = (part: string) => `${prefix}:${part}`;
  const answers = createMemo<T>(options.ttlMs, options.maxEntries);
  // Versions as last read, per list of parts (one round trip per reader and poll).
  const reads = createMemo<(string | null)[]>(options.pollMs ?? VERSION_POLL_MS, 2000);
  // What this process bumped to: a read in flight during a bump must not bring back an older one.
  const bumped = new Map<string, number>();

  async function versions(parts: string[]): Promise<string> {
    const read = await reads.get(parts.join('\u0000'), () => cache.getMany(parts.map(versionKey)));
    return parts.map((part, i) => Math.max(Number(read[i] ?? 0), bumped.get(part) ?? 0)).join('.');
  }

  return {
    async get(parts, key, load) {
      let v: string;
      try {
        v = await versions(parts);
      } catch {
        return load();
      }
      return answers.get(`${v}|${key}`, load);
    },
    async bump(parts) {
      const unique = [...new Set(parts)];
      const values = await Promise.all(unique.map((part) => cache.incr(versionKey(part), VERSION_TTL_MS)));
      unique.forEach((part, i) => bumped.set(part, Math.max(bumped.get(part) ?? 0, values[i])));
      // A load that began before the bump may finish after it: it is kept under the old
      // versions, which nobody asks for any more.
    },
  };
}
