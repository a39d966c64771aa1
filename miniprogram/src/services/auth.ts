import Taro from '@tarojs/taro'
import { api, setReLogin } from './request'
import { tokenStore } from './token'
import type { LoginResult, User } from './types'
import { devLoginCode } from './wechat-dev'

const DEV_OPENID_KEY = 'mz.devOpenid'

function randomOpenid(): string {
  let s = 'h5_'
  for (let i = 0; i < 24; i++) s += Math.floor(Math.random() * 36).toString(36)
  return s
}

/** H5 has no wx.login: a random openid, kept in storage, stands for this browser's citizen. */
export function devOpenid(): string {
  let openid = Taro.getStorageSync(DEV_OPENID_KEY)
  if (!openid) {
    openid = randomOpenid()
    Taro.setStorageSync(DEV_OPENID_KEY, openid)
  }
  return openid
}

async function acquireCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const { code } = await devLoginCode(devOpenid())
    return code
  }
  const { code } = await Taro.login()
  return code
}

export function loginWithCode(code: string): Promise<LoginResult> {
  return api<LoginResult>('/api/auth/login', { method: 'POST', data: { code }, auth: false, toast: false })
}

let inFlight: Promise<User> | null = null

/** Logs in silently (one login at a time); stores the token and answers the user. */
export function login(): Promise<User> {
  if (!inFlight) {
    inFlight = (async () => {
      const result = await loginWithCode(await acquireCode())
      tokenStore.set(result.token)
      return result.user
    })().finally(() => {
      inFlight = null
    })
  }
  return inFlight
}

export function logout(): void {
  tokenStore.clear()
}

export function hasToken(): boolean {
  return !!tokenStore.get()
}

// The request layer logs in again, once, when a call answers 401 UNAUTHENTICATED.
setReLogin(async () => {
  await login()
})
