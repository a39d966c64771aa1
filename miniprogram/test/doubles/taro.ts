/**
 * Test double of @tarojs/taro: storage in memory, navigation and toasts recorded, and
 * Taro.request handed to `taroDouble.server`, the fake server of each test (the one network
 * boundary the unit tests stub).
 */
export interface RequestOptions {
  url: string
  method?: string
  data?: any
  header?: Record<string, string>
}
export interface FakeResponse {
  statusCode: number
  data: any
}
export type FakeServer = (req: RequestOptions) => FakeResponse | Promise<FakeResponse>

export const taroDouble = {
  storage: new Map<string, unknown>(),
  requests: [] as RequestOptions[],
  toasts: [] as { title: string; icon?: string }[],
  navigations: [] as { kind: string; url: string }[],
  logins: 0,
  server: null as FakeServer | null,
  /** tab index → badge text shown (absent: no badge) */
  badges: new Map<number, string>(),
  /** answers requestSubscribeMessage (absent: the API does not exist, as on H5) */
  subscribe: null as ((tmplIds: string[]) => Record<string, string>) | null,
  /** the current page's query, as Taro.getCurrentInstance().router.params */
  params: {} as Record<string, string>,
  reset() {
    this.badges = new Map()
    this.subscribe = null
    this.params = {}
    this.storage.clear()
    this.requests = []
    this.toasts = []
    this.navigations = []
    this.logins = 0
    this.server = null
  }
}

export const ENV_TYPE = {
  WEAPP: 'WEAPP',
  SWAN: 'SWAN',
  ALIPAY: 'ALIPAY',
  TT: 'TT',
  QQ: 'QQ',
  JD: 'JD',
  WEB: 'WEB',
  RN: 'RN',
  HARMONY: 'HARMONY',
  QUICKAPP: 'QUICKAPP',
  HARMONYHYBRID: 'HARMONYHYBRID'
}

const listeners = new Map<string, Set<(...args: any[]) => void>>()
export const eventCenter = {
  on(name: string, fn: (...args: any[]) => void) {
    if (!listeners.has(name)) listeners.set(name, new Set())
    listeners.get(name)!.add(fn)
  },
  off(name: string, fn?: (...args: any[]) => void) {
    if (fn) listeners.get(name)?.delete(fn)
    else listeners.delete(name)
  },
  trigger(name: string, ...args: any[]) {
    listeners.get(name)?.forEach((fn) => fn(...args))
  }
}

const windowInfo = {
  windowWidth: 375,
  windowHeight: 667,
  screenWidth: 375,
  screenHeight: 667,
  pixelRatio: 2,
  statusBarHeight: 20
}

function selectorQuery() {
  const q = {
    in: () => q,
    select: () => q,
    selectAll: () => q,
    selectViewport: () => q,
    boundingClientRect: () => q,
    scrollOffset: () => q,
    fields: () => q,
    exec: (cb?: (res: unknown[]) => void) => cb?.([null])
  }
  return q
}

const Taro = {
  ENV_TYPE,
  eventCenter,
  getEnv: () => ENV_TYPE.WEB,
  async request(options: RequestOptions): Promise<FakeResponse> {
    taroDouble.requests.push(options)
    if (!taroDouble.server) throw new Error(`no fake server for ${options.url}`)
    const res = await taroDouble.server(options)
    return { ...res, data: JSON.parse(JSON.stringify(res.data ?? null)) }
  },
  async login() {
    taroDouble.logins += 1
    return { code: `wx-code-${taroDouble.logins}`, errMsg: 'login:ok' }
  },
  getStorageSync(key: string) {
    return taroDouble.storage.has(key) ? taroDouble.storage.get(key) : ''
  },
  setStorageSync(key: string, value: unknown) {
    taroDouble.storage.set(key, value)
  },
  removeStorageSync(key: string) {
    taroDouble.storage.delete(key)
  },
  async showToast(options: { title: string; icon?: string }) {
    taroDouble.toasts.push({ title: options.title, icon: options.icon })
  },
  async navigateTo(options: { url: string }) {
    taroDouble.navigations.push({ kind: 'navigateTo', url: options.url })
  },
  async switchTab(options: { url: string }) {
    taroDouble.navigations.push({ kind: 'switchTab', url: options.url })
  },
  async makePhoneCall(options: { phoneNumber: string }) {
    taroDouble.navigations.push({ kind: 'makePhoneCall', url: options.phoneNumber })
  },
  async setTabBarBadge(options: { index: number; text: string }) {
    taroDouble.badges.set(options.index, options.text)
  },
  async removeTabBarBadge(options: { index: number }) {
    taroDouble.badges.delete(options.index)
  },
  get requestSubscribeMessage() {
    const answer = taroDouble.subscribe
    return answer
      ? async (options: { tmplIds: string[] }) => ({ errMsg: 'requestSubscribeMessage:ok', ...answer(options.tmplIds) })
      : undefined
  },
  stopPullDownRefresh: () => {},
  getSystemInfoSync: () => ({ ...windowInfo, platform: 'devtools', SDKVersion: '3.0.0' }),
  getWindowInfo: () => windowInfo,
  getDeviceInfo: () => ({ platform: 'devtools', pixelRatio: 2 }),
  getAppBaseInfo: () => ({ SDKVersion: '3.0.0', theme: 'light' }),
  pxTransform: (n: number) => `${n}px`,
  createSelectorQuery: selectorQuery,
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  getCurrentInstance: () => ({ router: { params: taroDouble.params, path: '' }, page: null }),
  getCurrentPages: () => []
}

export const getEnv = Taro.getEnv
export const createSelectorQuery = Taro.createSelectorQuery
export const getCurrentInstance = Taro.getCurrentInstance
export const pxTransform = Taro.pxTransform
export const nextTick = Taro.nextTick
export function useLoad(fn: (params: Record<string, string>) => void) {
  // page lifecycle hooks run once on first render in tests
  const { useEffect } = require('react') as typeof import('react')
  useEffect(() => fn({ ...taroDouble.params }), [])
}
export const useDidShow = (fn: () => void) => useLoad(() => fn())
export const useReady = (fn: () => void) => useLoad(() => fn())
export const usePullDownRefresh = () => {}
export const useReachBottom = () => {}

export default Taro
