import type { Cache } from '../../platform/cache';
import { sleep } from '../../platform/cache';

/**
 * The dispatch rate shared by every worker: a token bucket in the cache (Redis across
 * processes). Within a process one loop asks the bucket for as many tokens as there are
 * senders waiting and hands them out, so waiting senders never hammer Redis.
 */
export function createRateGate(cache: Cache, key: string, perSecond: () => number) {
  const waiters: Array<() => void> = [];
  let running = false;

  async function run() {
    running = true;
    try {
      while (waiters.length) {
        const rate = perSecond();
        const burst = Math.max(1, Math.ceil(rate / 20)); // 50 ms worth: smooth, yet few round trips
        const want = Math.min(waiters.length, burst);
        let granted = 0;
        let waitMs = 50;
        try {
          ({ granted, waitMs } = await cache.takeTokens(key, want, rate, burst));
        } catch {
          granted = 0; // cache unreachable: wait and ask again rather than send unmetered
        }
        for (let i = 0; i < granted; i++) waiters.shift()!();
        if (granted < want) await sleep(Math.min(Math.max(waitMs, 5), 1000));
      }
    } finally {
      running = false;
    }
  }

  return {
    take(): Promise<void> {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        if (!running) void run();
      });
    },
  };
}
