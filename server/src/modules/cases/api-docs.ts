import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '申请审批',
  description: '申请与审批引擎（各类申请共用）',
  operations: [
    { method: 'get', path: '/api/cases/mine', summary: '我的申请', auth: 'citizen' },
    {
      method: 'get',
      path: '/api/cases/:number',
      summary: '一件申请的进度（时间线、当前环节与法定期限）',
      auth: 'citizen',
      params: schemas.caseNumberParam,
    },
    { method: 'get', path: '/api/staff/cases/types', summary: '已登记的申请类型与环节', auth: 'staff' },
    {
      method: 'get',
      path: '/api/staff/cases/inbox',
      summary: '待办（按到期日排序）',
      auth: 'staff',
      query: schemas.inboxQuery,
    },
    {
      method: 'get',
      path: '/api/staff/cases/inbox/summary',
      summary: '待办汇总（各类型、环节、临期与超期件数）',
      auth: 'staff',
    },
    {
      method: 'get',
      path: '/api/staff/cases/statistics',
      summary: '申请统计',
      auth: 'staff',
      query: schemas.statisticsQuery,
    },
    {
      method: 'get',
      path: '/api/staff/cases/statistics/amounts',
      summary: '批准金额统计（按月、按区县）',
      auth: 'staff',
      query: schemas.statisticsQuery,
    },
    {
      method: 'post',
      path: '/api/staff/cases/bulk',
      summary: '批量办理（全部成功或全部不办）',
      auth: 'staff',
      body: schemas.bulkBody,
    },
    {
      method: 'get',
      path: '/api/staff/cases/:id',
      summary: '一件申请（含本账号可做的操作与表单）',
      auth: 'staff',
      params: schemas.caseIdParam,
    },
    {
      method: 'post',
      path: '/api/staff/cases/:id/actions/:action',
      summary: '办理一步（受理、审批、退回……）',
      auth: 'staff',
      params: schemas.actionParam,
      body: schemas.actionBody,
    },
  ],
};
