import type {
  ChecklistView,
  DeathPlace,
  FeeItemView,
  FuneralBillView,
  FuneralPlaceKind,
  FuneralPlaceView
} from '@minzheng/contracts'
import { API_BASE, api, withQuery } from './request'
import { uploadFileTo } from './upload'

/** Shapes of /api/funeral… (server/src/modules/funeral; types in @minzheng/contracts). */
export type { FeeItemView, FuneralBillView, FuneralPlaceView } from '@minzheng/contracts'
export { FEE_CLASSES, FUNERAL_PLACE_KINDS, PRICE_COMPLAINT_LINE, yuan } from '@minzheng/contracts'

export async function listPlaces(kind?: FuneralPlaceKind): Promise<FuneralPlaceView[]> {
  return (
    await api<{ items: FuneralPlaceView[] }>(withQuery('/api/funeral/places', { kind }), { auth: false, toast: false })
  ).items
}

export function placeDetail(id: number): Promise<{ place: FuneralPlaceView; fees: FeeItemView[] }> {
  return api(`/api/funeral/places/${id}`, { auth: false, toast: false })
}

export async function claimBill(billNo: string, code: string): Promise<FuneralBillView> {
  return (await api<{ bill: FuneralBillView }>('/api/funeral/bills/claim', { method: 'POST', data: { billNo, code } }))
    .bill
}

export async function myBill(billNo: string): Promise<FuneralBillView> {
  return (await api<{ bill: FuneralBillView }>(`/api/funeral/bills/${encodeURIComponent(billNo)}`, { toast: false }))
    .bill
}

export async function myBills(): Promise<FuneralBillView[]> {
  return (await api<{ items: FuneralBillView[] }>('/api/funeral/bills', { toast: false })).items
}

export async function reportBillProblem(billNo: string, content: string, idempotencyKey: string) {
  return api<{ complaint: { trackingNo: string } }>(`/api/funeral/bills/${encodeURIComponent(billNo)}/problems`, {
    method: 'POST',
    data: { content, idempotencyKey }
  })
}

export type { ChecklistStepView, ChecklistView, DeathPlace } from '@minzheng/contracts'
export { CHECKLIST_STEPS, DEATH_PLACES, STEP_STATES } from '@minzheng/contracts'

export async function myChecklists(): Promise<ChecklistView[]> {
  return (await api<{ items: ChecklistView[] }>('/api/funeral/checklists', { toast: false })).items
}

export async function checklistOf(id: number): Promise<ChecklistView> {
  return (
    await api<{ checklist: ChecklistView }>(`/api/funeral/checklists/${id}`, {
      toast: false
    })
  ).checklist
}

export async function startChecklist(input: {
  deceasedName: string
  deathDate: string
  deathPlace: DeathPlace
  divisionCode: string
}): Promise<ChecklistView> {
  return (
    await api<{ checklist: ChecklistView }>('/api/funeral/checklists', {
      method: 'POST',
      data: input
    })
  ).checklist
}

export async function markStep(id: number, key: string, state: 'todo' | 'done' | 'skipped') {
  return (
    await api<{ checklist: ChecklistView }>(`/api/funeral/checklists/${id}/steps/${key}`, {
      method: 'POST',
      data: { state }
    })
  ).checklist
}

export async function applySubsidy(id: number, applicantName: string, relation: string) {
  return api<{ number: string; checklist: ChecklistView }>(`/api/funeral/checklists/${id}/subsidy`, {
    method: 'POST',
    data: { applicantName, relation }
  })
}

export interface VisitSlot {
  id: number
  date: string
  start: string
  end: string
  capacity: number
  remaining: number
  /** Seats held back for the 绿色通道 (staff book 60+ or disabled visitors in person). */
  greenCapacity?: number
  greenRemaining?: number
}
export interface VisitPass {
  code: string
  place: { id: number; name: string; address: string }
  date: string
  start: string
  end: string
  deceasedName: string
  companions: number
  persons: number
  qr: string
}

