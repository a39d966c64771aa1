import type { ApiDocs } from '../../platform/openapi';
import { idParam, leadBody, noticeBody, publicQuery, searchBody, statusBody } from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '救助寻亲',
  description: '寻亲公告、家属寻亲登记与相似度匹配、线索（须实名）',
  operations: [
    {
      method: 'get',
      path: '/api/family-search/notices',
      summary: '寻亲公告检索（性别、年龄、口音、地区、发现日期）',
      query: publicQuery,
    },
    { method: 'get', path: '/api/family-search/notices/:id', summary: '一则寻亲公告', params: idParam },
    {
      method: 'get',
      path: '/api/family-search/notices/:id/photo',
      summary: '寻亲公告照片（已去除EXIF）',
      params: idParam,
      produces: 'image',
    },
    {
      method: 'post',
      path: '/api/family-search/notices/:id/leads',
      summary: '提供线索（须实名）',
      auth: 'citizen',
      params: idParam,
      body: leadBody,
      status: 201,
    },
    {
      method: 'post',
      path: '/api/family-search/searches',
      summary: '家属登记寻找对象',
      auth: 'citizen',
      body: searchBody,
      status: 201,
    },
    {
      method: 'get',
      path: '/api/family-search/searches/:id/matches',
      summary: '与登记相似的寻亲公告（按相似度排序并说明理由）',
      auth: 'citizen',
      params: idParam,
    },
    {
      method: 'post',
      path: '/api/staff/family-search/notices',
      summary: '发布寻亲公告',
      auth: 'staff',
      roles: ['station_staff'],
      body: noticeBody,
      status: 201,
    },
    {
      method: 'put',
      path: '/api/staff/family-search/notices/:id/photo',
      summary: '上传寻亲公告照片',
      auth: 'staff',
      roles: ['station_staff'],
      params: idParam,
      body: { multipart: 'file' },
    },
    {
      method: 'post',
      path: '/api/staff/family-search/notices/:id/status',
      summary: '变更寻亲状态',
      auth: 'staff',
      roles: ['station_staff'],
      params: idParam,
      body: statusBody,
    },
    {
      method: 'get',
      path: '/api/staff/family-search/notices/:id/leads',
      summary: '寻亲公告的线索',
      auth: 'staff',
      roles: ['station_staff'],
      params: idParam,
    },
  ],
};
