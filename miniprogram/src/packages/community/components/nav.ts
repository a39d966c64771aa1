import { pageLink } from '@minzheng/contracts'
import Taro from '@tarojs/taro'

/** Pages of the 社区治理 subpackage (paths from @minzheng/contracts' PAGES). */
export const PAGES = {
  home: pageLink('community'),
  community: (code: string) => pageLink('communityPage', { code }),
  notices: (code: string) => pageLink('communityNotices', { code }),
  notice: (id: number) => pageLink('communityNotice', { id }),
  proposals: (code: string) => pageLink('communityProposals', { code }),
  propose: (code: string) => pageLink('communityPropose', { code }),
  proposal: (id: number) => pageLink('communityProposal', { id }),
  elections: (code: string) => pageLink('communityElections', { code }),
  station: (id: number) => pageLink('socialWorkStation', { id }),
  identity: '/pages/mine/index'
}

export function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => {
    Taro.showToast({ title: '页面打开失败，请稍后再试', icon: 'none' })
  })
}

export function pageParam(name: string): string | undefined {
  const v = (Taro.getCurrentInstance()?.router?.params ?? {})[name]
  return typeof v === 'string' && v !== '' ? decodeURIComponent(v) : undefined
}

/** A 12-digit community code from the page's query, or undefined. */
export const codeParam = (): string | undefined => {
  const code = pageParam('code')
  return code && /^\d{12}$/.test(code) ? code : undefined
}

/** A positive id from the page's query, or undefined. */
export const idParam = (): number | undefined => {
  const id = Number(pageParam('id'))
  return Number.isInteger(id) && id > 0 ? id : undefined
}

/** Beijing date and time of an ISO instant: 2026-12-06 14:30. */
export const when = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
export const day = (iso: string) => when(iso).slice(0, 10)
