import type { ScanRequest } from '@minzheng/contracts'
import { api, withQuery } from './request'

/** Shapes of /api/volunteer… (server/src/modules/volunteer; enums and labels in @minzheng/contracts). */
export {
  STAR_THRESHOLDS_HOURS,
  VOLUNTEER_SERVICE_TYPE_NAMES,
  VOLUNTEER_SERVICE_TYPES,
  type VolunteerServiceType
} from '@minzheng/contracts'

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
  statusName: string
  purpose: string
}

export async function searchActivities(query: {
  type?: string
  lat?: number
  lng?: number
  withinKm?: number
}): Promise<ActivityView[]> {
  return (
    await api<{ items: ActivityView[] }>(withQuery('/api/volunteer/activities', query), { auth: false, toast: false })
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

/** 2026-12-20 09:00 in Beijing time, for people. */
export function beijingText(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
