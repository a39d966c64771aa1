import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '首页',
  description: '服务领域与热线',
  operations: [
    { method: 'get', path: '/api/site', summary: '首页：服务领域与热线（按地区）', query: schemas.siteQuery },
  ],
};
