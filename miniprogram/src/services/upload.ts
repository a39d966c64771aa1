import Taro from '@tarojs/taro'
import { login } from './auth'
import { ApiError, MESSAGE_NETWORK, MESSAGE_UNKNOWN, NETWORK_ERROR } from './errors'
import { API_BASE } from './request'
import { tokenStore } from './token'

async function postOnce(path: string, filePath: string): Promise<{ statusCode: number; data: any }> {
  const token = tokenStore.get()
  try {
    const res = await Taro.uploadFile({
      url: `${API_BASE}${path}`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {}
    })
    let data: any = res.data
    try {
      data = typeof data === 'string' ? JSON.parse(data) : data
    } catch {
      data = null
    }
    return { statusCode: res.statusCode, data }
  } catch {
    throw new ApiError(NETWORK_ERROR, MESSAGE_NETWORK)
  }
}

/**
 * One file to `path` as multipart/form-data (field `file`) by POST, the way wx.uploadFile sends
 * it, signed in (logs in again once on 401). Answers the server's JSON; throws an ApiError with
 * the server's Chinese message and shows no toast. Used by funeral, assistance, social-orgs and
 * family-search.
 */
export async function uploadFileTo<T>(path: string, filePath: string): Promise<T> {
  let res = await postOnce(path, filePath)
  if (res.statusCode === 401) {
    tokenStore.clear()
    await login()
    res = await postOnce(path, filePath)
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  const body = res.data?.error
  throw body?.code
    ? new ApiError(body.code, body.message || MESSAGE_UNKNOWN, res.statusCode, body.fields || {})
    : new ApiError(`HTTP_${res.statusCode}`, MESSAGE_UNKNOWN, res.statusCode)
}
