/**
 * Two separate processes share one Redis. When the token is missing or was rejected, ~50
 * concurrent calls in each must cause exactly ONE token fetch from WeChat.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Redis from 'ioredis';
import { loadConfig } from '../../config';
import { createCache, type Cache } from '../../server/src/platform/cache';
import { TokenManager } from '../../server/src/wechat';
import { defaultApps, startSimulator, type RunningSimulator } from '../../server/src/wechat/simulator';
import { runTogether, startChild } from './support/processes';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CHILD = path.join(__dirname, 'support/token-child.ts');
const CALLS = 50;

describe('Token stampede across processes', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  let sim: RunningSimulator;
  let prefix: string;
  let cache: Cache;

  const calls = async () =>
    ((await (await fetch(`${sim.url}/dev/stats`)).json()) as { calls: Record<string, number> }).calls;
  const children = (mode: string) =>
    [1, 2].map(() =>
      startChild(CHILD, {
        WX_SIM_URL: sim.url,
        REDIS_URL,
        REDIS_PREFIX: prefix,
        CHILD_MODE: mode,
        CHILD_CALLS: String(CALLS),
      }),
    );

  before(async () => {
    sim = await startSimulator({ apps: defaultApps(config) });
  });
  after(() => sim.close());
  beforeEach(async () => {
    prefix = `mz-mp-test:${randomBytes(6).toString('hex')}:`;
    cache = createCache(REDIS_URL, prefix);
    await fetch(`${sim.url}/dev/reset`, { method: 'POST' });
  });
  afterEach(async () => {
    await cache.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('fetches the first token once for 2 × 50 concurrent getToken()', async () => {
    const results = await runTogether(children('token'));
    for (const r of results)
      assert.deepEqual({ ok: r.ok, failed: r.failed }, { ok: CALLS, failed: 0 }, JSON.stringify(r.errcodes));
    assert.deepEqual(await calls(), { '/cgi-bin/stable_token': 1 });
    assert.equal(new Set(results.flatMap((r) => r.tokens)).size, 1, 'both processes use the same token');
  });

  it('refreshes an expired token once for 2 × 50 concurrent API calls, each retried once', async () => {
    const tokens = new TokenManager({ cache, apiBase: () => sim.url, apps: defaultApps(config) });
    const old = await tokens.getToken(config.wechat.mini.appid);
    await fetch(`${sim.url}/dev/expire-tokens`, { method: 'POST' });
    const before = await calls();

    const results = await runTogether(children('phone'));
    for (const r of results)
      assert.deepEqual({ ok: r.ok, failed: r.failed }, { ok: CALLS, failed: 0 }, JSON.stringify(r.errcodes));
    const after = await calls();
    assert.equal(after['/cgi-bin/stable_token'] - before['/cgi-bin/stable_token'], 1, 'exactly one token fetch');
    assert.equal(after['/cgi-bin/token'], undefined);
    const phoneCalls = after['/wxa/business/getuserphonenumber'];
    assert.ok(phoneCalls >= 2 * CALLS && phoneCalls <= 4 * CALLS, `each call retried at most once (${phoneCalls})`);
    const fresh = new Set(results.flatMap((r) => r.tokens));
    assert.equal(fresh.size, 1);
    assert.ok(!fresh.has(old));
  });
});
