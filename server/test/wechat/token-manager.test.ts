import assert from 'node:assert/strict';
import type { Cache } from '../../src/platform/cache';
import { TokenManager, tokenKey, WechatError } from '../../src/wechat';
import { startSimulator, type RunningSimulator } from '../../src/wechat/simulator';
import { createTransport } from '../../src/wechat/transport';
import { cacheKinds, call, MINI, MP, stats } from './helpers';

describe('Token manager', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ apps: [MINI, MP] });
  });
  after(() => sim.close());

  for (const kind of cacheKinds()) {
    describe(`on the ${kind.kind} cache`, () => {
      let cache: Cache;
      let drop: () => Promise<void>;
      // Generous: 50 concurrent calls on a busy CI machine can take seconds; the story counts fetches, not time.
      const transport = createTransport({ timeoutMs: 15_000 });
      const manager = (extra: Partial<ConstructorParameters<typeof TokenManager>[0]> = {}) =>
        new TokenManager({ cache, apiBase: () => sim.url, apps: [MINI, MP], ...extra });
      // A real API call taking the token: getcallbackip.
      const probe = (token: string) => transport.json(`${sim.url}/cgi-bin/getcallbackip?access_token=${token}`);

      beforeEach(async () => {
        ({ cache, drop } = await kind.make());
        await call(`${sim.url}/dev/reset`, {});
      });
      afterEach(() => drop());

      it('fetches through stable_token once, then serves the cached token until near its expiry', async () => {
        const m = manager();
        const a = await m.getToken(MINI.appid);
        assert.equal(await m.getToken(MINI.appid), a);
        assert.deepEqual(await stats(sim.url), { '/cgi-bin/stable_token': 1 });
        const ttl = await cache.ttl(tokenKey(MINI.appid));
        assert.ok(ttl > 7000_000 && ttl <= 7080_000, `ttl ${ttl} leaves the 2-minute margin`);
        assert.deepEqual(await probe(a), { ip_list: ['127.0.0.1'] });
      });

      it('keeps one token per appid, and can use GET /cgi-bin/token instead', async () => {
        const m = manager({ stable: false });
        const a = await m.getToken(MINI.appid);
        const b = await m.getToken(MP.appid);
        assert.notEqual(a, b);
        assert.deepEqual(await stats(sim.url), { '/cgi-bin/token': 2 });
      });

      it('lets 50 concurrent callers in two managers share ONE fetch', async () => {
        const [m1, m2] = [manager(), manager()];
        const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? m1 : m2).getToken(MINI.appid)));
        assert.equal(new Set(tokens).size, 1);
        assert.deepEqual(await stats(sim.url), { '/cgi-bin/stable_token': 1 });
      });

      it('on 42001 refreshes once and retries once; 50 concurrent rejected calls cause one fetch', async () => {
        const [m1, m2] = [manager(), manager()];
        const old = await m1.getToken(MINI.appid);
        await call(`${sim.url}/dev/expire-tokens`, {});
        const used: string[] = [];
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? m1 : m2).withToken(MINI.appid, (t) => {
              used.push(t);
              return probe(t);
            }),
          ),
        );
        assert.ok(results.every((r) => Array.isArray((r as { ip_list: unknown }).ip_list)));
        const s = await stats(sim.url);
        assert.equal(s['/cgi-bin/stable_token'], 2, 'the first fetch and exactly one refresh');
        assert.equal(new Set(used.filter((t) => t !== old)).size, 1);
      });

      it("never overwrites a peer's fresh token with the stale one", async () => {
        const [m1, m2] = [manager(), manager()];
        const old = await m1.getToken(MINI.appid);
        await call(`${sim.url}/dev/expire-tokens`, {});
        const fresh = await m2.refresh(MINI.appid, old); // the peer noticed first
        assert.notEqual(fresh, old);
        // m1 now reports the old token as rejected: it must pick up the peer's token, not fetch.
        assert.equal(await m1.refresh(MINI.appid, old), fresh);
        await m1.invalidate(MINI.appid, old);
        assert.equal(await m1.getToken(MINI.appid), fresh);
        assert.equal((await stats(sim.url))['/cgi-bin/stable_token'], 2);
        await m1.invalidate(MINI.appid, fresh);
        assert.equal(await cache.get(tokenKey(MINI.appid)), null);
      });

      it('does not loop when the refreshed token is rejected too', async () => {
        const m = manager();
        await m.getToken(MINI.appid);
        await call(`${sim.url}/dev/faults`, { path: '/cgi-bin/getcallbackip', errcode: 40001, times: 100 });
        const before = await stats(sim.url);
        await assert.rejects(m.withToken(MINI.appid, probe), (e: WechatError) => e.errcode === 40001);
        const after = await stats(sim.url);
        assert.equal(
          after['/cgi-bin/getcallbackip'] - (before['/cgi-bin/getcallbackip'] ?? 0),
          2,
          'one call, one retry',
        );
        // stable_token handed back the rejected token, so one force_refresh was spent.
        assert.equal(after['/cgi-bin/stable_token'] - before['/cgi-bin/stable_token'], 2);
        // Again within the force interval: one look at stable_token, same token back, no retry.
        await assert.rejects(m.withToken(MINI.appid, probe), (e: WechatError) => e.errcode === 40001);
        const again = await stats(sim.url);
        assert.equal(again['/cgi-bin/getcallbackip'] - after['/cgi-bin/getcallbackip'], 1);
        assert.equal(again['/cgi-bin/stable_token'] - after['/cgi-bin/stable_token'], 1);
      });

      it('does not refresh on errors that are not about the token', async () => {
        const m = manager();
        await m.getToken(MINI.appid);
        await call(`${sim.url}/dev/faults`, { path: '/cgi-bin/getcallbackip', errcode: 45009 });
        await assert.rejects(m.withToken(MINI.appid, probe), (e: WechatError) => e.errcode === 45009);
        assert.equal((await stats(sim.url))['/cgi-bin/stable_token'], 1);
      });

      it('knows appids registered or resolved at run time; 40013 for others, without fetching', async () => {
        await call(`${sim.url}/dev/apps`, { appid: 'wxmatrix0000000001', secret: 'matrix-secret-1' });
        await call(`${sim.url}/dev/apps`, { appid: 'wxmatrix0000000002', secret: 'matrix-secret-2' });
        const looked: string[] = [];
        const m = manager({
          resolveSecret: async (appid) => {
            looked.push(appid);
            return appid === 'wxmatrix0000000002' ? 'matrix-secret-2' : undefined;
          },
        });
        await assert.rejects(m.getToken('wxmatrix0000000001'), (e: WechatError) => e.errcode === 40013);
        m.register('wxmatrix0000000001', 'matrix-secret-1');
        assert.ok(await m.getToken('wxmatrix0000000001'));
        assert.ok(await m.getToken('wxmatrix0000000002'));
        assert.deepEqual(looked, ['wxmatrix0000000001', 'wxmatrix0000000002']);
        assert.equal((await stats(sim.url))['/cgi-bin/stable_token'], 2);
      });

      it("surfaces WeChat's credential errors without the secret", async () => {
        const m = manager({ apps: [{ appid: MINI.appid, secret: 'wrong-secret-value' }] });
        await assert.rejects(
          m.getToken(MINI.appid),
          (e: WechatError) =>
            e instanceof WechatError && e.errcode === 40125 && !e.message.includes('wrong-secret-value'),
        );
        await assert.rejects(
          manager({ stable: false, apps: [{ appid: MINI.appid, secret: 'wrong-secret-value' }] }).getToken(MINI.appid),
          (e: WechatError) => e.errcode === 40125 && !e.message.includes('wrong-secret-value'),
        );
      });
    });
  }
});
