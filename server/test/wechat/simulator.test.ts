import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../src/wechat/simulator';
import { call, MINI, MP, stats } from './helpers';

describe('WeChat simulator (contract)', () => {
  let sim: RunningSimulator;
  let url: string;
  const token = (app = MINI) =>
    call(`${url}/cgi-bin/token?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`);
  const stable = (extra: Record<string, unknown> = {}, app = MINI) =>
    call(`${url}/cgi-bin/stable_token`, {
      grant_type: 'client_credential',
      appid: app.appid,
      secret: app.secret,
      ...extra,
    });
  const probe = (t: string) => call(`${url}/cgi-bin/getcallbackip?access_token=${t}`);
  const loginCode = async (body: Record<string, unknown>) => (await call(`${url}/dev/login-code`, body)).code as string;
  const login = (code: string, app = MINI) =>
    call(
      `${url}/sns/jscode2session?appid=${app.appid}&secret=${app.secret}&js_code=${code}&grant_type=authorization_code`,
    );
  const advance = (seconds: number) => call(`${url}/dev/advance`, { seconds });

  before(async () => {
    sim = await startSimulator({ apps: [MINI, MP] });
    url = sim.url;
  });
  after(() => sim.close());
  beforeEach(() => call(`${url}/dev/reset`, {}));

  describe('credentials', () => {
    it('answers 40013 for an unknown appid and 40125 for a bad secret', async () => {
      assert.equal((await token({ ...MINI, appid: 'wxunknown000000000' })).errcode, 40013);
      assert.equal((await token({ ...MINI, secret: 'wrong' })).errcode, 40125);
      assert.equal((await stable({}, { ...MINI, appid: 'wxunknown000000000' })).errcode, 40013);
      assert.equal((await stable({}, { ...MINI, secret: 'wrong' })).errcode, 40125);
      assert.equal((await login('x', { ...MINI, secret: 'wrong' })).errcode, 40125);
    });

    it('knows apps added at run time', async () => {
      const extra = { appid: 'wxmatrix0000000001', secret: 'matrix-secret-1' };
      assert.equal((await token(extra as typeof MINI)).errcode, 40013);
      await call(`${url}/dev/apps`, extra);
      assert.equal(typeof (await token(extra as typeof MINI)).access_token, 'string');
    });

    it('answers errcode/errmsg for bad grant_type and bad JSON', async () => {
      assert.deepEqual(await call(`${url}/cgi-bin/token?grant_type=x&appid=${MINI.appid}&secret=${MINI.secret}`), {
        errcode: 40002,
        errmsg: 'invalid grant_type',
      });
      const res = await fetch(`${url}/cgi-bin/stable_token`, { method: 'POST', body: '{oops' });
      assert.equal(((await res.json()) as { errcode: number }).errcode, 47001);
    });
  });

  describe('access tokens', () => {
    it('issues 7200-second tokens that APIs accept; 40001 unknown, 40014 malformed, 41001 missing', async () => {
      const t = await token();
      assert.equal(t.expires_in, 7200);
      assert.deepEqual(await probe(t.access_token), { ip_list: ['127.0.0.1'] });
      assert.equal((await probe('A'.repeat(100))).errcode, 40001);
      assert.equal((await probe('bad%20token')).errcode, 40014);
      assert.equal((await call(`${url}/cgi-bin/getcallbackip`)).errcode, 41001);
    });

    it('answers 42001 once a token expired (naturally or via /dev/expire-tokens)', async () => {
      const a = (await token()).access_token;
      await advance(7200);
      assert.equal((await probe(a)).errcode, 42001);
      const b = (await stable()).access_token;
      const c = (await token(MP)).access_token;
      assert.deepEqual(await call(`${url}/dev/expire-tokens`, { appid: MINI.appid }), { expired: 1 });
      assert.equal((await probe(b)).errcode, 42001);
      assert.ok((await probe(c)).ip_list, 'other apps keep their tokens');
    });

    it('keeps the previous /cgi-bin/token valid for 5 more minutes after a refresh', async () => {
      const a = (await token()).access_token;
      const b = (await token()).access_token;
      assert.notEqual(a, b);
      await advance(299);
      assert.ok((await probe(a)).ip_list);
      await advance(2);
      assert.equal((await probe(a)).errcode, 40001);
      assert.ok((await probe(b)).ip_list);
    });

    it('stable_token: same token with the remaining expires_in, renewed in its last 5 minutes', async () => {
      const a = await stable();
      assert.equal(a.expires_in, 7200);
      await advance(1000);
      const same = await stable();
      assert.equal(same.access_token, a.access_token);
      assert.equal(same.expires_in, 6200);
      await advance(6000); // 200 s left: inside the last 5 minutes
      const renewed = await stable();
      assert.notEqual(renewed.access_token, a.access_token);
      assert.equal(renewed.expires_in, 7200);
      assert.ok((await probe(a.access_token)).ip_list, 'the old one lives until its own expiry');
      await advance(200);
      assert.equal((await probe(a.access_token)).errcode, 42001);
    });

    it('stable_token force_refresh revokes the previous token at once, at most every 30 s', async () => {
      const a = (await stable()).access_token;
      const b = (await stable({ force_refresh: true })).access_token;
      assert.notEqual(a, b);
      assert.equal((await probe(a)).errcode, 40001);
      assert.ok((await probe(b)).ip_list);
      assert.equal((await stable({ force_refresh: true })).errcode, 45011);
      await advance(31);
      assert.equal(typeof (await stable({ force_refresh: true })).access_token, 'string');
    });

    it('keeps stable and classic tokens apart', async () => {
      const s = (await stable()).access_token;
      await token();
      await token();
      await advance(301);
      assert.ok((await probe(s)).ip_list);
    });
  });

  describe('jscode2session', () => {
    it('returns openid, session_key and unionid when the code was minted with one', async () => {
      const r = await login(await loginCode({ openid: 'o-alice', unionid: 'u-alice' }));
      assert.equal(r.openid, 'o-alice');
      assert.equal(r.unionid, 'u-alice');
      assert.equal(typeof r.session_key, 'string');
      const r2 = await login(await loginCode({ openid: 'o-bob' }));
      assert.equal(r2.openid, 'o-bob');
      assert.equal('unionid' in r2, false);
    });

    it('accepts each code once: 40029 on reuse or for an unknown code', async () => {
      const code = await loginCode({ openid: 'o-alice' });
      assert.equal((await login(code)).openid, 'o-alice');
      assert.deepEqual(await login(code), { errcode: 40029, errmsg: 'invalid code' });
      assert.equal((await login('nope')).errcode, 40029);
    });

    it('binds a code minted for an appid to that app; 40226 for a high-risk user', async () => {
      await call(`${url}/dev/apps`, { appid: 'wxother00000000001', secret: 'other-secret' });
      const code = await loginCode({ openid: 'o-a', appid: MINI.appid });
      assert.equal(
        (await login(code, { appid: 'wxother00000000001', secret: 'other-secret' } as typeof MINI)).errcode,
        40029,
      );
      assert.equal((await login(await loginCode({ openid: 'o-risky', risky: true }))).errcode, 40226);
    });

    it('answers 45011 when one openid logs in more than 100 times a minute', async () => {
      const codes = await Promise.all(Array.from({ length: 102 }, () => loginCode({ openid: 'o-busy' })));
      const results = [];
      for (const c of codes.slice(0, 100)) results.push((await login(c)).openid);
      assert.ok(results.every((o) => o === 'o-busy'));
      assert.equal((await login(codes[100])).errcode, 45011);
      assert.equal((await login(await loginCode({ openid: 'o-calm' }))).openid, 'o-calm', 'others are not limited');
      await advance(61);
      assert.equal((await login(codes[101])).openid, 'o-busy');
      assert.equal((await call(`${url}/dev/stats`)).byOpenid['o-busy']['/sns/jscode2session'], 101);
    });
  });

  describe('getuserphonenumber', () => {
    it('exchanges a phone code once, with the watermark of the calling app', async () => {
      const t = (await stable()).access_token;
      const { code } = await call(`${url}/dev/phone-code`, { phoneNumber: '13800138000' });
      const r = await call(`${url}/wxa/business/getuserphonenumber?access_token=${t}`, { code });
      assert.equal(r.errcode, 0);
      assert.equal(r.errmsg, 'ok');
      assert.deepEqual(
        { ...r.phone_info, watermark: undefined },
        {
          phoneNumber: '13800138000',
          purePhoneNumber: '13800138000',
          countryCode: '86',
          watermark: undefined,
        },
      );
      assert.equal(r.phone_info.watermark.appid, MINI.appid);
      assert.equal(typeof r.phone_info.watermark.timestamp, 'number');
      assert.equal((await call(`${url}/wxa/business/getuserphonenumber?access_token=${t}`, { code })).errcode, 40029);
      assert.equal(
        (await call(`${url}/wxa/business/getuserphonenumber?access_token=${t}`, { code: 'bad' })).errcode,
        40029,
      );
    });

    it('validates the token before the code (42001, 40001) and refuses a public-account token (48001)', async () => {
      const { code } = await call(`${url}/dev/phone-code`, { phoneNumber: '13800138000' });
      const t = (await stable()).access_token;
      await call(`${url}/dev/expire-tokens`, {});
      assert.equal((await call(`${url}/wxa/business/getuserphonenumber?access_token=${t}`, { code })).errcode, 42001);
      assert.equal(
        (await call(`${url}/wxa/business/getuserphonenumber?access_token=${'x'.repeat(64)}`, { code })).errcode,
        40001,
      );
      const mpToken = (await stable({}, MP)).access_token;
      assert.equal(
        (await call(`${url}/wxa/business/getuserphonenumber?access_token=${mpToken}`, { code })).errcode,
        48001,
      );
    });
  });

  describe('dev helpers', () => {
    it('counts calls per endpoint, and /dev/reset clears them', async () => {
      await token();
      await stable();
      await stable();
      await login('nope');
      assert.deepEqual(await stats(url), { '/cgi-bin/token': 1, '/cgi-bin/stable_token': 2, '/sns/jscode2session': 1 });
      await call(`${url}/dev/reset`, {});
      assert.deepEqual(await stats(url), {});
    });

    it('injects faults: the next N calls answer an errcode', async () => {
      const t = (await stable()).access_token;
      await call(`${url}/dev/faults`, { path: '/cgi-bin/getcallbackip', errcode: 40001, times: 2 });
      assert.equal((await probe(t)).errcode, 40001);
      assert.equal((await probe(t)).errcode, 40001);
      assert.ok((await probe(t)).ip_list);
    });

    it('refuses bad input with HTTP 400', async () => {
      const res = await fetch(`${url}/dev/login-code`, { method: 'POST', body: JSON.stringify({ openid: '' }) });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { errcode: number }).errcode, 40097);
    });
  });
});
