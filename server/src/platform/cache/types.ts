import { randomUUID } from 'node:crypto';

/**
 * The one small interface behind which Redis (production) and an in-process map (embedded
 * mode) live. Everything that must be shared between processes — sessions, tokens, locks,
 * rate-limit counters, dedupe marks — goes through it.
 */
export interface Cache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  /** Several keys in one round trip, in order (null for each one missing). */
  getMany(keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** SET NX: true when this call wrote the key (the basis of dedupe and locks). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Atomic increment; the first increment of a key starts its TTL (fixed windows). */
  incr(key: string, ttlMs: number): Promise<number>;
  /**
   * A stock shared by every process (seats left, say): takes `n` (1 by default) if there are
   * that many. Answers the stock left after taking (0 or more), -1 when there were fewer, null
   * when the key does not exist (the caller seeds it with setIfAbsent from the source of truth,
   * then asks again). `createSeatStock` wraps this for a rush.
   */
  takeFromStock(key: string, n?: number): Promise<number | null>;
  /** Puts `n` back into a stock that exists (a missing one is seeded afresh when next needed). */
  returnToStock(key: string, n: number): Promise<void>;
  /** Remaining time to live in ms; -1 without expiry, -2 when the key does not exist. */
  ttl(key: string): Promise<number>;
  /**
   * Runs fn while holding a named lock shared by every process on this cache. Waits up to
   * waitMs for the lock, then throws LockTimeoutError. The lock expires after ttlMs so a
   * crashed holder cannot block the others forever.
   */
  withLock<T>(name: string, fn: () => Promise<T>, opts?: LockOptions): Promise<T>;
  /**
   * Token bucket shared by every process: takes up to `want` tokens from a bucket refilled at
   * `perSecond` and holding at most `burst`. Answers how many were granted and, when fewer
   * than wanted, how long until the next token.
   */
  takeTokens(key: string, want: number, perSecond: number, burst: number): Promise<{ granted: number; waitMs: number }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface LockOptions {
  ttlMs?: number;
  waitMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(name: string) {
    super(`timed out waiting for lock ${name}`);
    this.name = 'LockTimeoutError';
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The lock protocol both caches share: take `lock:<name>` with SET NX and a random token,
 * poll until waitMs, run fn, and release only what we still own (`release(key, token)`).
 */
export async function runLocked<T>(
  cache: Pick<Cache, 'setIfAbsent'>,
  name: string,
  fn: () => Promise<T>,
  opts: LockOptions,
  release: (key: string, token: string) => Promise<void>,
  pollMs: number,
): Promise<T> {
  const { ttlMs = 10_000, waitMs = 10_000 } = opts;
  const key = `lock:${name}`;
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  while (!(await cache.setIfAbsent(key, token, ttlMs))) {
    if (Date.now() > deadline) throw new LockTimeoutError(name);
    await sleep(pollMs);
  }
  try {
    return await fn();
  } finally {
    await release(key, token);
  }
}
