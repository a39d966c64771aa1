import Taro from '@tarojs/taro'

/** Pages of the 社会工作 subpackage. */
export const PAGES = {
  home: '/packages/social-work/pages/index/index',
  station: (id: number) => `/packages/social-work/pages/station/index?id=${id}`,
  ask: (station: { id: number; divisionCode: string }) =>
    `/packages/social-work/pages/ask/index?station=${station.id}&division=${station.divisionCode}`,
  requests: '/packages/social-work/pages/requests/index'
}

export function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => {
    Taro.showToast({ title: '页面打开失败，请稍后再试', icon: 'none' })
  })
}

export function pageParam(name: string): string | undefined {
  const v = (Taro.getCurrentInstance()?.router?.params ?? {})[name]
  return typeof v === 'string' ? decodeURIComponent(v) : undefined
}

export const dateText = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10)
