import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import request from 'supertest';
import { moduleRoutes } from '../../src/platform/http';

/**
 * The modules' routers share one dispatcher that consults a router only for paths its routes
 * could match: matching a path against every route of every module, on every request, cost a
 * hot look-up more than its handler. However a router is built: nested routers bring path-less
 * layers that match every path.
 */
describe('Module routers are consulted only for their own paths', () => {
  const consulted: string[] = [];
  let server: http.Server;
  let url: string;

  /** Records each time the router matches a request against its routes. */
  function watched(name: string, router: Router) {
    const match = router.match.bind(router);
    router.match = (path: string, method: string) => {
      consulted.push(name);
      return match(path, method);
    };
    return router;
  }

  before(async () => {
    // Built as the modules build theirs: public and staff routers nested in one.
    const pub = new Router({ prefix: '/api/orgs' });
    pub.get('/:code', (ctx) => {
      ctx.body = { code: ctx.params.code };
    });
    const staff = new Router({ prefix: '/api/staff/orgs' });
    // Router-level middleware: it runs before the route's handler, however the route is found.
    staff.use(async (ctx, next) => {
      ctx.set('X-Staff-Layer', 'ran');
      return next();
    });
    staff.post('/', (ctx) => {
      ctx.status = 201;
    });
    const orgs = new Router();
    orgs.use(pub.routes(), pub.allowedMethods(), staff.routes(), staff.allowedMethods());
    const halls = new Router({ prefix: '/api/halls' });
    halls.get('/', (ctx) => {
      ctx.body = { halls: [] };
    });
    halls.get('/open', (ctx) => {
      const c = ctx as unknown as { _matchedRoute: string; routerPath: string };
      ctx.body = { route: c._matchedRoute, routerPath: c.routerPath, params: ctx.params };
    });

    const koa = new Koa();
    koa.use(moduleRoutes([watched('orgs', orgs), watched('halls', halls)]));
    server = http.createServer(koa.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());
  beforeEach(() => {
    consulted.length = 0;
  });

  it("passes another module's request by without consulting the nested router", async () => {
    // A parameterless route, spelled as registered: answered from what was decided at start-up.
    await request(url).get('/api/halls').expect(200, { halls: [] });
    assert.deepEqual(consulted, []);
    // Spelled otherwise, the router itself matches it, as before.
    await request(url).get('/api/halls/').expect(200, { halls: [] });
    assert.deepEqual(consulted, ['halls']);
  });

  it("routes each module's own paths, in any case, and still answers a wrong method with 405", async () => {
    await request(url).get('/api/orgs/X1').expect(200, { code: 'X1' });
    await request(url).get('/API/Orgs/X2').expect(200, { code: 'X2' });
    const created = await request(url).post('/api/staff/orgs').expect(201);
    assert.equal(created.headers['x-staff-layer'], 'ran');
    assert.deepEqual(consulted, ['orgs', 'orgs']);
    await request(url).delete('/api/halls').expect(405);
    const head = await request(url).head('/api/halls').expect(200);
    assert.match(String(head.headers['content-type']), /json/);
  });

  it('sets on a request answered from the start-up table what the router sets', async () => {
    const fast = await request(url).get('/api/halls/open').expect(200);
    assert.deepEqual(consulted, []);
    const routed = await request(url).get('/API/halls/open').expect(200);
    assert.deepEqual(consulted, ['halls']);
    assert.deepEqual(fast.body, routed.body);
    assert.deepEqual(fast.body, { route: '/api/halls/open', routerPath: '/api/halls/open', params: {} });
  });

  it('consults no router for a path none of them has', async () => {
    await request(url).get('/api/nothing').expect(404);
    assert.deepEqual(consulted, []);
  });

  it('consults, in order, every router with a route that could match, where their starts overlap', async () => {
    // Starts that are prefixes of one another ('/api/' ⊂ '/api/x/' ⊂ '/api/x/y/'), across modules.
    const x = new Router();
    x.get('/api/x/:id', (ctx) => {
      ctx.body = { by: 'x', id: ctx.params.id };
    });
    const xy = new Router();
    xy.get('/api/x/y/:id', (ctx) => {
      ctx.body = { by: 'xy', id: ctx.params.id };
    });
    const any = new Router();
    any.get('/api/:thing', (ctx) => {
      ctx.body = { by: 'any', thing: ctx.params.thing };
    });
    const koa = new Koa();
    koa.use(moduleRoutes([watched('x', x), watched('xy', xy), watched('any', any)]));
    const other = http.createServer(koa.callback());
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      await request(at).get('/api/x/y/7').expect(200, { by: 'xy', id: '7' });
      assert.deepEqual(consulted, ['x', 'xy']);
      consulted.length = 0;
      await request(at).get('/API/X/3').expect(200, { by: 'x', id: '3' });
      assert.deepEqual(consulted, ['x']);
      consulted.length = 0;
      await request(at).get('/api/x').expect(200, { by: 'any', thing: 'x' });
      assert.deepEqual(consulted, ['any']);
      consulted.length = 0;
      await request(at).get('/other').expect(404);
      assert.deepEqual(consulted, []);
    } finally {
      other.close();
    }
  });
});
