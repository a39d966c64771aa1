import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '地名',
  description:
    '标准地名（GB/T 18521 类别）检索与详情、地名备案公告、关注地区；开放接口 /api/open/v1/ 供第三方系统使用标准地名与区划代码，须在请求头 X-Api-Key 携带民政部门发放的密钥，每个密钥按分钟限流（超限答 429）',
  operations: [
    {
      method: 'get',
      path: '/api/place-names',
      summary:
        '地名检索（汉字、拼音或首字母前缀，类别，所属政区）：列表只含名称、拼写、类别和所属政区，位置、含义、历史沿革见详情',
      query: schemas.placeNameSearchQuery,
    },
    {
      method: 'get',
      path: '/api/place-names/announcements',
      summary: '地名备案公告列表',
      query: schemas.announcementsQuery,
    },
    { method: 'get', path: '/api/place-names/announcements/:id', summary: '一则地名备案公告', params: schemas.idParam },
    { method: 'get', path: '/api/place-names/follows', summary: '我关注的地区', auth: 'citizen' },
    {
      method: 'post',
      path: '/api/place-names/follows',
      summary: '关注一个地区的地名公告',
      auth: 'citizen',
      body: schemas.followBody,
    },
    {
      method: 'delete',
      path: '/api/place-names/follows/:code',
      summary: '取消关注地区',
      auth: 'citizen',
      params: schemas.followParam,
    },
    {
      method: 'get',
      path: '/api/place-names/:id',
      summary: '一个标准地名：拼写、类别、位置、含义、历史沿革、批准、公告及地名文化文章',
      params: schemas.idParam,
    },
    { method: 'get', path: '/api/place-names/culture', summary: '最新地名文化文章', query: schemas.cultureListQuery },
    {
      method: 'post',
      path: '/api/staff/place-names/:id/culture',
      summary: '发布地名文化文章（本辖区现行地名）',
      auth: 'staff',
      roles: ['placename_officer'],
      params: schemas.idParam,
      body: schemas.cultureBody,
      status: 201,
    },
    {
      method: 'post',
      path: '/api/staff/place-names/announcements',
      summary: '发布地名备案公告（命名、更名、销名）',
      auth: 'staff',
      roles: ['placename_officer'],
      body: schemas.announcementBody,
      status: 201,
    },
    {
      method: 'get',
      path: '/api/staff/place-names',
      summary: '本辖区的地名登记（含已销名）',
      auth: 'staff',
      roles: ['placename_officer'],
      query: schemas.staffPlaceNameQuery,
    },
    {
      method: 'get',
      path: '/api/staff/place-names/announcements',
      summary: '本辖区的地名备案公告',
      auth: 'staff',
      roles: ['placename_officer'],
      query: schemas.announcementsQuery,
    },
    {
      method: 'post',
      path: '/api/staff/open-api-keys',
      summary: '发放开放接口密钥（仅显示一次）',
      auth: 'staff',
      roles: ['admin'],
      body: schemas.apiKeyBody,
      status: 201,
    },
    { method: 'get', path: '/api/staff/open-api-keys', summary: '开放接口密钥列表', auth: 'staff', roles: ['admin'] },
    {
      method: 'delete',
      path: '/api/staff/open-api-keys/:id',
      summary: '停用开放接口密钥',
      auth: 'staff',
      roles: ['admin'],
      params: schemas.idParam,
    },
    {
      method: 'get',
      path: '/api/open/v1/divisions/:code',
      summary: '开放接口：一个行政区划（含已撤销代码的承继区划）',
      params: schemas.openDivisionParam,
    },
    {
      method: 'get',
      path: '/api/open/v1/place-names',
      summary: '开放接口：标准地名检索（名称、拼写、类别、所属政区；其余见详情）',
      query: schemas.placeNameSearchQuery,
    },
    { method: 'get', path: '/api/open/v1/place-names/:id', summary: '开放接口：一个标准地名', params: schemas.idParam },
  ],
};
