import { createLru } from './lru';
import type { Cache } from './types';
import { createSharedVersion } from './version';

/** How stale another process's change may look here by default: the version is re-read this often. */
const VERSION_POLL_MS = 250;

export interface AnswerOptions {
  /** How long an answer lives in the shared cache (it retires earlier when the version moves). */
  ttlMs: number;
  /** How long "nothing there" (a load that answered null) lives; `ttlMs` by default. */
  missTtlMs?: number;
  /** The in-process copy: at most this many answers, each for this long. */
  localEntries: number;
  localTtlMs: number;
}

/** One kind of answer kept under a version (organization profiles, search answers, feed pages). */
export interface Answers {
  /**
   * The answer for `key` as JSON bytes, ready to send (empty when `load` answers null): from
   * this process's copy, else the shared cache, else `load()` — one load per key and process
   * at a time, so a burst for one key costs one query.
   */
  json(key: string, load: () => Promise<unknown>): Promise<Buffer>;
}

export interface VersionedAnswers {
  /** The data's current version: anything derived from it may be kept until it changes. */
  version(): Promise<string>;
  /** After a change: every answer kept under the old version retires, in every process. */
  bump(): Promise<void>;
  /** A kind of answer kept under this version, in the shared cache as `<prefix>:<version>:<key>`. */
  answers(prefix: string, options: AnswerOptions): Answers;
}

/**
 * Answers computed from data that changes rarely, kept as JSON under a version that every
 * write to the data bumps. The version lives in the shared cache (Redis when configured), so
 * a write in one process retires the answers of all of them: at once in its own, within the
 * poll time in the others. Stale answers are never read again and simply expire.
 */
export function createVersionedAnswers(
  cache: Cache,
  versionKey: string,
  versionPollMs = VERSION_POLL_MS,
): VersionedAnswers {
  const version = createSharedVersion(cache, versionKey, versionPollMs);
  const locals: Array<{ clear(): void }> = [];
  return {
    version: () => version.current(),
    async bump() {
      await version.bump();
      for (const local of locals) local.clear();
    },
    answers(prefix, { ttlMs, missTtlMs = ttlMs, localEntries, localTtlMs }) {
      const local = createLru<Buffer>(localEntries, localTtlMs);
      locals.push(local);
      const loading = new Map<string, Promise<Buffer>>();
      return {
        async json(key, load) {
          const sharedKey = `${prefix}:${await version.current()}:${key}`;
          const mine = local.get(sharedKey);
          if (mine) return mine;
          let pending = loading.get(sharedKey);
          if (!pending) {
            pending = (async () => {
              let json = await cache.get(sharedKey);
              if (json === null) {
                const body = await load();
                json = body === null || body === undefined ? '' : JSON.stringify(body);
                await cache.set(sharedKey, json, json ? ttlMs : missTtlMs);
              }
              const bytes = Buffer.from(json);
              local.set(sharedKey, bytes);
              return bytes;
            })().finally(() => loading.delete(sharedKey));
            loading.set(sharedKey, pending);
          }
          return pending;
        },
      };
    },
  };
}
