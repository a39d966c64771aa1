import Taro from '@tarojs/taro'

/** Pages of the 社会救助 subpackage. */
export const PAGES = {
  home: '/packages/assistance/pages/index/index',
  apply: '/packages/assistance/pages/apply/index',
  applications: '/packages/assistance/pages/applications/index',
  case: (number: string) => `/packages/assistance/pages/case/index?number=${encodeURIComponent(number)}`,
  publicity: (community?: string) =>
    `/packages/assistance/pages/publicity/index${community ? `?community=${encodeURIComponent(community)}` : ''}`,
  /** 监督举报, optionally about one case (or 公示) or one community. */
  reports: (about: { caseNumber?: string; community?: string } = {}) => {
    const q = Object.entries(about)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
      .join('&')
    return `/packages/assistance/pages/reports/index${q ? `?${q}` : ''}`
  }
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

/** 2026-03-02T01:00:00.000Z → 2026-03-02 (Beijing). */
export function beijingDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  return d.toISOString().slice(0, 10)
}
