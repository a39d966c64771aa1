import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '身份',
  description: '群众登录、资料、实名与手机号',
  operations: [
    {
      method: 'post',
      path: '/api/auth/login',
      summary: '小程序登录（wx.login 的 code 换会话）',
      body: schemas.loginBody,
    },
    { method: 'post', path: '/api/auth/logout', summary: '退出登录（本会话立即失效）', auth: 'citizen', status: 204 },
    { method: 'get', path: '/api/me', summary: '我的资料（已脱敏）', auth: 'citizen' },
    {
      method: 'put',
      path: '/api/me/identity',
      summary:
        '实名认证（姓名与身份证号经实名核验服务核验；未通过 422 说明原因；他人账号已绑定的号码，本人核验通过后取回，原账号收到通知）',
      auth: 'citizen',
      body: schemas.identityBody,
    },
    {
      method: 'put',
      path: '/api/me/phone',
      summary: '绑定手机号（getPhoneNumber 的 code）',
      auth: 'citizen',
      body: schemas.phoneBody,
    },
  ],
};
