import Taro from '@tarojs/taro'

const TOKEN_KEY = 'mz.token'

/** The citizen session token, kept in storage so a restart does not need a new login. */
export const tokenStore = {
  get(): string | null {
    try {
      return Taro.getStorageSync(TOKEN_KEY) || null
    } catch {
      return null
    }
  },
  set(token: string): void {
    Taro.setStorageSync(TOKEN_KEY, token)
  },
  clear(): void {
    Taro.removeStorageSync(TOKEN_KEY)
  }
}
