import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';

/**
 * What every request pays for, and gets: the path a citizen's every page takes (GET /api/me)
 * is answered by a route decided once at start-up, its token's cache key is remembered by the
 * process, and the path-specific layers (health, the WeChat simulator, push endpoints) step
 * aside without work of their own. None of that may cost a request its id, its security
 * headers, the error format, the router's answers to other paths and methods, or the
 * immediate end of a revoked session — on this process or another.
 */
describe('Every request keeps its id, headers, error format and session checks on the shortened path', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const assertDoor = (res: request.Response, label: string) => {
    assert.match(String(res.headers['x-request-id']), /^[A-Za-z0-9-]{8,64}$/, `${label}: request id`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', label);
    assert.equal(res.headers['x-frame-options'], 'DENY', label);
    assert.equal(res.headers['referrer-policy'], 'no-referrer', label);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, label);
    assert.ok(res.headers['strict-transport-security'], label);
  };

  it('answers the profile with its request id and headers, HEAD too, and echoes a sane X-Request-Id', async () => {
    const citizen = await loginCitizen(s.url, 'o_every_request');
    const auth = `Bearer ${citizen.token}`;
    const me = await request(s.url).get('/api/me').set('Authorization', auth).expect(200);
    assertDoor(me, 'GET /api/me');
    assert.match(String(me.headers['x-request-id']), UUID);
    assert.match(String(me.headers['content-type']), /^application\/json/);
    assert.equal(me.body.user.id, citizen.user.id);
    assert.equal(me.body.user.openidMasked, 'o_ev****uest');

    const mine = 'trace-0123456789';
    const traced = await request(s.url).get('/api/me').set('Authorization', auth).set('X-Request-Id', mine);
    assert.equal(traced.status, 200);
    assert.equal(traced.headers['x-request-id'], mine);
    const insane = await request(s.url).get('/api/me').set('Authorization', auth).set('X-Request-Id', 'a b;c');
    assert.match(String(insane.headers['x-request-id']), UUID);

    const head = await request(s.url).head('/api/me').set('Authorization', auth).expect(200);
    assertDoor(head, 'HEAD /api/me');
    assert.equal(head.text, undefined);
  });

  it('leaves other spellings of the path, other methods and unknown paths to the router as before', async () => {
    const citizen = await loginCitizen(s.url, 'o_every_spelling');
    const auth = `Bearer ${citizen.token}`;
    // The router matches without case and with a trailing slash.
    for (const path of ['/api/me/', '/API/ME', '/Api/Me/']) {
      const res = await request(s.url).get(path).set('Authorization', auth).expect(200);
      assert.equal(res.body.user.id, citizen.user.id, path);
      assertDoor(res, path);
    }
    const wrong = await request(s.url).post('/api/me').set('Authorization', auth).expect(405);
    assert.match(String(wrong.headers.allow), /GET/);
    assertDoor(wrong, 'POST /api/me');
    const unknown = await request(s.url).get('/api/me/nothing-here').set('Authorization', auth).expect(404);
    assert.equal(unknown.body.error.code, 'NOT_FOUND');
    assert.match(unknown.body.error.message, /[\u4e00-\u9fa5]/);
    assertDoor(unknown, '404');
  });

  it('answers errors in the one format with the request id and headers: no session, malformed JSON', async () => {
    const none = await request(s.url).get('/api/me').expect(401);
    assert.equal(none.body.error.code, 'UNAUTHENTICATED');
    assert.match(none.body.error.message, /[\u4e00-\u9fa5]/);
    assertDoor(none, '401');
    const made = await request(s.url)
      .get('/api/me')
      .set('Authorization', `Bearer 1_${'x'.repeat(40)}`)
      .expect(401);
    assert.equal(made.body.error.code, 'UNAUTHENTICATED');
    const malformed = await request(s.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"code":')
      .expect(400);
    assert.equal(malformed.body.error.code, 'MALFORMED_JSON');
    assertDoor(malformed, 'malformed JSON');
    const controls = await request(s.url).get('/api/me').query({ q: 'a\u0001b' }).expect(400);
    assert.equal(controls.body.error.code, 'INVALID_CHARACTERS');
    assertDoor(controls, 'control characters');
    const notJson = await request(s.url)
      .post('/api/auth/login')
      .set('Content-Type', 'text/plain')
      .send('x')
      .expect(415);
    assert.equal(notJson.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('still answers the health check and the WeChat simulator on their own paths only', async () => {
    const health = await request(s.url).get('/healthz').expect(200);
    assert.equal(health.body.status, 'ok');
    assertDoor(health, '/healthz');
    // The simulator is mounted at /__wechat__: a path merely starting with those letters is not its.
    await request(s.url).post('/__wechat__/dev/login-code').send({ openid: 'o_sim' }).expect(200);
    await request(s.url).get('/__wechat__x/dev/login-code').expect(404);
    await request(s.url).get('/healthzz').expect(404);
  });

  it('refuses a signed-out session at once, even right after the same token was let in', async () => {
    const citizen = await loginCitizen(s.url, 'o_every_signout');
    const auth = `Bearer ${citizen.token}`;
    for (let i = 0; i < 3; i++) await request(s.url).get('/api/me').set('Authorization', auth).expect(200);
    await request(s.url).post('/api/auth/logout').set('Authorization', auth).expect(204);
    const after = await request(s.url).get('/api/me').set('Authorization', auth).expect(401);
    assert.equal(after.body.error.code, 'UNAUTHENTICATED');
    // Another citizen's session is untouched.
    const other = await loginCitizen(s.url, 'o_every_other');
    await request(s.url).get('/api/me').set('Authorization', `Bearer ${other.token}`).expect(200);
  });

  it('refuses a session signed out on another server process at once (shared cache)', async function () {
    if (s.app.platform.cache.kind !== 'redis') this.skip(); // embedded: one process holds the cache
    const other = await startServer();
    try {
      const citizen = await loginCitizen(s.url, 'o_every_two_processes');
      const auth = `Bearer ${citizen.token}`;
      // Both processes have let this token in (and remembered its key).
      await request(s.url).get('/api/me').set('Authorization', auth).expect(200);
      await request(other.url).get('/api/me').set('Authorization', auth).expect(200);
      await request(s.url).post('/api/auth/logout').set('Authorization', auth).expect(204);
      await request(other.url).get('/api/me').set('Authorization', auth).expect(401);
      await request(s.url).get('/api/me').set('Authorization', auth).expect(401);
    } finally {
      await other.close();
    }
  });
});
