import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '首页搜索',
  description: '在服务领域、办事事项（含材料）、服务大厅与政策资讯中搜索',
  operations: [
    {
      method: 'get',
      path: '/api/search',
      summary: '首页搜索：按类别分组的结果（支持拼音与首字母）',
      query: schemas.searchQuery,
    },
  ],
};
