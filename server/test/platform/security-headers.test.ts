import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';

/** The usual security headers on every response: API answers, errors, the H5 page and its files. */
describe('Every response carries the security headers', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  const assertHeaders = (res: request.Response, label: string) => {
    assert.equal(res.headers['x-content-type-options'], 'nosniff', label);
    assert.equal(res.headers['x-frame-options'], 'DENY', label);
    assert.equal(res.headers['referrer-policy'], 'no-referrer', label);
    const csp = String(res.headers['content-security-policy'] ?? '');
    assert.match(csp, /frame-ancestors 'none'/, label);
    assert.match(csp, /object-src 'none'/, label);
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/, label);
    assert.ok(res.headers['strict-transport-security'], label);
  };

  it('on API answers and on errors of every kind', async () => {
    assertHeaders(await request(s.url).get('/api/site').expect(200), 'GET /api/site');
    assertHeaders(await request(s.url).get('/healthz').expect(200), '/healthz');
    assertHeaders(await request(s.url).get('/api/no-such-thing').expect(404), '404');
    assertHeaders(await request(s.url).get('/api/me').expect(401), '401');
    assertHeaders(await request(s.url).get('/api/social-orgs').query({ page: 0 }).expect(400), '400');
    assertHeaders(
      await request(s.url).post('/api/auth/login').set('Content-Type', 'application/json').send('{"code":').expect(400),
      'malformed JSON',
    );
    assertHeaders(await request(s.url).delete('/api/site').expect(405), '405');
  });

  it('on the H5 page, whose own inline scripts (and only those) are allowed by hash', async () => {
    const page = await request(s.url).get('/');
    assertHeaders(page, 'GET /');
    const html = page.text;
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
    const csp = String(page.headers['content-security-policy']);
    for (const script of inline) {
      const hash = createHash('sha256').update(script, 'utf8').digest('base64');
      assert.ok(csp.includes(`'sha256-${hash}'`), `inline script allowed by its hash: ${csp}`);
    }
    const script = /<script[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
    if (script) assertHeaders(await request(s.url).get(script).expect(200), script);
  });
});
