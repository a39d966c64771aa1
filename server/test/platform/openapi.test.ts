import assert from 'node:assert/strict';
import Router from '@koa/router';
import request from 'supertest';
import { z } from 'zod';
import { startServer, type TestServer } from '../../../test/support/server';
import { CONTENT_SECURITY_POLICY } from '../../src/platform/security-headers';
import { type ApiDocs, inputSchema, openApiDocument, openApiPath } from '../../src/platform/openapi';

/**
 * The OpenAPI document at /api/openapi.json is valid OpenAPI 3.1 (checked by a validator
 * package), documents exactly the `/api/` routes the app's routers register (a new route
 * without documentation fails here), with the schemas the routes parse; /api/docs shows it
 * as a page that loads nothing from anywhere else.
 */
type Routers = Array<{ stack: Array<{ path: string; methods: string[] }> }>;

/** `METHOD /path` of every `/api/` route the routers register, as the dispatcher holds them. */
function registeredApiRoutes(routers: Routers): string[] {
  const routes = new Set<string>();
  for (const layer of routers.flatMap((r) => r.stack)) {
    if (!layer.path.startsWith('/api/')) continue;
    for (const method of layer.methods)
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.add(`${method} ${openApiPath(layer.path)}`);
  }
  return [...routes].sort();
}

function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

function appRouters(s: TestServer): Routers {
  return (s.app.koa.middleware as Array<{ routers?: Routers }>).flatMap((mw) => mw.routers ?? []);
}

async function validateOpenApi(document: unknown) {
  // The validator is an ES module.
  const { Validator } = (await import(
    '@seriousme/openapi-schema-validator'
  )) as typeof import('@seriousme/openapi-schema-validator');
  return new Validator().validate(document as Parameters<InstanceType<typeof Validator>['validate']>[0]);
}

describe('The OpenAPI document and its page', function () {
  this.timeout(60_000);
  let s: TestServer;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[] } & object>>;
  };
  before(async () => {
    s = await startServer();
    const res = await request(s.url).get('/api/openapi.json').expect(200);
    assert.match(res.headers['content-type'], /application\/json/);
    document = res.body;
  });
  after(async () => s?.close());

  it('validates as OpenAPI 3.1 with a validator package', async () => {
    assert.equal(document.openapi, '3.1.0');
    const result = await validateOpenApi(document);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2)?.slice(0, 2000));
    // The validator does refuse a broken document: a parameter that does not say where it goes.
    const broken = structuredClone(document) as unknown as { paths: Record<string, Record<string, object>> };
    (broken.paths['/api/me'].get as { parameters?: object[] }).parameters = [{ name: 'x', schema: { type: 'string' } }];
    assert.equal((await validateOpenApi(broken)).valid, false);
  });

  it('lists every /api/ route the app registers, and nothing else', () => {
    const registered = registeredApiRoutes(appRouters(s));
    assert.ok(registered.length > 150, `${registered.length} routes`);
    assert.ok(registered.includes('GET /api/openapi.json') && registered.includes('GET /api/docs'));
    const documented = documentedRoutes(document);
    assert.deepEqual(
      registered.filter((r) => !documented.includes(r)),
      [],
      'registered routes without documentation',
    );
    assert.deepEqual(
      documented.filter((r) => !registered.includes(r)),
      [],
      'documented routes nobody registers',
    );
  });

  it('a route added without documentation is caught', () => {
    const extra = new Router();
    extra.get('/api/halls/:id/undocumented', (ctx) => {
      ctx.body = {};
    });
    const registered = registeredApiRoutes([...appRouters(s), extra as unknown as Routers[number]]);
    const documented = documentedRoutes(document);
    assert.deepEqual(
      registered.filter((r) => !documented.includes(r)),
      ['GET /api/halls/{id}/undocumented'],
    );
  });

  it("documents each route's path parameters exactly, with the schemas the routes parse", () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(methods)) {
        const documented = (op.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort();
        assert.deepEqual(documented, inPath, `${method} ${path}`);
      }
    }
    // The same zod schemas as the routes: the booking query's required fields and its default.
    const availability = document.paths['/api/bookings/availability'].get.parameters ?? [];
    assert.deepEqual(
      availability.map((p) => [p.name, p.required]),
      [
        ['hallId', true],
        ['serviceCode', true],
        ['from', false],
        ['days', false],
      ],
    );
    const book = document.paths['/api/bookings'].post as unknown as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
      security: object[];
    };
    assert.deepEqual(book.requestBody.content['application/json'].schema.required, [
      'hallId',
      'serviceCode',
      'date',
      'period',
    ]);
    assert.deepEqual(book.security, [{ citizenSession: [] }]);
  });

  it('refuses a route documented twice, and builds parameters from the schema', () => {
    const twice: ApiDocs = {
      tag: 't',
      description: '',
      operations: [
        { method: 'get', path: '/api/x/:id', summary: 'a' },
        { method: 'get', path: '/api/x/:id', summary: 'b' },
      ],
    };
    assert.throws(() => openApiDocument([twice], { title: 't', version: '1', description: '' }), /documented twice/);
    const schema = z.object({ page: z.coerce.number().int().min(1).default(1), q: z.string().max(5) });
    assert.deepEqual(inputSchema(schema).required, ['q']);
  });

  it('/api/docs is a readable page of every route, self-contained under the site-wide CSP', async () => {
    const res = await request(s.url).get('/api/docs').expect(200);
    assert.match(res.headers['content-type'], /text\/html/);
    assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    const html = res.text;
    assert.match(html, /<title>互联网\+民政服务 API<\/title>/);
    for (const path of Object.keys(document.paths)) assert.ok(html.includes(`>${path}<`), path);
    assert.ok(html.includes('预约') && html.includes('工作人员'));
    // Works offline and under `script-src 'self'`: no script at all, nothing from another origin.
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)=["']?(https?:)?\/\//i);
  });
});
