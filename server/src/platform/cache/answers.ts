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
  /**
   * false: no copy in the shared cache — each process keeps its own and loads the rest. For an
   * answer whose source is itself one indexed row read in batches (organization profiles: their
   * kept rows), where a shared copy is one more round trip to find it and one to write it, for
   * every first read.
   */
  shared?: boolean;
}

/**
 * An answer that is already JSON, as text or UTF-8 bytes (a load may hand it back as is: it is
 * neither stringified nor encoded again).
 */
export class RawJson {
  constructor(readonly text: string | Buffer) {}
}

/** One kind of answer kept under a version (organization profiles, search answers, feed pages). */
export interface Answers {
  /**
   * The answer for `key` as JSON bytes, ready to send (empty when `load` answers null; a
   * RawJson is taken as the JSON itself): from
   * this process's copy, else the shared cache (unless made with `shared: false`), else
   * `load()` — one load per key and process at a time, so a burst for one key costs one query.
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
    answers(prefix, { ttlMs, missTtlMs = ttlMs, localEntries, localTtlMs, shared = true }) {
      const local = createLru<Buffer>(localEntries, localTtlMs);
      locals.push(local);
      const loading = new Map<string, Promise<Buffer>>();
      /** This process's own copy, from `load()` alone. */
      const loadHere = async (sharedKey: string, load: () => Promise<unknown>) => {
        const body = await load();
        const bytes =
          body === null || body === undefined
            ? Buffer.alloc(0)
            : body instanceof RawJson
              ? typeof body.text === 'string'
                ? Buffer.from(body.text)
                : body.text
              : Buffer.from(JSON.stringify(body));
        local.set(sharedKey, bytes);
        return bytes;
      };
      return {
        async json(key, load) {
          const sharedKey = `${prefix}:${await version.current()}:${key}`;
          const mine = local.get(sharedKey);
          if (mine) return mine;
          let pending = loading.get(sharedKey);
          if (!pending && !shared) {
            pending = loadHere(sharedKey, load).finally(() => loading.delete(sharedKey));
            loading.set(sharedKey, pending);
          }
          if (!pending) {
            pending = (async () => {
              let json: string | null = await cache.get(sharedKey);
              if (json === null) {
                const body = await load();
                json =
                  body === null || body === undefined
                    ? ''
                    : body instanceof RawJson
                      ? body.text.toString()
                      : JSON.stringify(body);
                // Not awaited: the answer is known, and the other processes find it once the
                // write lands (until then they load it too). A failed write only costs them that.
                cache.set(sharedKey, json, json ? ttlMs : missTtlMs).catch(() => undefined);
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
