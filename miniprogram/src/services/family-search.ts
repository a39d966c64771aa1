import type { MyFamilySearch } from '@minzheng/contracts'
import { api, withQuery } from './request'
import { uploadFileTo } from './upload'

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

/** 易走失人员 as the guardian sees them (masked by the server). */
export interface Wanderer {
  id: number
  name: string
  idNumber: string | null
  sexLabel: string
  birthYear: number
  conditionLabel: string
  homeDivisionCode: string
  homePlace: string
  guardian: { name: string; phone: string }
  hasPhoto: boolean
  consentAt: string
}

export interface WandererInput {
  name: string
  idNumber?: string
  sex: 'male' | 'female'
  birthYear: number
  heightCm?: number
  accent?: string
  features?: string
  condition: string
  homeDivisionCode: string
  homePlace: string
  guardianName: string
  guardianPhone: string
  consent: boolean
}

export async function myWanderers() {
  return api<{ items: Wanderer[] }>('/api/family-search/wanderers', { toast: false })
}

export async function registerWanderer(input: WandererInput) {
  return api<Wanderer>('/api/family-search/wanderers', { method: 'POST', data: input, toast: false })
}

export async function withdrawWanderer(id: number) {
  return api<{ deleted: boolean }>(`/api/family-search/wanderers/${id}`, { method: 'DELETE' })
}

/**
 * The registered relative's photo, multipart (field `file`) by POST as wx.uploadFile sends it; the
 * server re-encodes it (EXIF with location and device gone) and refuses what is not a photo.
 * Throws an ApiError with the server's Chinese message; shows no toast.
 */
export async function uploadWandererPhoto(id: number, filePath: string): Promise<void> {
  await uploadFileTo(`/api/family-search/wanderers/${id}/photo`, filePath)
}

/** A photo of the person a family looks for, the same way (re-encoded, EXIF gone). */
export async function uploadFamilySearchPhoto(id: number, filePath: string): Promise<void> {
  await uploadFileTo(`/api/family-search/searches/${id}/photo`, filePath)
}

/** A family's search for a missing relative (POST /api/family-search/searches). */
export interface FamilySearchInput {
  sex: 'male' | 'female'
  ageMin: number
  ageMax: number
  heightCm?: number
  accent?: string
  ethnicity?: string
  features?: string
  lastSeenDate: string
  lastSeenDivisionCode: string
  lastSeenPlace: string
}
export interface FamilySearchMatch {
  noticeId: number
  score: number
  reasons: string[]
  summary: string
}
export type { MyFamilySearch }
export const registerFamilySearch = (input: FamilySearchInput) =>
  api<{ id: number; lastSeenDivisionCode: string }>('/api/family-search/searches', {
    method: 'POST',
    data: input,
    toast: false
  })
export const familySearchMatches = (id: number) =>
  api<{ items: FamilySearchMatch[] }>(`/api/family-search/searches/${id}/matches`, { toast: false })
/** The family's searches still followed, newest first (the server keeps them, not the phone). */
export const myFamilySearches = () => api<{ items: MyFamilySearch[] }>('/api/family-search/searches', { toast: false })
/** Withdraw a search: no longer matched against new notices, no more messages about it. */
export const withdrawFamilySearch = (id: number) =>
  api<{ withdrawn: boolean }>(`/api/family-search/searches/${id}`, { method: 'DELETE', toast: false })
