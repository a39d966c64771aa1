import { api } from './request'

/**
 * The embedded WeChat simulator's dev helpers. Only the H5 build uses them, standing in for
 * wx.login and the getPhoneNumber button, which exist only inside WeChat.
 */
export function devLoginCode(openid: string): Promise<{ code: string }> {
  return api('/__wechat__/dev/login-code', { method: 'POST', data: { openid }, auth: false })
}

export function devPhoneCode(phoneNumber: string): Promise<{ code: string }> {
  return api('/__wechat__/dev/phone-code', { method: 'POST', data: { phoneNumber }, auth: false, toast: false })
}
