import type { ApiDocs } from '../../platform/openapi';
import { billBody, billParam, chargesBody, claimBody, placeParam, placesQuery, problemBody } from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '殡葬服务',
  description: '殡仪馆与公墓名录、公示收费目录、殡葬账单（惠民减免、您应付）与问题反映',
  operations: [
    { method: 'get', path: '/api/funeral/places', summary: '殡仪馆、公墓名录', query: placesQuery },
    {
      method: 'get',
      path: '/api/funeral/places/:id',
      summary: '殡仪馆或公墓详情与公示收费目录',
      params: placeParam,
    },
    {
      method: 'post',
      path: '/api/funeral/bills/claim',
      summary: '凭账单号和查询码查看并绑定殡葬账单',
      auth: 'citizen',
      body: claimBody,
    },
    { method: 'get', path: '/api/funeral/bills', summary: '我的殡葬账单', auth: 'citizen' },
    {
      method: 'get',
      path: '/api/funeral/bills/:billNo',
      summary: '一份殡葬账单（逐项、惠民减免、您应付）',
      auth: 'citizen',
      params: billParam,
    },
    {
      method: 'post',
      path: '/api/funeral/bills/:billNo/problems',
      summary: '反映账单问题（进入投诉办理）',
      auth: 'citizen',
      params: billParam,
      body: problemBody,
      status: 201,
    },
    {
      method: 'get',
      path: '/api/staff/funeral/places',
      summary: '本人辖区的殡仪馆及其收费目录',
      auth: 'staff',
      roles: ['funeral_staff'],
    },
    {
      method: 'post',
      path: '/api/staff/funeral/bills',
      summary: '为家属开立殡葬账单（收费须在公示目录内，记入审计）',
      auth: 'staff',
      roles: ['funeral_staff'],
      body: billBody,
      status: 201,
    },
    {
      method: 'get',
      path: '/api/staff/funeral/bills/:billNo',
      summary: '一份殡葬账单（记入审计）',
      auth: 'staff',
      roles: ['funeral_staff'],
      params: billParam,
    },
    {
      method: 'post',
      path: '/api/staff/funeral/bills/:billNo/charges',
      summary: '登记收费（仅限公示目录内项目，记入审计）',
      auth: 'staff',
      roles: ['funeral_staff'],
      params: billParam,
      body: chargesBody,
    },
  ],
};
