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

/** 易走失人员 as the guardian sees them (masked by the server). */
export interface Wanderer {
  id: number
  name: string
  idNumber: string | null
  sexLabel: string
  birthYear: number
  conditionLabel: string
  homePlace: string
  guardian: { name: string; phone: string }
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
