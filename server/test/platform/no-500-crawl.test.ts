/**
 * "No request can crash the process or return a 500": every route of every module, called
 * anonymously, as a citizen and as the admin, with hostile path parameters, query strings
 * and bodies, answers 4xx (or 2xx) — never 5xx — and the server stays healthy.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';

interface Route {
  method: string;
  path: string;
}

const HOSTILE_PARAMS = [
  '0',
  '-1',
  '99999999999999999999',
  'abc',
  '%27%20OR%201%3D1--',
  '..%2F..%2Fetc%2Fpasswd',
  '%F0%9F%92%A9',
];
const HOSTILE_BODIES: unknown[] = [
  {},
  [],
  'text',
  12,
  null,
  { id: { $gt: 0 } },
  { page: -1, q: 'x'.repeat(5000) },
  { date: '2026-02-30', hallId: 'x', codes: [null] },
  { name: 'a\u0000b', q: '\u0000', text: 'line\u0007' },
];
const HOSTILE_QUERIES = [
  '',
  '?page=-1',
  '?page=abc&pageSize=100000',
  '?q=%00',
  `?q=${'红'.repeat(300)}`,
  '?division=abc&date=notadate',
];

function routesOf(s: TestServer): Route[] {
  const routes: Route[] = [];
  for (const mw of s.app.koa.middleware as Array<{
    routers?: Array<{ stack: Array<{ path: string; methods: string[] }> }>;
  }>) {
    for (const layer of (mw.routers ?? []).flatMap((r) => r.stack)) {
      for (const method of layer.methods)
        if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, path: layer.path });
    }
  }
  return routes;
}

const fill = (path: string, value: string) => path.replace(/:[A-Za-z_]+/g, value);

describe('Every route, given hostile input, answers without a 5xx', function () {
  this.timeout(300_000);
  let s: TestServer;
  let callers: Array<{ who: string; headers: Record<string, string> }>;
  before(async () => {
    s = await startServer();
    const citizen = await loginCitizen(s.url);
    const admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    callers = [
      { who: 'anonymous', headers: {} },
      { who: 'citizen', headers: citizen.auth },
      { who: 'admin', headers: admin.auth },
    ];
  });
  after(async () => s.close());

  it('crawls them all', async () => {
    const routes = routesOf(s);
    assert.ok(routes.length > 100, `found ${routes.length} routes`);
    const failures: string[] = [];
    let calls = 0;
    for (const { method, path } of routes) {
      // The staff login locks accounts and the logout ends the admin's session: not here.
      if (/\/(login|logout)$/.test(path)) continue;
      for (const caller of callers) {
        const attempts: Array<{ url: string; body?: unknown }> = [];
        for (const p of HOSTILE_PARAMS)
          attempts.push({ url: fill(path, p) + HOSTILE_QUERIES[attempts.length % HOSTILE_QUERIES.length] });
        if (method !== 'GET' && method !== 'DELETE') {
          for (const body of HOSTILE_BODIES) attempts.push({ url: fill(path, '1'), body });
        }
        for (const a of attempts) {
          const req = request(s.url)[method.toLowerCase() as 'get'](a.url).set(caller.headers);
          const res =
            a.body === undefined
              ? await req
              : await req.set('Content-Type', 'application/json').send(JSON.stringify(a.body));
          calls++;
          if (res.status >= 500)
            failures.push(
              `${caller.who} ${method} ${a.url} ${JSON.stringify(a.body ?? null).slice(0, 60)} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`,
            );
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${calls} calls answered 5xx`);
    await request(s.url).get('/healthz').expect(200);
  });
});
