import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '婚姻知识',
  description: '婚姻知识信息库',
  operations: [
    { method: 'get', path: '/api/marriage/knowledge', summary: '婚姻知识库搜索', query: schemas.knowledgeQuery },
    { method: 'get', path: '/api/marriage/knowledge/:id', summary: '一篇婚姻知识', params: schemas.knowledgeIdParam },
  ],
};
