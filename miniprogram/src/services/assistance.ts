import { ASSISTANCE_KIND_NAMES, type AssistanceKind } from '@minzheng/contracts'
import Taro from '@tarojs/taro'
import { ApiError, MESSAGE_UNKNOWN } from './errors'
import { api, showErrorToast, withQuery } from './request'
import { uploadFileTo } from './upload'

/** Shapes of /api/assistance… and the engine's timeline (server/src/modules/assistance, cases/views.ts). */
export { DISABILITY, HEALTH, RELATIONS } from '@minzheng/contracts'
export type { AssistanceKind } from '@minzheng/contracts'
export const KIND_NAMES = ASSISTANCE_KIND_NAMES

export interface MemberInput {
  name: string
  idNumber: string
  relation: string
  monthlyIncomeCents: number
  health: string
  disability: string
}

export interface ApplicationInput {
  kind: AssistanceKind
  divisionCode: string
  address: string
  reason: string
  members: MemberInput[]
  assets: { vehicles: number; houses: number; depositsCents: number }
  consent: { agreed: boolean; signedName: string }
  materialIds: string[]
  emergencyCause?: string
}

export interface CaseSummary {
  id: number
  number: string
  type: string
  typeName: string
  title: string
  status: 'open' | 'active' | 'suspended' | 'closed'
  statusName: string
  amountCents: number | null
  divisionCode: string
  createdAt: string
  closedAt: string | null
}

export interface CurrentStage {
  stage: string
  stageName: string
  heldBy: string
  enteredOn: string
  dueOn: string | null
  dueProvisional: boolean
  basis: string | null
  workingDaysLeft: number | null
  overdue: boolean
  note: string | null
}

export interface Step {
  seq: number
  at: string
  actionName: string
  stageName: string
  organName: string
  person: string
  opinion: string | null
  dueOn: string | null
}

export interface ApplicationView {
  case: CaseSummary
  current: CurrentStage
  steps: Step[]
  application: {
    kind: AssistanceKind
    kindName: string
    householdSize: number
    household: { seq: number; name: string; idNumber: string; relation: string }[]
    materials: { id: string; label: string; mime: string }[]
    missingMaterials: string[] | null
  }
  /** 发放记录 of 低保/特困, newest first; null for a one-off kind (临时救助). */
  payments: Payment[] | null
}

export interface Payment {
  month: string
  amountCents: number
  status: 'pending' | 'paid' | 'failed'
  statusName: string
  reason: string | null
  settledAt: string | null
}

export interface PublicityItem {
  number: string
  kindName: string
  headName: string
  householdSize: number
  proposedAmountCents: number | null
  startsOn: string
  endsOn: string | null
}

/** Stages in which the applicant may still withdraw (the server decides; this only shows the button). */
export const WITHDRAWABLE = ['accept', 'supplement', 'investigate', 'check', 'review']

const BASE = '/api/assistance'

export const myApplications = () =>
  api<{ items: (CaseSummary & { current: CurrentStage })[] }>(`${BASE}/applications`, { toast: false })
export const applicationOf = (number: string) =>
  api<ApplicationView>(`${BASE}/applications/${encodeURIComponent(number)}`, { toast: false })
export const submitApplication = (input: ApplicationInput) =>
  api<{ number: string; caseId: number }>(`${BASE}/applications`, { method: 'POST', data: input })
export const withdrawApplication = (number: string) =>
  api<ApplicationView>(`${BASE}/applications/${encodeURIComponent(number)}/withdraw`, { method: 'POST', data: {} })
export const supplementMaterials = (number: string, materialIds: string[]) =>
  api<ApplicationView>(`${BASE}/applications/${encodeURIComponent(number)}/supplement`, {
    method: 'POST',
    data: { materialIds }
  })
export const publicityOf = (community: string) =>
  api<{ community: string; communityName: string; items: PublicityItem[] }>(
    withQuery(`${BASE}/publicity`, { community }),
    {
      toast: false
    }
  )
export const objectTo = (number: string, reason: string) =>
  api<{ ok: true }>(`${BASE}/publicity/${encodeURIComponent(number)}/objections`, { method: 'POST', data: { reason } })

/** Uploads one material (photo or PDF) and answers its id; a failure is shown and thrown. */
export async function uploadMaterial(filePath: string, label: string): Promise<string> {
  try {
    const data = await uploadFileTo<{ material?: { id?: string } }>(withQuery(`${BASE}/materials`, { label }), filePath)
    if (data?.material?.id) return data.material.id
    throw new ApiError('BAD_RESPONSE', MESSAGE_UNKNOWN)
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError('CLIENT_ERROR', MESSAGE_UNKNOWN)
    showErrorToast(error.message)
    throw error
  }
}

/** 监督举报 (server/src/modules/assistance/reports.ts). */
export { ASSISTANCE_REPORT_CATEGORIES, type AssistanceReportCategory } from '@minzheng/contracts'
export interface MyReport {
  id: number
  number: string
  caseNumber: string | null
  divisionCode: string
  category: string
  categoryName: string
  subject: string
  content: string
  status: 'submitted' | 'handling' | 'closed'
  statusName: string
  result: string | null
  handledAt: string | null
  submittedAt: string
}
export interface ReportInput {
  category: string
  caseNumber?: string
  divisionCode?: string
  subject: string
  content: string
  materialIds: string[]
}
export const myReports = () => api<{ items: MyReport[] }>(`${BASE}/reports`, { toast: false })
export const submitReport = (input: ReportInput) =>
  api<{ report: MyReport }>(`${BASE}/reports`, { method: 'POST', data: input, toast: false })

export const yuan = (cents: number | null) => (cents === null ? '—' : `${(cents / 100).toFixed(cents % 100 ? 2 : 0)}元`)

/** The draft of the application form, kept on the phone between visits. */
const DRAFT_KEY = 'mz.assistance.draft'
export const drafts = {
  load<T>(): T | null {
    try {
      const raw = Taro.getStorageSync(DRAFT_KEY)
      return raw ? (raw as T) : null
    } catch {
      return null
    }
  },
  save(draft: unknown) {
    try {
      Taro.setStorageSync(DRAFT_KEY, draft)
    } catch {
      // storage full: the form still works, it just is not kept
    }
  },
  clear() {
    try {
      Taro.removeStorageSync(DRAFT_KEY)
    } catch {
      // nothing to clear
    }
  }
}
