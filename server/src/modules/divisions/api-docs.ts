import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '行政区划',
  description: '五级行政区划（GB/T 2260 与统计用区划代码），含已撤销代码及其承继区划',
  operations: [
    {
      method: 'get',
      path: '/api/divisions',
      summary: '下级行政区划列表（deep=1 时含乡镇/街道、村/社区）',
      query: schemas.divisionsQuery,
    },
    {
      method: 'get',
      path: '/api/divisions/:code',
      summary: '一个行政区划：名称、级别、上级路径、现行或已撤销及承继区划（从未设立的代码答 404）',
      params: schemas.divisionParams,
    },
  ],
};
