import type { DivisionView, PlaceNameListItem, PlaceNamePage } from '@minzheng/contracts'
import { api, withQuery } from './request'

/** One division of any level, current or abolished (with what replaced it). */
export async function lookupDivision(code: string): Promise<DivisionView> {
  return api<DivisionView>(`/api/divisions/${encodeURIComponent(code)}`)
}

/** Standard place names by a prefix of the Chinese name, the pinyin or the initials: the list (the rest is on each name's page). */
export async function searchPlaceNames(q: string) {
  return api<{ items: PlaceNameListItem[]; hasMore: boolean }>(withQuery('/api/place-names', { q }))
}

/** One standard name's page: meaning, history, announcements and 地名文化 articles. */
export async function getPlaceName(id: number) {
  return api<PlaceNamePage>(`/api/place-names/${id}`, { auth: false, toast: false })
}
