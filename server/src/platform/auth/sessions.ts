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
  // The key of a token, by the token: a citizen sends the same one on every page, and hashing
  // it cost more than the rest of the session check. Only the hash is kept, never the session,
  // so revoking still takes effect at once (bounded: emptied when full).
  const keys = new Map<string, string>();
  const key = (token: string) => {
    let k = keys.get(token);
    if (k === undefined) {
      if (keys.size >= 10_000) keys.clear();
      k = `sess:${kind}:${sha256(token)}`;
      keys.set(token, k);
    }
    return k;
  };
  const parse = (raw: string | null) => (raw ? (JSON.parse(raw) as T) : null);
  const read = async (token: string): Promise<T | null> => parse(await cache.get(key(token)));
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
     */
    async readWith(
      token: string,
      companionKeys: (subject: string) => string[],
    ): Promise<{ session: T | null; companions: (string | null)[] | null }> {
      const subject = options.subject && SUBJECT.exec(token)?.[1];
      if (!subject) return { session: await read(token), companions: null };
      const [raw, ...companions] = await cache.getMany([key(token), ...companionKeys(subject)]);
      const session = parse(raw);
      const theirs = session !== null && options.subject!(session) === subject;
      return { session, companions: theirs ? companions : null };
    },
    async revoke(token: string): Promise<void> {
      await cache.del(key(token));
    },
  };
}

export type Sessions<T> = ReturnType<typeof createSessions<T>>;
