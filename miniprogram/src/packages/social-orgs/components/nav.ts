import Taro from '@tarojs/taro'

/** Pages of the 社会组织 subpackage. */
export const PAGES = {
  search: '/packages/social-orgs/pages/index/index',
  detail: (uscc: string) => `/packages/social-orgs/pages/detail/index?uscc=${encodeURIComponent(uscc)}`,
  complaintAgainstOrg: (uscc: string, name: string) =>
    `/packages/social-orgs/pages/complaint/index?uscc=${encodeURIComponent(uscc)}&name=${encodeURIComponent(name)}`,
  complaintAgainstIllegal: (id: number, name: string) =>
    `/packages/social-orgs/pages/complaint/index?illegalOrgId=${id}&name=${encodeURIComponent(name)}`,
  complaints: '/packages/social-orgs/pages/complaints/index',
  complaint: (trackingNo: string) =>
    `/packages/social-orgs/pages/complaint-detail/index?trackingNo=${encodeURIComponent(trackingNo)}`,
  news: '/packages/social-orgs/pages/news/index',
  members: '/packages/social-orgs/pages/matrix-members/index',
  webView: (url: string, title?: string) =>
    `/packages/social-orgs/pages/web-view/index?url=${encodeURIComponent(url)}${title ? `&title=${encodeURIComponent(title)}` : ''}`
}

export function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => {
    Taro.showToast({ title: '页面打开失败，请稍后再试', icon: 'none' })
  })
}

/** The page's query (decoded): what navigateTo put after `?`. */
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

/**
 * Opens a public-account article: in the mini-program through the web-view page, on H5 in a
 * new tab (an iframe cannot show mp.weixin.qq.com).
 */
export function openArticle(link: string, title?: string): void {
  if (process.env.TARO_ENV === 'h5') {
    window.open(link, '_blank', 'noopener')
    return
  }
  go(PAGES.webView(link, title))
}

export const formatDate = (iso: string) => iso.slice(0, 10)
