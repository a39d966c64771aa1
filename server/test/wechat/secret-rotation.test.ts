import assert from 'node:assert/strict';
import { createMemoryCache } from '../../src/platform/cache/memory';
import { TokenManager, tokenKey, WechatError } from '../../src/wechat';
import { startSimulator, type RunningSimulator } from '../../src/wechat/simulator';

const APPID = 'wxrotate000000000001';
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('A member account whose secret an editor changes in another process', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ apps: [] });
  });
  after(() => sim.close());

  it('keeps getting tokens: a "bad credentials" answer makes the manager read the secret again', async () => {
    await post(`${sim.url}/dev/apps`, { appid: APPID, secret: 'old-secret-0000000001', type: 'mp' });
    let stored = 'old-secret-0000000001'; // what the database holds
    const cache = createMemoryCache();
    const tokens = new TokenManager({ cache, apiBase: () => sim.url, resolveSecret: async () => stored });
    assert.ok(await tokens.getToken(APPID));

    // Another process saves a new secret (WeChat now knows only the new one).
    await post(`${sim.url}/dev/apps`, { appid: APPID, secret: 'new-secret-0000000002', type: 'mp' });
    stored = 'new-secret-0000000002';
    await cache.del(tokenKey(APPID));
    assert.ok(await tokens.getToken(APPID));
    await cache.close();
  });

  it('still fails clearly when the database holds no better secret', async () => {
    const cache = createMemoryCache();
    const tokens = new TokenManager({
      cache,
      apiBase: () => sim.url,
      resolveSecret: async () => 'wrong-secret-00000003',
    });
    await assert.rejects(
      tokens.getToken(APPID),
      (e: unknown) => e instanceof WechatError && [40001, 40125].includes(e.errcode),
    );
    await cache.close();
  });
});
