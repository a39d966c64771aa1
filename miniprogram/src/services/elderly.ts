import type {
  AgeAllowanceOffer,
  CareLevel,
  ElderlyPlaceDetail,
  ElderlyPlaceKind,
  ElderlyPlaceView
} from '@minzheng/contracts'
import { api, withQuery } from './request'

/** /api/elderly… (server/src/modules/elderly): the directory, 高龄津贴 and my subsidy cases. */
export { CARE_LEVEL_NAMES, CARE_LEVELS, ELDERLY_PLACE_KIND_NAMES } from '@minzheng/contracts'
export type { AgeAllowanceOffer, CareLevel, ElderlyPlaceDetail, ElderlyPlaceKind, ElderlyPlaceView }

export interface PlaceFilters {
  kind?: ElderlyPlaceKind
  careLevel?: CareLevel
  hasVacancy?: boolean
  maxPriceCents?: number
  division?: string
  lat?: number
  lng?: number
  radiusKm?: number
  page?: number
  pageSize?: number
}

export interface PlacesAnswer {
  items: ElderlyPlaceView[]
  total: number
}

export interface ElderlyCase {
  number: string
  type: string
  typeName: string
  stage: string
  stageName: string
  status: 'open' | 'active' | 'suspended' | 'closed'
  amountCents: number | null
  dueOn: string | null
}

export function searchPlaces(filters: PlaceFilters): Promise<PlacesAnswer> {
  const query: Record<string, string | number | undefined> = {
    ...filters,
    hasVacancy: filters.hasVacancy ? 'true' : undefined
  } as Record<string, string | number | undefined>
  return api<PlacesAnswer>(withQuery('/api/elderly/places', query), { auth: false, toast: false })
}

export const getPlace = (id: number) =>
  api<ElderlyPlaceDetail>(`/api/elderly/places/${id}`, { auth: false, toast: false })

export const allowanceOffer = () => api<AgeAllowanceOffer>('/api/elderly/age-allowance', { toast: false })

export const confirmAllowance = () =>
  api<{ number: string }>('/api/elderly/age-allowance', { method: 'POST', data: {} })

export const myElderlyCases = () => api<{ items: ElderlyCase[] }>('/api/elderly/applications', { toast: false })

/** 250000 → 2500; 1200 → 12 (元, no trailing zeros). */
export const yuan = (cents: number) => String(Number((cents / 100).toFixed(2)))

/** 556 → 556米; 2300 → 2.3公里 */
export const distanceText = (m: number) => (m < 1000 ? `${m}米` : `${(m / 1000).toFixed(1)}公里`)
