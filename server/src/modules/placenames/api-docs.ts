import type { ApiDocs } from '../../platform/openapi';
import {
  announcementBody,
  announcementsQuery,
  apiKeyBody,
  followBody,
  followParam,
  idParam,
  openDivisionParam,
  placeNameSearchQuery,
} from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '地名',
  description:
    '标准地名（GB/T 18521 类别）检索与详情、地名备案公告、关注地区；开放接口 /api/open/v1/ 供第三方系统使用标准地名与区划代码，须在请求头 X-Api-Key 携带民政部门发放的密钥，每个密钥按分钟限流（超限答 429）',
  operations: [
    {
      method: 'get',
      path: '/api/place-names',
      summary: '地名检索（汉字、拼音或首字母前缀，类别，所属政区）',
      query: placeNameSearchQuery,
    },
    { method: 'get', path: '/api/place-names/announcements', summary: '地名备案公告列表', query: announcementsQuery },
    { method: 'get', path: '/api/place-names/announcements/:id', summary: '一则地名备案公告', params: idParam },
    { method: 'get', path: '/api/place-names/follows', summary: '我关注的地区', auth: 'citizen' },
    {
      method: 'post',
      path: '/api/place-names/follows',
      summary: '关注一个地区的地名公告',
      auth: 'citizen',
      body: followBody,
    },
    {
      method: 'delete',
      path: '/api/place-names/follows/:code',
      summary: '取消关注地区',
      auth: 'citizen',
      params: followParam,
    },
    {
      method: 'get',
      path: '/api/place-names/:id',
      summary: '一个标准地名：拼写、类别、位置、含义、历史沿革、批准及公告',
      params: idParam,
    },
    {
      method: 'post',
      path: '/api/staff/place-names/announcements',
      summary: '发布地名备案公告（命名、更名、销名）',
      auth: 'staff',
      roles: ['placename_officer'],
      body: announcementBody,
      status: 201,
    },
    {
      method: 'get',
      path: '/api/staff/place-names/announcements',
      summary: '本辖区的地名备案公告',
      auth: 'staff',
      roles: ['placename_officer'],
      query: announcementsQuery,
    },
    {
      method: 'post',
      path: '/api/staff/open-api-keys',
      summary: '发放开放接口密钥（仅显示一次）',
      auth: 'staff',
      roles: ['admin'],
      body: apiKeyBody,
      status: 201,
    },
    { method: 'get', path: '/api/staff/open-api-keys', summary: '开放接口密钥列表', auth: 'staff', roles: ['admin'] },
    {
      method: 'delete',
      path: '/api/staff/open-api-keys/:id',
      summary: '停用开放接口密钥',
      auth: 'staff',
      roles: ['admin'],
      params: idParam,
    },
    {
      method: 'get',
      path: '/api/open/v1/divisions/:code',
      summary: '开放接口：一个行政区划（含已撤销代码的承继区划）',
      params: openDivisionParam,
    },
    { method: 'get', path: '/api/open/v1/place-names', summary: '开放接口：标准地名检索', query: placeNameSearchQuery },
    { method: 'get', path: '/api/open/v1/place-names/:id', summary: '开放接口：一个标准地名', params: idParam },
  ],
};
