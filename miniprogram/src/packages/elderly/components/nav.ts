import Taro from '@tarojs/taro'

/** Pages of the 养老服务 subpackage. */
export const PAGES = {
  home: '/packages/elderly/pages/index/index',
  place: (id: number) => `/packages/elderly/pages/place/index?id=${id}`,
  allowance: '/packages/elderly/pages/allowance/index',
  family: '/packages/elderly/pages/family/index',
  meals: (placeId?: number) => `/packages/elderly/pages/meals/index${placeId ? `?placeId=${placeId}` : ''}`,
  assessment: (placeId?: number) => `/packages/elderly/pages/assessment/index${placeId ? `?placeId=${placeId}` : ''}`
}

export function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => {
    Taro.showToast({ title: '页面打开失败，请稍后再试', icon: 'none' })
  })
}

export function pageParam(name: string): string | undefined {
  const params = (Taro.getCurrentInstance()?.router?.params ?? {}) as Record<string, string | undefined>
  return params[name]
}
