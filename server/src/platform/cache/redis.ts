import Redis, { ReplyError } from 'ioredis';
import { within } from '../deadline';
import { AppError, serviceUnavailable } from '../errors';
import { type Cache, type LockOptions, runLocked } from './types';

/**
 * How long a command may go unanswered before the request that needs it fails with a 503.
 * Redis answers in well under a millisecond; a second means it is down, stopped or cut off,
 * and a request waiting longer helps nobody (the audit saw 5–10 s, then a 500).
 */
export const COMMAND_TIMEOUT_MS = 1000;
const FIRST_CONNECT_MS = 5000;

// Delete the lock only if we still own it: a holder that outlived its TTL must not release
// the lock a peer has since taken.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const INCR_WITH_TTL = `local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end return n`;
// A stock: nil when missing (the caller seeds it), -1 when fewer than n are left, else what is
// left after taking n.
const TAKE_FROM_STOCK = `local v = redis.call('get', KEYS[1]) if not v then return nil end
local n = tonumber(ARGV[1]) if tonumber(v) < n then return -1 end return redis.call('decrby', KEYS[1], n)`;
const RETURN_TO_STOCK = `if redis.call('exists', KEYS[1]) == 1 then redis.call('incrby', KEYS[1], ARGV[1]) end return 0`;

// Refill by elapsed time (Redis' own clock, so every process agrees), grant what is there.
const TAKE_TOKENS = `
local rate = tonumber(ARGV[1]) local burst = tonumber(ARGV[2]) local want = tonumber(ARGV[3])
local t = redis.call('time') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local v = redis.call('hmget', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(v[1]) or burst local ts = tonumber(v[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local granted = math.min(want, math.floor(tokens))
tokens = tokens - granted
redis.call('hset', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('pexpire', KEYS[1], 60000)
local wait = 0
if granted < want then wait = math.ceil((1 - tokens) * 1000 / rate) end
return {granted, wait}`;

/** Redis-backed cache shared by every server and worker process. Keys are prefixed. */
export function createRedisCache(url: string, prefix: string): Cache {
  // A command queued while the connection is down fails after one reconnection attempt; one
  // Redis does not answer fails after COMMAND_TIMEOUT_MS (guarded, below).
  const redis = new Redis(url, {
    keyPrefix: prefix,
    maxRetriesPerRequest: 1,
    connectTimeout: FIRST_CONNECT_MS,
    // Commands issued in the same tick by concurrent requests leave in one write (a rush sends
    // hundreds at once: one syscall each cost more CPU than the commands themselves).
    enableAutoPipelining: true,
  });
  // The scripts go by their SHA1 (EVALSHA; ioredis sends the text once when Redis does not know
  // it yet): a rush runs three of them per request, and EVAL sent and hashed the text every time.
  const scripts = { incrWithTtl: INCR_WITH_TTL, takeFromStock: TAKE_FROM_STOCK, returnToStock: RETURN_TO_STOCK };
  for (const [name, lua] of Object.entries(scripts)) redis.defineCommand(name, { numberOfKeys: 1, lua });
  const script = redis as unknown as Record<keyof typeof scripts, (key: string, ...args: string[]) => Promise<unknown>>;
  // Until the first connection, commands wait for it (a busy machine may take a while to start).
  let deadlineMs = FIRST_CONNECT_MS;
  redis.once('ready', () => {
    deadlineMs = COMMAND_TIMEOUT_MS;
  });
  redis.on('error', () => {
    /* surfaced through failing commands and /healthz */
  });

  const cache: Cache = guarded(() => deadlineMs, {
    kind: 'redis',
    get: (key) => redis.get(key),
    getMany: (keys) => redis.mget(keys),
    async set(key, value, ttlMs) {
      if (ttlMs) await redis.set(key, value, 'PX', ttlMs);
      else await redis.set(key, value);
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async del(key) {
      await redis.del(key);
    },
    async incr(key, ttlMs) {
      return Number(await script.incrWithTtl(key, String(ttlMs)));
    },
    async takeFromStock(key, n = 1) {
      const left = (await script.takeFromStock(key, String(n))) as number | null;
      return left === null ? null : Number(left);
    },
    async returnToStock(key, n) {
      await script.returnToStock(key, String(n));
    },
    ttl: (key) => redis.pttl(key),
    withLock(name, fn, opts: LockOptions = {}) {
      return runLocked(
        cache,
        name,
        fn,
        opts,
        async (key, token) => {
          // Unreachable now, the lock still expires by its TTL: the work done stands.
          await redis.eval(RELEASE, 1, key, token).catch(() => {});
        },
        10,
      );
    },
    async takeTokens(key, want, perSecond, burst) {
      const [granted, waitMs] = (await redis.eval(
        TAKE_TOKENS,
        1,
        key,
        String(perSecond),
        String(burst),
        String(want),
      )) as [number, number];
      return { granted: Number(granted), waitMs: Math.max(1, Number(waitMs)) };
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  });
  return cache;
}

/**
 * Every command's failure to reach Redis, or to be answered within COMMAND_TIMEOUT_MS, becomes
 * the one 503 (errorHandler answers it as is); an error Redis itself answered (a script's)
 * stays what it is. Locks are built on the guarded commands, so a lock's own work is never
 * mistaken for an outage.
 */
function guarded(deadlineMs: () => number, cache: Cache): Cache {
  const timedOut = () => new Error(`Redis did not answer within ${deadlineMs()} ms`);
  const failure = (err: unknown) =>
    err instanceof ReplyError || err instanceof AppError ? err : serviceUnavailable(err);
  // Not async: a command on every request goes through here, and an async frame of its own
  // cost a promise and a microtask more than the watch itself.
  const wrap =
    <A extends unknown[], R>(command: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      let work: Promise<R>;
      try {
        work = command(...args);
      } catch (err) {
        return Promise.reject(failure(err));
      }
      return within(work, deadlineMs(), timedOut, failure);
    };
  const safe: Cache = {
    ...cache,
    get: wrap(cache.get),
    getMany: wrap(cache.getMany),
    set: wrap(cache.set),
    setIfAbsent: wrap(cache.setIfAbsent),
    del: wrap(cache.del),
    incr: wrap(cache.incr),
    takeFromStock: wrap(cache.takeFromStock),
    returnToStock: wrap(cache.returnToStock),
    ttl: wrap(cache.ttl),
    takeTokens: wrap(cache.takeTokens),
    ping: wrap(cache.ping),
  };
  return safe;
}
