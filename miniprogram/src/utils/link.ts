import Taro from '@tarojs/taro'

const TAB_PAGES = ['pages/index/index', 'pages/services/index', 'pages/messages/index', 'pages/mine/index']

/** Opens a page of this mini-program given as a notice's link (tab pages need switchTab). */
export async function openPageLink(link: string): Promise<void> {
  const url = `/${link.replace(/^\/+/, '')}`
  const path = url.slice(1).split('?')[0]
  try {
    if (TAB_PAGES.includes(path)) await Taro.switchTab({ url: `/${path}` })
    else await Taro.navigateTo({ url })
  } catch {
    void Taro.showToast({ title: '页面打开失败，请稍后再试', icon: 'none' })
  }
}
