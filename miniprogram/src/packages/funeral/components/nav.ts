import Taro from '@tarojs/taro'

/** Pages of the 殡葬服务 subpackage. */
export const PAGES = {
  home: '/packages/funeral/pages/index/index',
  place: (id: number) => `/packages/funeral/pages/place/index?id=${id}`,
  bills: '/packages/funeral/pages/bills/index',
  memorials: '/packages/funeral/pages/memorial/index',
  memorial: (code: string) => `/packages/funeral/pages/memorial/index?code=${encodeURIComponent(code)}`,
  bill: (billNo: string, code?: string) =>
    `/packages/funeral/pages/bill/index?billNo=${encodeURIComponent(billNo)}${code ? `&code=${encodeURIComponent(code)}` : ''}`
}

export function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => {
    Taro.showToast({ title: '页面打开失败，请稍后再试', icon: 'none' })
  })
}

/** The page's query (decoded). */
export function pageParams(): Record<string, string> {
  const params = (Taro.getCurrentInstance()?.router?.params ?? {}) as Record<string, string | undefined>
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string') continue
    try {
      out[k] = decodeURIComponent(v)
    } catch {
      out[k] = v
    }
  }
  return out
}
