import { api, withQuery } from './request'

export interface FamilyNotice {
  id: number
  status: string
  statusLabel: string
  sexLabel: string
  ageRange: string
  heightCm: number | null
  accent: string | null
  features: string | null
  clothing: string | null
  foundDate: string
  foundPlace: string
  station: { name: string; contact: string }
  photo: string | null
}

/** 寻亲公告 the public may see, newest found first. */
export async function listFamilyNotices(query: { sex?: string; age?: number; accent?: string }) {
  return api<{ items: FamilyNotice[]; hasMore: boolean }>(withQuery('/api/family-search/notices', query))
}
