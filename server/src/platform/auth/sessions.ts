import type { Cache } from '../cache';
import { randomToken, sha256 } from '../crypto';

export interface SessionOptions<T> {
  /**
   * Whom a session is for (a citizen's user id): written in clear at the head of its tokens,
   * so what a request needs of that person can be read in the same round trip as the session
   * (`readWith`). It is only a hint: nothing is trusted until the session itself says so.
   */
  subject?: (payload: T) => string;
}

// `<subject>_<random>`: a subject is base-36 digits (no `_`), so the first `_` ends it.
const SUBJECT = /^([0-9a-z]{1,12})_/;

/** What a token's session is read by: its key, the subject it names, the keys read with it. */
interface TokenKeys {
  key: string;
  subject: string | undefined;
  /** `keys` are `key` and `with(subject)` (the companions last asked for with this token). */
  with: ((subject: string) => string[]) | undefined;
  keys: string[] | undefined;
}

/**
 * Opaque bearer tokens with server-side state in the cache (shared by every process).
 * Only a hash of the token is stored, so a cache dump does not hand out live sessions.
 */
export function createSessions<T>(
  cache: Cache,
  kind: 'citizen' | 'staff',
  ttlSeconds: number,
  options: SessionOptions<T> = {},
) {
  // What a token's session is read by, by the token: a citizen sends the same one on every
  // page, and hashing it (and building the keys read with it) cost more than the rest of the
  // session check. Only keys are kept, never the session, so revoking still takes effect at
  // once on every process (bounded: emptied when full).
  const known = new Map<string, TokenKeys>();
  const keysOf = (token: string): TokenKeys => {
    let k = known.get(token);
    if (k === undefined) {
      if (known.size >= 10_000) known.clear();
      const subject = options.subject ? SUBJECT.exec(token)?.[1] : undefined;
      k = { key: `sess:${kind}:${sha256(token)}`, subject, with: undefined, keys: undefined };
      known.set(token, k);
    }
    return k;
  };
  const key = (token: string) => keysOf(token).key;
  const parse = (raw: string | null) => (raw ? (JSON.parse(raw) as T) : null);
  const read = async (token: string): Promise<T | null> => parse(await cache.get(key(token)));
  // A session as stored, parsed, with its subject, by its stored text (bounded): the same text
  // is read on every page. Kept by what the cache answered just now, so never outliving a revoke.
  const parsed = new Map<string, { session: T; subject: string }>();
  const parseWithSubject = (raw: string) => {
    let p = parsed.get(raw);
    if (p === undefined) {
      if (parsed.size >= 10_000) parsed.clear();
      const session = JSON.parse(raw) as T;
      p = { session, subject: options.subject!(session) };
      parsed.set(raw, p);
    }
    return p;
  };
  return {
    async issue(payload: T): Promise<{ token: string; expiresAt: Date }> {
      const random = randomToken();
      const token = options.subject ? `${options.subject(payload)}_${random}` : random;
      await cache.set(key(token), JSON.stringify(payload), ttlSeconds * 1000);
      return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },
    read,
    /**
     * The session, and in the same round trip the cache values at `companions(subject)` for
     * the subject its token names — `companions` is null when the token names none (issued
     * before subjects) or the session is not that subject's (then the caller reads them itself).
     * The session answered may be shared with other requests of the same session: read only.
     */
    async readWith(
      token: string,
      companionKeys: (subject: string) => string[],
    ): Promise<{ session: T | null; companions: (string | null)[] | null }> {
      const k = keysOf(token);
      const subject = k.subject;
      if (!subject) return { session: await read(token), companions: null };
      if (k.with !== companionKeys) {
        k.keys = [k.key, ...companionKeys(subject)];
        k.with = companionKeys;
      }
      const values = await cache.getMany(k.keys!);
      const raw = values[0];
      if (!raw) return { session: null, companions: null };
      const stored = parseWithSubject(raw);
      return { session: stored.session, companions: stored.subject === subject ? values.slice(1) : null };
    },
    async revoke(token: string): Promise<void> {
      await cache.del(key(token));
    },
  };
}

export type Sessions<T> = ReturnType<typeof createSessions<T>>;
