import Taro from '@tarojs/taro'
import { ApiError, MESSAGE_NETWORK, MESSAGE_UNKNOWN, NETWORK_ERROR } from './errors'
import { tokenStore } from './token'

/** '' on H5 (same origin as the server), TARO_APP_API_BASE on weapp. */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? ''

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RequestOptions {
  method?: Method
  data?: unknown
  /** send the Bearer token and re-login on 401 (default true) */
  auth?: boolean
  /** show the error as a toast (default true) */
  toast?: boolean
}

export const requestSettings = {
  /** retries after a network failure */
  networkRetries: 2,
  /** first backoff delay; doubles each retry */
  backoffMs: 400,
  timeoutMs: 15000
}

type ReLogin = () => Promise<void>
let reLogin: ReLogin | null = null

/** auth.ts registers how to log in again when the server says the token is no longer valid. */
export function setReLogin(fn: ReLogin | null): void {
  reLogin = fn
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function send(path: string, options: RequestOptions): Promise<Taro.request.SuccessCallbackResult<any>> {
  const header: Record<string, string> = { 'Content-Type': 'application/json' }
  const token = options.auth === false ? null : tokenStore.get()
  if (token) header.Authorization = `Bearer ${token}`
  let attempt = 0
  for (;;) {
    try {
      return await Taro.request({
        url: API_BASE + path,
        method: options.method ?? 'GET',
        data: options.data as any,
        header,
        timeout: requestSettings.timeoutMs,
        dataType: 'json'
      })
    } catch {
      if (attempt >= requestSettings.networkRetries) {
        throw new ApiError(NETWORK_ERROR, MESSAGE_NETWORK)
      }
      await sleep(requestSettings.backoffMs * 2 ** attempt)
      attempt += 1
    }
  }
}

function errorFrom(res: Taro.request.SuccessCallbackResult<any>): ApiError {
  const body = res.data && typeof res.data === 'object' ? res.data.error : undefined
  if (body && typeof body.code === 'string') {
    return new ApiError(body.code, body.message || MESSAGE_UNKNOWN, res.statusCode, body.fields || {})
  }
  return new ApiError(`HTTP_${res.statusCode}`, MESSAGE_UNKNOWN, res.statusCode)
}

export function showErrorToast(message: string): void {
  Taro.showToast({ title: message, icon: 'none', duration: 2500 })
}

async function call<T>(path: string, options: RequestOptions, retried: boolean): Promise<T> {
  const res = await send(path, options)
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  const error = errorFrom(res)
  if (error.status === 401 && error.code === 'UNAUTHENTICATED' && options.auth !== false && !retried && reLogin) {
    tokenStore.clear()
    await reLogin()
    return call<T>(path, options, true)
  }
  throw error
}

/**
 * Calls the server. Resolves with the parsed body on 2xx; otherwise throws an ApiError
 * (code, Chinese message, field messages) after showing the message as a toast.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await call<T>(path, options, false)
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError('CLIENT_ERROR', MESSAGE_UNKNOWN)
    if (options.toast !== false) showErrorToast(error.message)
    throw error
  }
}

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${path}?${parts.join('&')}` : path
}
