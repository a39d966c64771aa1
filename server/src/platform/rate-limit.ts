import type { Cache } from './cache';
import { tooManyRequests } from './errors';

/**
 * Fixed-window counter in the shared cache: at most `limit` hits per `windowMs` per key,
 * across every process. Cheap enough (one round trip) not to slow an honest user.
 */
export async function enforceRateLimit(cache: Cache, key: string, limit: number, windowMs: number, message?: string) {
  const window = Math.floor(Date.now() / windowMs);
  const n = await cache.incr(`rl:${key}:${window}`, windowMs + 1000);
  if (n > limit) throw tooManyRequests(message);
}
