import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCache, type Cache } from '../../src/platform/cache';
import { createWechat, WechatError, type Wechat } from '../../src/wechat';
import { startSimulator, type RunningSimulator } from '../../src/wechat/simulator';
import { createTransport } from '../../src/wechat/transport';
import { call, MINI, MP, stats, testConfig } from './helpers';

/** A bare HTTP server answering one fixed response, for what the simulator never does. */
async function fixedServer(status: number, body: string, type = 'application/json') {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const noSecrets = (e: unknown) =>
  e instanceof WechatError &&
  ![MINI.secret, MP.secret, 'access_token='].some((s) => e.message.includes(s) || e.errmsg.includes(s));

describe('WeChat client', () => {
  let sim: RunningSimulator;
  let cache: Cache;
  let wechat: Wechat;
  let base: string;

  before(async () => {
    sim = await startSimulator({ apps: [MINI, MP] });
  });
  after(() => sim.close());
  beforeEach(async () => {
    await call(`${sim.url}/dev/reset`, {});
    cache = createCache(undefined);
    base = sim.url;
    wechat = createWechat({ config: testConfig(), cache, apiBase: () => base, timeoutMs: 500 });
  });
  afterEach(() => cache.close());

  const loginCode = async (body: Record<string, unknown>) =>
    (await call(`${sim.url}/dev/login-code`, body)).code as string;
  const phoneCode = async (phoneNumber: string) =>
    (await call(`${sim.url}/dev/phone-code`, { phoneNumber })).code as string;

  describe('mini.code2Session', () => {
    it('returns openid, sessionKey and unionid when there is one', async () => {
      const s = await wechat.mini.code2Session(await loginCode({ openid: 'o-alice', unionid: 'u-alice' }));
      assert.equal(s.openid, 'o-alice');
      assert.equal(s.unionid, 'u-alice');
      assert.match(s.sessionKey, /^[A-Za-z0-9+/=]{24}$/);
      const t = await wechat.mini.code2Session(await loginCode({ openid: 'o-bob' }));
      assert.deepEqual(Object.keys(t).sort(), ['openid', 'sessionKey']);
    });

    it('throws WechatError 40029 for a reused code and 45011 when too frequent, never leaking the secret', async () => {
      const code = await loginCode({ openid: 'o-alice' });
      await wechat.mini.code2Session(code);
      await assert.rejects(
        wechat.mini.code2Session(code),
        (e: WechatError) => e.errcode === 40029 && e.errmsg === 'invalid code' && noSecrets(e),
      );
      await call(`${sim.url}/dev/faults`, { path: '/sns/jscode2session', errcode: 45011 });
      await assert.rejects(
        wechat.mini.code2Session(await loginCode({ openid: 'o-alice' })),
        (e: WechatError) => e.errcode === 45011,
      );
      await assert.rejects(wechat.mini.code2Session(''), (e: WechatError) => e.errcode === 41008);
    });

    it('needs no access token', async () => {
      await wechat.mini.code2Session(await loginCode({ openid: 'o-alice' }));
      assert.deepEqual(await stats(sim.url), { '/sns/jscode2session': 1 });
    });
  });

  describe('mini.getPhoneNumber', () => {
    it('exchanges the code with a token from the token manager', async () => {
      const r = await wechat.mini.getPhoneNumber(await phoneCode('13800138000'));
      assert.deepEqual(r, { phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' });
      assert.deepEqual(await stats(sim.url), { '/cgi-bin/stable_token': 1, '/wxa/business/getuserphonenumber': 1 });
      assert.ok(await cache.get(`wx:token:${MINI.appid}`));
    });

    it('throws 40029 for a bad code', async () => {
      await assert.rejects(wechat.mini.getPhoneNumber('nope'), (e: WechatError) => e.errcode === 40029 && noSecrets(e));
    });

    it('recovers from an expired token with one refresh and one retry', async () => {
      await wechat.tokens.getToken(MINI.appid);
      await call(`${sim.url}/dev/expire-tokens`, {});
      const r = await wechat.mini.getPhoneNumber(await phoneCode('13900139000'));
      assert.equal(r.phoneNumber, '13900139000');
      assert.deepEqual(await stats(sim.url), { '/cgi-bin/stable_token': 2, '/wxa/business/getuserphonenumber': 2 });
    });
  });

  describe('failures', () => {
    it('turns refused connections and timeouts into errcode -1 without URLs, secrets or tokens', async () => {
      const dead = await fixedServer(200, '{}');
      dead.close();
      base = dead.url;
      await assert.rejects(
        wechat.mini.code2Session('abc'),
        (e: WechatError) =>
          e.errcode === -1 && /ECONNREFUSED/.test(e.errmsg) && noSecrets(e) && !e.message.includes('127.0.0.1'),
      );
      base = sim.url;
      await wechat.tokens.getToken(MINI.appid);
      await call(`${sim.url}/dev/faults`, { path: '/wxa/business/getuserphonenumber', delayMs: 1500 });
      await assert.rejects(
        wechat.mini.getPhoneNumber('abc'),
        (e: WechatError) => e.errcode === -1 && /timeout/.test(e.errmsg) && noSecrets(e),
      );
    });

    it('turns HTTP errors and unreadable answers into errcode -1', async () => {
      const bad = await fixedServer(502, 'Bad Gateway', 'text/html');
      base = bad.url;
      await assert.rejects(
        wechat.mini.code2Session('abc'),
        (e: WechatError) => e.errcode === -1 && e.errmsg.includes('HTTP 502') && noSecrets(e),
      );
      bad.close();
      const junk = await fixedServer(200, '{not json', 'application/json');
      base = junk.url;
      await assert.rejects(wechat.mini.code2Session('abc'), (e: WechatError) => e.errcode === -1 && noSecrets(e));
      junk.close();
    });

    it('reads the base URL at call time (the embedded simulator listens late)', async () => {
      base = 'http://127.0.0.1:1';
      const w = createWechat({ config: testConfig(), cache, apiBase: () => base });
      base = sim.url;
      assert.equal((await w.mini.code2Session(await loginCode({ openid: 'o-late' }))).openid, 'o-late');
    });
  });

  it('keeps int64 ids exact (template msgid)', async () => {
    const srv = await fixedServer(200, '{"errcode":0,"errmsg":"ok","msgid":3717005636572528642,"small":42}');
    try {
      const r = await createTransport().json<{ msgid: string; small: number }>(
        `${srv.url}/cgi-bin/message/template/send`,
        {},
      );
      assert.equal(r.msgid, '3717005636572528642');
      assert.equal(r.small, 42);
    } finally {
      srv.close();
    }
  });
});
