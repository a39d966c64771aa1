import type { ScanRequest, VolunteerActivityListItem } from '@minzheng/contracts'
import Taro from '@tarojs/taro'
import { ApiError, MESSAGE_NETWORK } from './errors'
import { API_BASE, api, withQuery } from './request'
import { tokenStore } from './token'

/** Shapes of /api/volunteer… (server/src/modules/volunteer; enums and labels in @minzheng/contracts). */
export {
  STAR_THRESHOLDS_HOURS,
  VOLUNTEER_SERVICE_TYPE_NAMES,
  VOLUNTEER_SERVICE_TYPES,
  type VolunteerServiceType
} from '@minzheng/contracts'

/** One activity as the search lists it (its page has the rest: ActivityView). */
export type ActivityListItem = VolunteerActivityListItem

export interface ActivityView {
  id: number
  title: string
  type: string
  typeName: string
  org: { id: number; name: string; contact: string } | null
  description: string
  tasks: string
  requirements: string
  risks: string
  insurance: boolean
  quota: number
  placesLeft: number
  address: string
  /** where it takes place (GCJ-02, as WeChat's map takes it) */
  lat: number
  lng: number
  startsAt: string
  endsAt: string
  signupDeadline: string
  status: string
  statusName: string
  distanceM?: number
}

export interface SignupView {
  id: number
  status: string
  statusName: string
  reason: string | null
}

export interface AttendanceView {
  id: number
  status: string
  statusName: string
  signedInAt: string
  signedOutAt: string | null
  minutes: number | null
  flagNames: string[]
  needsReview: boolean
}

export interface VolunteerProfile {
  number: string
  name: string
  idNumber: string
}

export interface LedgerEntryView {
  id: number
  activityTitle: string
  kindName: string
  manual: boolean
  hours: number
  startAt: string
  reason: string | null
}

export interface RecordView {
  volunteer: VolunteerProfile
  approvedHours: number
  manualHours: number
  star: number
  activities: { activity: ActivityView | null; signup: SignupView; attendance: AttendanceView | null }[]
  entries: LedgerEntryView[]
}

export interface CertificateView {
  id: number
  number: string | null
  status: 'requested' | 'issued' | 'revoked'
  statusName: string
  purpose: string
  revokeReason: string | null
}

export interface OrgView {
  id: number
  name: string
  divisionCode: string
  contact: string
}

export interface MembershipView {
  id: number
  orgId: number
  orgName: string
  status: 'pending' | 'approved' | 'refused' | 'left'
  statusName: string
  note: string | null
  reason: string | null
}

export async function searchActivities(query: {
  /** a division's code, or its prefix (divisionPrefix in contracts): activities there and below */
  division?: string
  /** 'YYYY-MM-DD', a Beijing day the activity runs on */
  date?: string
  type?: string
  lat?: number
  lng?: number
  withinKm?: number
  /** only activities one can still sign up for with places left (sent as openOnly=true) */
  openOnly?: boolean
}): Promise<ActivityListItem[]> {
  const { openOnly, ...rest } = query
  return (
    await api<{ items: ActivityListItem[] }>(
      withQuery('/api/volunteer/activities', { ...rest, openOnly: openOnly ? 'true' : undefined }),
      {
        auth: false,
        toast: false
      }
    )
  ).items
}

export async function activity(id: number): Promise<ActivityView> {
  return (await api<{ activity: ActivityView }>(`/api/volunteer/activities/${id}`, { auth: false, toast: false }))
    .activity
}

export function myVolunteer(): Promise<{ volunteer: VolunteerProfile | null }> {
  return api('/api/volunteer/me', { toast: false })
}

export function register(): Promise<{ volunteer: VolunteerProfile }> {
  return api('/api/volunteer/me', { method: 'POST', data: {}, toast: false })
}

export function myStatus(id: number): Promise<{ signup: SignupView | null; attendance: AttendanceView | null }> {
  return api(`/api/volunteer/me/activities/${id}`, { toast: false })
}

export function signUp(id: number): Promise<{ signup: SignupView }> {
  return api(`/api/volunteer/activities/${id}/signup`, { method: 'POST', toast: false })
}

export function cancelSignup(id: number): Promise<{ signup: SignupView }> {
  return api(`/api/volunteer/activities/${id}/signup/cancel`, { method: 'POST', toast: false })
}

export function scan(body: ScanRequest & { activityId?: number }): Promise<{ attendance: AttendanceView }> {
  return api('/api/volunteer/scan', { method: 'POST', data: body, toast: false })
}

export function myRecord(): Promise<RecordView> {
  return api('/api/volunteer/me/record', { toast: false })
}

export async function myCertificates(): Promise<CertificateView[]> {
  return (await api<{ items: CertificateView[] }>('/api/volunteer/me/certificates', { toast: false })).items
}

export function requestCertificate(orgId: number, purpose: string) {
  return api('/api/volunteer/me/certificates', { method: 'POST', data: { orgId, purpose }, toast: false })
}

/** Organizations one may apply to join (public). */
export async function publicOrgs(divisionCode?: string): Promise<OrgView[]> {
  return (
    await api<{ items: OrgView[] }>(withQuery('/api/volunteer/orgs', { divisionCode }), { auth: false, toast: false })
  ).items
}

export async function myOrgs(): Promise<MembershipView[]> {
  return (await api<{ items: MembershipView[] }>('/api/volunteer/me/orgs', { toast: false })).items
}

export function joinOrg(orgId: number, note?: string): Promise<{ member: MembershipView }> {
  return api(`/api/volunteer/orgs/${orgId}/join`, { method: 'POST', data: note ? { note } : {}, toast: false })
}

const pdfPath = (id: number) => `/api/volunteer/me/certificates/${id}/pdf`

/**
 * My certificate's PDF. WeChat: downloaded to a temporary file (with the session token) and
 * opened in WeChat's document viewer, where it can be saved or forwarded. H5: fetched and
 * returned as a local link the page shows. A refusal carries the server's Chinese message.
 */
export async function openCertificatePdf(id: number): Promise<{ link: string } | null> {
  const token = tokenStore.get()
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url: API_BASE + pdfPath(id), header }).catch(() => null)
    if (!res) throw new ApiError('NETWORK_ERROR', MESSAGE_NETWORK)
    if (res.statusCode !== 200)
      throw new ApiError(`HTTP_${res.statusCode}`, '证明暂时无法下载，请稍后再试', res.statusCode)
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true })
    return null
  }
  const res = await fetch(API_BASE + pdfPath(id), { headers: header }).catch(() => null)
  if (!res) throw new ApiError('NETWORK_ERROR', MESSAGE_NETWORK)
  if (!res.ok) {
    const body = await res.json().catch(() => null)
    throw new ApiError(
      body?.error?.code ?? `HTTP_${res.status}`,
      body?.error?.message ?? '证明暂时无法下载，请稍后再试',
      res.status
    )
  }
  return { link: URL.createObjectURL(await res.blob()) }
}

/** 2026-12-20 09:00 in Beijing time, for people. */
export function beijingText(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
