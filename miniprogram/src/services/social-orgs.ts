import { ApiError, MESSAGE_UNKNOWN } from './errors'
import { api, showErrorToast, withQuery } from './request'
import { uploadFileTo } from './upload'

/** Shapes of GET/POST /api/social-orgs… (server/src/modules/social-orgs/views.ts). */
export type OrgType = 'social_group' | 'social_service' | 'foundation'
export type OrgStatus = 'active' | 'revoked' | 'deregistered'
export type CreditStatus = 'normal' | 'abnormal' | 'serious'
export type ComplaintStatus = 'submitted' | 'accepted' | 'answered' | 'rejected'

export const ORG_TYPES: Record<OrgType, string> = {
  social_group: '社会团体',
  social_service: '社会服务机构',
  foundation: '基金会'
}
export const ORG_STATUSES: Record<OrgStatus, string> = { active: '正常', revoked: '撤销', deregistered: '注销' }
export const CREDIT_STATUSES: Record<CreditStatus, string> = {
  normal: '正常',
  abnormal: '活动异常',
  serious: '严重违法失信'
}
export const COMPLAINT_CATEGORIES = {
  unregistered: '未经登记擅自开展活动',
  fees: '违规收费或强制入会',
  fundraising: '违规募捐或集资',
  fraud: '虚假宣传或诈骗',
  governance: '内部治理混乱',
  other: '其他'
} as const
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES

export interface OrgListItem {
  uscc: string
  name: string
  type: OrgType
  typeName: string
  divisionCode: string
  divisionName: string
  authority: string
  status: OrgStatus
  statusName: string
  creditStatus: CreditStatus
  creditStatusName: string
  registeredAt: string
}

export interface IllegalMatch {
  id: number
  name: string
  authority: string
  publishedAt: string
  source: string | null
}

export interface SearchAnswer {
  items: OrgListItem[]
  total: number
  page?: number
  pageSize?: number
  /** present when the words match a published suspected illegal organization */
  warning?: { message: string; matches: IllegalMatch[] }
}

export interface SearchFilters {
  q?: string
  type?: OrgType
  status?: OrgStatus
  credit?: CreditStatus
  /** division prefix: 2, 4 or 6 digits */
  division?: string
  page?: number
  pageSize?: number
}

export interface CreditEntry {
  id: number
  list: 'abnormal' | 'serious'
  listName: string
  reasonCategory: string
  reasonCategoryName: string
  reason: string | null
  decisionNo: string
  authority: string
  dateIn: string
  correctionRequired: boolean
  dateOut: string | null
  reasonOut: string | null
}

export interface Inspection {
  year: number
  kind: string
  kindName: string
  result: 'qualified' | 'basic' | 'unqualified' | string
  resultName: string
  remark: string | null
}

export interface Penalty {
  decisionNo: string
  authority: string
  date: string
  kind: string
  reason: string
  amount: number | null
}

export interface Rating {
  level: number
  label: string
  validFrom: string
  validTo: string
  authority: string
  valid: boolean
}

export interface OrgProfile {
  org: OrgListItem & {
    authorityLevel: string
    authorityLevelName: string
    supervisor: string | null
    legalRepresentative: string
    registeredCapital: number | null
    address: string
    businessScope: string | null
    certificate: { validFrom: string | null; validTo: string | null }
  }
  asOf: string
  creditStatus: CreditStatus
  creditStatusName: string
  creditHistory: CreditEntry[]
  inspections: Inspection[]
  penalties: Penalty[]
  rating: Rating | null
  ratingHistory: Rating[]
}

export interface ComplaintProgress {
  status: ComplaintStatus
  statusName: string
  note: string | null
  at: string
}

export interface Complaint {
  trackingNo: string
  targetType: 'org' | 'illegal' | 'other'
  targetName: string
  category: ComplaintCategory
  categoryName: string
  content: string
  anonymous: boolean
  contactPhone: string | null
  status: ComplaintStatus
  statusName: string
  answer: string | null
  rejectReason: string | null
  submittedAt: string
  progress: ComplaintProgress[]
  images: { id: string; mime: string; size: number }[]
}

export interface ComplaintListItem {
  trackingNo: string
  targetName: string
  category: ComplaintCategory
  status: ComplaintStatus
  statusName: string
  submittedAt: string
}

export type ComplaintTarget = { uscc: string } | { illegalOrgId: number }

export interface ComplaintInput {
  target: ComplaintTarget
  category: ComplaintCategory
  content: string
  images: string[]
  anonymous: boolean
  contact?: { name?: string; phone: string }
  idempotencyKey: string
}

const BASE = '/api/social-orgs'

/** Search by credit code or name fragment; errors come back to the page (no toast) to show inline. */
export function searchOrgs(filters: SearchFilters): Promise<SearchAnswer> {
  return api<SearchAnswer>(withQuery(BASE, { ...filters }), { auth: false, toast: false })
}

export function getOrg(uscc: string): Promise<OrgProfile> {
  return api<OrgProfile>(`${BASE}/${encodeURIComponent(uscc)}`, { auth: false, toast: false })
}

export async function followStatus(uscc: string): Promise<boolean> {
  const { following } = await api<{ following: boolean }>(`${BASE}/${encodeURIComponent(uscc)}/follow`, {
    toast: false
  })
  return following
}

export async function setFollowing(uscc: string, follow: boolean): Promise<boolean> {
  const { following } = await api<{ following: boolean }>(`${BASE}/${encodeURIComponent(uscc)}/follow`, {
    method: follow ? 'PUT' : 'DELETE'
  })
  return following
}

/** POST /complaints: 201 new, 200 when the idempotency key replays an earlier submission. */
export function submitComplaint(input: ComplaintInput): Promise<{ complaint: Complaint; replayed: boolean }> {
  return api(`${BASE}/complaints`, { method: 'POST', data: input })
}

export function myComplaints(page = 1, pageSize = 20): Promise<{ items: ComplaintListItem[]; total: number }> {
  return api(withQuery(`${BASE}/complaints`, { page, pageSize }))
}

export async function getComplaint(trackingNo: string): Promise<Complaint> {
  const { complaint } = await api<{ complaint: Complaint }>(`${BASE}/complaints/${encodeURIComponent(trackingNo)}`, {
    toast: false
  })
  return complaint
}

/**
 * One evidence photo as multipart/form-data (field `file`), the way wx.uploadFile sends it;
 * answers the image id the complaint names. A failure is shown and thrown.
 */
export async function uploadComplaintImage(filePath: string): Promise<string> {
  try {
    const data = await uploadFileTo<{ image?: { id?: string } }>(`${BASE}/complaint-images`, filePath)
    if (data?.image?.id) return data.image.id
    throw new ApiError('BAD_RESPONSE', MESSAGE_UNKNOWN)
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError('CLIENT_ERROR', MESSAGE_UNKNOWN)
    showErrorToast(error.message)
    throw error
  }
}

/** An idempotency key for one complaint form: [A-Za-z0-9_-]{8,64} as the server asks. */
export function newIdempotencyKey(): string {
  let s = 'c'
  for (let i = 0; i < 3; i++) s += Math.random().toString(36).slice(2, 10)
  return `${s}${Date.now().toString(36)}`.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)
}

/** 我的关注: the organizations the citizen follows, newest first. */
export function myFollowing(pageSize = 50): Promise<{ items: OrgListItem[]; total: number }> {
  return api<{ items: OrgListItem[]; total: number }>(withQuery(`${BASE}/following`, { page: 1, pageSize }))
}
