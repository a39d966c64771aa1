import type { Cache } from '../cache';
import { randomToken, sha256 } from '../crypto';

/**
 * Opaque bearer tokens with server-side state in the cache (shared by every process).
 * Only a hash of the token is stored, so a cache dump does not hand out live sessions.
 */
export function createSessions<T>(cache: Cache, kind: 'citizen' | 'staff', ttlSeconds: number) {
  const key = (token: string) => `sess:${kind}:${sha256(token)}`;
  return {
    async issue(payload: T): Promise<{ token: string; expiresAt: Date }> {
      const token = randomToken();
      await cache.set(key(token), JSON.stringify(payload), ttlSeconds * 1000);
      return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },
    async read(token: string): Promise<T | null> {
      const raw = await cache.get(key(token));
      return raw ? (JSON.parse(raw) as T) : null;
    },
    async revoke(token: string): Promise<void> {
      await cache.del(key(token));
    },
  };
}

export type Sessions<T> = ReturnType<typeof createSessions<T>>;
