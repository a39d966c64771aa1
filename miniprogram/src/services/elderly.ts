import type {
  AgeAllowanceOffer,
  AssessmentSlotView,
  AssessmentView,
  CareLevel,
  ElderlyPlaceDetail,
  ElderlyPlaceKind,
  ElderlyPlaceView,
  FamilyLinkView,
  FamilyRelation,
  MealMenuView,
  MealOrderView,
  MealQuote
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

// 亲属绑定, 助餐 and 能力评估 (the server computes every amount; the pages only show them).
export {
  FAMILY_RELATION_NAMES,
  FAMILY_RELATIONS,
  MEAL_SLOT_NAMES
} from '@minzheng/contracts'
export type {
  AssessmentSlotView,
  AssessmentView,
  FamilyLinkView,
  FamilyRelation,
  MealMenuView,
  MealOrderView,
  MealQuote
} from '@minzheng/contracts'

export interface FamilyLinks {
  mine: FamilyLinkView[]
  incoming: FamilyLinkView[]
}

export const familyLinks = () => api<FamilyLinks>('/api/elderly/family-links', { toast: false })
export const askFamilyLink = (body: { name: string; idNumber: string; relation: FamilyRelation }) =>
  api<FamilyLinkView>('/api/elderly/family-links', { method: 'POST', data: body, toast: false })
export const confirmFamilyLink = (id: number) =>
  api<FamilyLinkView>(`/api/elderly/family-links/${id}/confirm`, { method: 'POST', data: {} })

export const placeMenus = (placeId: number) =>
  api<{ placeId: number; placeName: string; items: MealMenuView[] }>(`/api/elderly/places/${placeId}/menus`, {
    auth: false,
    toast: false
  })
export const mealQuote = (menuId: number, linkId?: number) =>
  api<MealQuote>(withQuery('/api/elderly/meals/quote', { menuId, linkId }), { toast: false })
export const orderMeal = (menuId: number, linkId?: number) =>
  api<MealOrderView>('/api/elderly/meal-orders', { method: 'POST', data: linkId ? { menuId, linkId } : { menuId } })
export const myMealOrders = () => api<{ items: MealOrderView[] }>('/api/elderly/meal-orders', { toast: false })
export const cancelMeal = (id: number) =>
  api<MealOrderView>(`/api/elderly/meal-orders/${id}/cancel`, { method: 'POST', data: {} })

export const assessmentSlots = (placeId: number) =>
  api<{ placeId: number; placeName: string; items: AssessmentSlotView[] }>(
    `/api/elderly/places/${placeId}/assessment-slots`,
    { auth: false, toast: false }
  )
export const bookAssessment = (slotId: number, linkId?: number) =>
  api<{ number: string; bookingCode: string }>('/api/elderly/assessments', {
    method: 'POST',
    data: linkId ? { slotId, linkId } : { slotId }
  })
export const myAssessments = () => api<{ items: AssessmentView[] }>('/api/elderly/assessments', { toast: false })
export const withdrawAssessment = (number: string) =>
  api<AssessmentView>(`/api/elderly/assessments/${number}/withdraw`, { method: 'POST', data: {} })
