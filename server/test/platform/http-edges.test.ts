import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';

describe('The server answers bad requests clearly and stays up', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ BODY_LIMIT_KB: '16' });
  });
  after(async () => s.close());

  it('reports health once the database and cache answer', async () => {
    const r = await request(s.url).get('/healthz').expect(200);
    assert.equal(r.body.status, 'ok');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const r = await request(s.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"code": ')
      .expect(400);
    assert.deepEqual(Object.keys(r.body), ['error']);
    assert.equal(r.body.error.code, 'MALFORMED_JSON');
    assert.match(r.body.error.message, /格式/);
  });

  it('answers an oversize body with 413 and a non-JSON body with 415', async () => {
    const big = JSON.stringify({ code: 'x'.repeat(20 * 1024) });
    const r = await request(s.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(big)
      .expect(413);
    assert.equal(r.body.error.code, 'PAYLOAD_TOO_LARGE');
    const t = await request(s.url).post('/api/auth/login').set('Content-Type', 'text/plain').send('code=1').expect(415);
    assert.equal(t.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses control characters in queries and bodies, before any handler sees them', async () => {
    const q = await request(s.url).get('/api/services?q=%00').expect(400);
    assert.equal(q.body.error.code, 'INVALID_CHARACTERS');
    const b = await request(s.url).post('/api/auth/login').send({ code: 'abc\u0000def' }).expect(400);
    assert.equal(b.body.error.code, 'INVALID_CHARACTERS');
    await request(s.url).get('/api/services?q=%E7%BB%93%E5%A9%9A%09%E7%99%BB%E8%AE%B0').expect(200); // a tab is fine
  });

  it('answers unknown API paths with a JSON 404 and wrong methods with 405', async () => {
    const r = await request(s.url).get('/api/nothing-here').expect(404);
    assert.equal(r.body.error.code, 'NOT_FOUND');
    await request(s.url).delete('/api/divisions').expect(405);
    // Routes of nested routers too (a module's public and staff routers in one).
    await request(s.url).delete('/api/social-orgs/53100000500019795A').expect(405);
    await request(s.url).put('/api/staff/social-orgs/import').expect(405);
  });

  it('tags every response with a request id, keeping a sane incoming one', async () => {
    const r = await request(s.url).get('/healthz').set('X-Request-Id', 'abc12345-trace');
    assert.equal(r.headers['x-request-id'], 'abc12345-trace');
    const r2 = await request(s.url).get('/healthz').set('X-Request-Id', '<script>');
    assert.match(r2.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  });

  it('survives a burst of hostile inputs without a 5xx', async () => {
    const bodies = [
      null,
      [],
      'str',
      42,
      { code: {} },
      { code: ['a'] },
      { code: 'x'.repeat(500) },
      { __proto__: { admin: true } },
    ];
    for (const b of bodies) {
      const r = await request(s.url)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(b));
      assert.ok(r.status >= 400 && r.status < 500, `${JSON.stringify(b)} → ${r.status}`);
    }
    for (const q of ['parent=abc', 'parent=999999', 'parent=110000&parent=120000', 'parent=11000000']) {
      const r = await request(s.url).get(`/api/divisions?${q}`);
      assert.ok(r.status >= 400 && r.status < 500, `${q} → ${r.status}`);
    }
    await request(s.url).get('/healthz').expect(200);
  });
});
