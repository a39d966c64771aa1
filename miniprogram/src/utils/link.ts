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

/**
 * The address that opens a page of the H5 build (hash router): what a citizen copies to send
 * where WeChat's share card does not exist.
 */
export function h5PageUrl(page: string): string {
  const here = typeof window !== 'undefined' ? `${window.location.origin}${window.location.pathname}` : ''
  return `${here}#/${page.replace(/^\/+/, '')}`
}

/** Copies a page's address on H5 (share sheet where the browser has one); says so in Chinese. */
export async function copyPageLink(page: string, title: string): Promise<void> {
  const url = h5PageUrl(page)
  const nav = typeof navigator !== 'undefined' ? (navigator as Navigator & { share?: Navigator['share'] }) : undefined
  if (nav?.share && /Mobi|Android|iPhone/i.test(nav.userAgent)) {
    try {
      await nav.share({ title, url })
      return
    } catch {
      // cancelled or refused: fall back to copying
    }
  }
  try {
    await Taro.setClipboardData({ data: url })
    void Taro.showToast({ title: '链接已复制，可发送给对方', icon: 'none' })
  } catch {
    void Taro.showModal({ title: '请复制以下链接发送给对方', content: url, showCancel: false })
  }
}
