import type { ApiDocs } from '../../platform/openapi';
import { divisionsQuery } from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '行政区划',
  description: 'GB/T 2260 行政区划',
  operations: [{ method: 'get', path: '/api/divisions', summary: '行政区划（GB/T 2260）', query: divisionsQuery }],
};
