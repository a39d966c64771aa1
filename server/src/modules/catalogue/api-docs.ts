import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '服务事项',
  description: '政务服务事项',
  operations: [
    { method: 'get', path: '/api/services', summary: '政务服务事项', query: schemas.searchQuery },
    { method: 'get', path: '/api/services/:code', summary: '一个服务事项', params: schemas.codeParam },
  ],
};
