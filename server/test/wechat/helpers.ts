import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { loadConfig, type Config } from '../../../config';
import { createCache, type Cache } from '../../src/platform/cache';
import type { SimApp } from '../../src/wechat/simulator';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const MINI: SimApp = { appid: 'wxtest0000000mini1', secret: 'test-mini-secret-00000000000000', type: 'mini' };
export const MP: SimApp = { appid: 'wxtest00000000mp01', secret: 'test-mp-secret-0000000000000000', type: 'mp' };

export function testConfig(): Config {
  return loadConfig({
    NODE_ENV: 'test',
    WX_MINI_APPID: MINI.appid,
    WX_MINI_SECRET: MINI.secret,
    WX_MP_APPID: MP.appid,
    WX_MP_SECRET: MP.secret,
  });
}

export async function call(url: string, body?: unknown): Promise<Record<string, any>> {
  const res = await fetch(
    url,
    body === undefined
      ? {}
      : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
  );
  return (await res.json()) as Record<string, any>;
}

export async function stats(simUrl: string): Promise<Record<string, number>> {
  return (await call(`${simUrl}/dev/stats`)).calls;
}

/** A cache of each kind; the Redis one under a random prefix, dropped afterwards. */
export function cacheKinds(): Array<{ kind: string; make(): Promise<{ cache: Cache; drop(): Promise<void> }> }> {
  return [
    {
      kind: 'in-process',
      make: async () => {
        const cache = createCache(undefined);
        return { cache, drop: () => cache.close() };
      },
    },
    {
      kind: 'redis',
      make: async () => {
        const prefix = `mz-test:${randomBytes(6).toString('hex')}:`;
        const cache = createCache(REDIS_URL, prefix);
        await cache.ping();
        return {
          cache,
          drop: async () => {
            await cache.close();
            await dropPrefix(prefix);
          },
        };
      },
    },
  ];
}

export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
