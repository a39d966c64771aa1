import Router from '@koa/router';
import type { AppState } from './platform/context';
import { type ApiDocs, openApiDocument } from './platform/openapi';
import { apiDocsPage } from './platform/openapi-page';
import { apiDocs as assistance } from './modules/assistance';
import { apiDocs as bookings } from './modules/bookings';
import { apiDocs as cases } from './modules/cases';
import { apiDocs as catalogue } from './modules/catalogue';
import { apiDocs as divisions } from './modules/divisions';
import { apiDocs as elderly } from './modules/elderly';
import { apiDocs as halls } from './modules/halls';
import { apiDocs as identity } from './modules/identity';
import { apiDocs as marriageKb } from './modules/marriage-kb';
import { apiDocs as matrix } from './modules/matrix';
import { apiDocs as mp } from './modules/mp';
import { apiDocs as notices } from './modules/notices';
import { apiDocs as placeNames } from './modules/placenames';
import { apiDocs as familySearch } from './modules/family-search';
import { apiDocs as queue } from './modules/queue';
import { apiDocs as search } from './modules/search';
import { apiDocs as site } from './modules/site';
import { apiDocs as socialOrgs } from './modules/social-orgs';
import { apiDocs as socialWork } from './modules/social-work';
import { apiDocs as staff } from './modules/staff';
import { apiDocs as stats } from './modules/stats';
import { apiDocs as funeral } from './modules/funeral';
import { apiDocs as volunteer } from './modules/volunteer';
import { apiDocs as community } from './modules/community';

/** The documentation's own two routes. */
const documentation: ApiDocs = {
  tag: 'API 文档',
  description: '本文档（OpenAPI 3.1）与其网页版',
  operations: [
    { method: 'get', path: '/api/openapi.json', summary: 'OpenAPI 文档（JSON）' },
    { method: 'get', path: '/api/docs', summary: 'API 文档网页', produces: 'html' },
  ],
};

/**
 * Every module's routes, as each module's root lists them (`api-docs.ts`, beside routes.ts). A
 * module with routes adds its list here; `test/platform/openapi.test.ts` fails on a registered
 * `/api/` route that no list documents.
 */
export const API_DOCS: readonly ApiDocs[] = [
  identity,
  staff,
  site,
  search,
  divisions,
  placeNames,
  familySearch,
  catalogue,
  halls,
  bookings,
  queue,
  notices,
  mp,
  marriageKb,
  socialOrgs,
  socialWork,
  matrix,
  cases,
  assistance,
  elderly,
  stats,
  funeral,
  volunteer,
  community,
  documentation,
];

export function buildOpenApiDocument() {
  return openApiDocument([...API_DOCS], {
    title: '互联网+民政服务 API',
    version: '0.1.0',
    description:
      '小程序、公众号与工作台共用的 HTTP 接口。错误一律为 {"error": {"code", "message", "fields"?}}，message 为中文。' +
      '群众接口凭 POST /api/auth/login 的 token，工作人员接口凭 POST /api/staff/login 的 token（Authorization: Bearer …）。',
  });
}

/** `/api/openapi.json` and its readable page `/api/docs`, both built once. */
export function apiDocsRoutes() {
  const document = buildOpenApiDocument();
  const json = JSON.stringify(document);
  const page = apiDocsPage(document);
  const router = new Router<AppState>();
  router.get('/api/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'json';
    ctx.body = json;
  });
  router.get('/api/docs', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'html';
    ctx.body = page;
  });
  return { router };
}
