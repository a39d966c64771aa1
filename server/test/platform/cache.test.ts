import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createMemoryCache } from '../../src/platform/cache/memory';
import { createRedisCache } from '../../src/platform/cache/redis';
import { LockTimeoutError, sleep, type Cache } from '../../src/platform/cache';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

for (const [name, make] of [
  ['in-process', () => createMemoryCache()],
  ['Redis', () => createRedisCache(REDIS_URL, `mz:test:cache:${randomBytes(4).toString('hex')}:`)],
] as const) {
  describe(`The ${name} cache`, () => {
    let cache: Cache;
    before(() => {
      cache = make();
    });
    after(async () => cache.close());

    it('stores values with a time to live', async () => {
      await cache.set('k', 'v', 200);
      assert.equal(await cache.get('k'), 'v');
      assert.ok((await cache.ttl('k')) > 0);
      await sleep(260);
      assert.equal(await cache.get('k'), null);
      assert.equal(await cache.ttl('k'), -2);
    });

    it('writes a key only once with setIfAbsent', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => cache.setIfAbsent('once', String(i), 5000)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('counts atomically within a window', async () => {
      const counts = await Promise.all(Array.from({ length: 50 }, () => cache.incr('ctr', 5000)));
      assert.deepEqual(
        [...counts].sort((a, b) => a - b),
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
    });

    it('lets one holder at a time run under a lock', async () => {
      let inside = 0;
      let maxInside = 0;
      await Promise.all(
        Array.from({ length: 10 }, () =>
          cache.withLock('critical', async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await sleep(5);
            inside--;
          }),
        ),
      );
      assert.equal(maxInside, 1);
    });

    it('gives up waiting for a held lock after waitMs', async () => {
      const held = cache.withLock('slow', () => sleep(300), { ttlMs: 5000 });
      await assert.rejects(
        cache.withLock('slow', async () => 1, { waitMs: 50 }),
        LockTimeoutError,
      );
      await held;
    });
  });
}
