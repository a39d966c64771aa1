import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';

describe('A citizen opens the mini-program and logs in', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('trades a WeChat login code for our own session and sees a masked profile', async () => {
    const { body: minted } = await request(s.url)
      .post('/__wechat__/dev/login-code')
      .send({ openid: 'o_citizen_zhang' })
      .expect(200);
    const { body } = await request(s.url).post('/api/auth/login').send({ code: minted.code }).expect(200);
    assert.match(body.token, /^[A-Za-z0-9_-]{40,}$/);
    assert.equal(body.user.realNamed, false);
    assert.equal(body.user.openidMasked, 'o_ci****hang');
    assert.equal(JSON.stringify(body).includes('session_key'), false);
    assert.equal(JSON.stringify(body).includes('sessionKey'), false);

    const me = await request(s.url).get('/api/me').set('Authorization', `Bearer ${body.token}`).expect(200);
    assert.equal(me.body.user.id, body.user.id);
    assert.equal(me.body.user.idNumber, null);
  });

  it('refuses a login code used twice (WeChat answers 40029)', async () => {
    const { body: minted } = await request(s.url)
      .post('/__wechat__/dev/login-code')
      .send({ openid: 'o_twice' })
      .expect(200);
    await request(s.url).post('/api/auth/login').send({ code: minted.code }).expect(200);
    const again = await request(s.url).post('/api/auth/login').send({ code: minted.code }).expect(401);
    assert.equal(again.body.error.code, 'WECHAT_CODE_INVALID');
    assert.match(again.body.error.message, /[\u4e00-\u9fa5]/);
  });

  it('logs the same WeChat user into the same account every time', async () => {
    const a = await loginCitizen(s.url, 'o_same_person');
    const b = await loginCitizen(s.url, 'o_same_person');
    assert.equal(a.user.id, b.user.id);
    assert.notEqual(a.token, b.token);
  });

  it('answers 401 without a token or with a made-up one, and 400 without a code', async () => {
    const none = await request(s.url).get('/api/me').expect(401);
    assert.equal(none.body.error.code, 'UNAUTHENTICATED');
    await request(s.url).get('/api/me').set('Authorization', 'Bearer xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx').expect(401);
    const bad = await request(s.url).post('/api/auth/login').send({}).expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    assert.ok(bad.body.error.fields.code);
  });

  it('slows down a script hammering login from one address', async () => {
    const strict = await startServer({ RATE_LOGIN_PER_IP: '20', REDIS_PREFIX: `mz:test:rl:${Date.now()}:` });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await request(strict.url)
        .post('/api/auth/login')
        .send({ code: `nonsense-${i}` });
      statuses.push(r.status);
    }
    await strict.close();
    assert.ok(statuses.includes(429), 'some attempts are refused with 429');
    assert.ok(statuses.every((st) => st === 401 || st === 429));
  });
});
