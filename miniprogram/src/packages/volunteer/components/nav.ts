import Taro from '@tarojs/taro'

/** Pages of the 志愿服务 subpackage. */
export const PAGES = {
  home: '/packages/volunteer/pages/index/index',
  activity: (id: number) => `/packages/volunteer/pages/activity/index?id=${id}`,
  record: '/packages/volunteer/pages/record/index',
  orgs: '/packages/volunteer/pages/orgs/index'
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
