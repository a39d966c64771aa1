import type { SearchHit, SearchView } from '@minzheng/contracts'
import { api } from './request'

export type { SearchGroup, SearchHit, SearchView } from '@minzheng/contracts'

/** The 首页 search: areas, items (with materials), halls and articles, grouped by kind. */
export function searchEverything(q: string): Promise<SearchView> {
  return api<SearchView>(`/api/search?q=${encodeURIComponent(q)}`, { auth: false, toast: false })
}

/** A hit's page; an outside article opens in a new tab on H5 (an iframe cannot show it). */
export function hitTarget(hit: SearchHit): { external: string } | { page: string } {
  if (process.env.TARO_ENV === 'h5' && hit.url) return { external: hit.url }
  return { page: hit.page }
}