export async function visitSlots(placeId: number, date: string): Promise<VisitSlot[]> {
  return (
    await api<{ items: VisitSlot[] }>(withQuery(`/api/funeral/places/${placeId}/visit-slots`, { date }), {
      auth: false,
      toast: false
    })
  ).items
}

export async function bookVisit(slotId: number, deceasedName: string, companions: number): Promise<VisitPass> {
  return (
    await api<{ visit: VisitPass }>('/api/funeral/visits', {
      method: 'POST',
      data: { slotId, deceasedName, companions }
    })
  ).visit
}

/** 云祭扫: a family's memorial page (server: modules/funeral/memorials.ts). */
export interface Memorial {
  code: string
  deceasedName: string
  bornOn: string | null
  diedOn: string
  biography: string | null
  flowers: number
  /** The deceased's photo (a path under the API; anyone with the code may load it), or null. */
  photoUrl: string | null
  pendingMessages?: number
}
export interface MemorialMessage {
  id: number
  signature: string
  content: string
  status: 'pending' | 'shown' | 'hidden'
  statusName: string
  at: string
  mine: boolean
}
export interface MemorialView {
  memorial: Memorial
  family: boolean
  floweredToday: boolean
  messages: MemorialMessage[]
  waiting: MemorialMessage[]
}

export async function myMemorials(): Promise<Memorial[]> {
  return (await api<{ items: Memorial[] }>('/api/funeral/memorials', { toast: false })).items
}
export async function createMemorial(input: {
  deceasedName: string
  bornOn?: string
  diedOn: string
  biography?: string
}): Promise<Memorial> {
  return (await api<{ memorial: Memorial }>('/api/funeral/memorials', { method: 'POST', data: input })).memorial
}
export const memorialOf = (code: string) =>
  api<MemorialView>(`/api/funeral/memorials/${encodeURIComponent(code)}`, { toast: false })
export const leaveMemorialMessage = (code: string, signature: string, content: string) =>
  api<{ message: MemorialMessage }>(`/api/funeral/memorials/${encodeURIComponent(code)}/messages`, {
    method: 'POST',
    data: { signature, content }
  })
export const moderateMemorialMessage = (code: string, id: number, action: 'show' | 'hide') =>
  api<{ message: MemorialMessage }>(`/api/funeral/memorials/${encodeURIComponent(code)}/messages/${id}/moderate`, {
    method: 'POST',
    data: { action }
  })
export interface MemorialInput {
  deceasedName: string
  bornOn?: string
  diedOn: string
  biography?: string
}
/** The family corrects the page (anyone else: 403 MEMORIAL_FAMILY_ONLY). */
export const editMemorial = async (code: string, input: MemorialInput) =>
  (
    await api<{ memorial: Memorial }>(`/api/funeral/memorials/${encodeURIComponent(code)}`, {
      method: 'PUT',
      data: input
    })
  ).memorial
/** The family withdraws the page: its code then answers 410 「已撤下」. */
export const withdrawMemorial = (code: string) =>
  api<{ withdrawn: boolean }>(`/api/funeral/memorials/${encodeURIComponent(code)}`, { method: 'DELETE' })
/** The family's photo of the deceased (JPG/PNG, re-encoded by the server). Throws without a toast. */
export const uploadMemorialPhoto = async (code: string, filePath: string) =>
  (await uploadFileTo<{ memorial: Memorial }>(`/api/funeral/memorials/${encodeURIComponent(code)}/photo`, filePath))
    .memorial
export const removeMemorialPhoto = async (code: string) =>
  (
    await api<{ memorial: Memorial }>(`/api/funeral/memorials/${encodeURIComponent(code)}/photo`, {
      method: 'DELETE'
    })
  ).memorial
/** The photo's full address for an <Image>. */
export const memorialPhotoSrc = (photoUrl: string) => `${API_BASE}${photoUrl}`
export const layFlower = (code: string) =>
  api<{ flowers: number; floweredToday: boolean }>(`/api/funeral/memorials/${encodeURIComponent(code)}/flowers`, {
    method: 'POST',
    data: {}
  })
