import type {
  HelpRequestInput,
  MyHelpRequestView,
  ServiceComplaintReason,
  SocialWorkProjectView,
  SocialWorkStationView
} from '@minzheng/contracts'
import { api, withQuery } from './request'

/** Shapes of /api/social-work… (server/src/modules/social-work; enums and labels in @minzheng/contracts). */
export {
  NEED_CATEGORIES,
  NEED_CATEGORY_NAMES,
  type HelpRequestInput,
  type MyHelpRequestView,
  type NeedCategory,
  type SocialWorkProjectView,
  type SocialWorkStationView
} from '@minzheng/contracts'

export interface StationPage extends SocialWorkStationView {
  operator: { name: string; uscc: string } | null
  workers: { id: number; name: string; levelName: string; registered: boolean }[]
  projects: { id: number; title: string; startsOn: string }[]
}

export async function stations(query: { division?: string; category?: string; lat?: number; lng?: number }) {
  return (
    await api<{ items: SocialWorkStationView[] }>(withQuery('/api/social-work/stations', query), {
      auth: false,
      toast: false
    })
  ).items
}

export async function station(id: number): Promise<StationPage> {
  return (await api<{ station: StationPage }>(`/api/social-work/stations/${id}`, { auth: false, toast: false })).station
}

export async function projects(query: { division?: string } = {}) {
  return (
    await api<{ items: SocialWorkProjectView[] }>(withQuery('/api/social-work/projects', query), {
      auth: false,
      toast: false
    })
  ).items
}

export async function askForHelp(body: HelpRequestInput): Promise<MyHelpRequestView> {
  return (
    await api<{ request: MyHelpRequestView }>('/api/social-work/requests', { method: 'POST', data: body, toast: false })
  ).request
}

export async function myRequests(): Promise<MyHelpRequestView[]> {
  return (await api<{ items: MyHelpRequestView[] }>('/api/social-work/me/requests', { toast: false })).items
}

export async function rate(id: number, rating: number, comment: string): Promise<MyHelpRequestView> {
  return (
    await api<{ request: MyHelpRequestView }>(`/api/social-work/me/requests/${id}/rating`, {
      method: 'POST',
      data: { rating, comment },
      toast: false
    })
  ).request
}

export {
  SERVICE_COMPLAINT_REASONS,
  SERVICE_COMPLAINT_REASON_NAMES,
  type ServiceComplaintReason
} from '@minzheng/contracts'

/**
 * A complaint about the service of one of my requests. It goes into the same complaint flow as
 * complaints about organizations (我的投诉, its notices), so the answer is that complaint.
 */
export async function complain(
  id: number,
  body: { reason: ServiceComplaintReason; content: string; idempotencyKey: string }
): Promise<{ trackingNo: string }> {
  return (
    await api<{ complaint: { trackingNo: string } }>(`/api/social-work/me/requests/${id}/complaint`, {
      method: 'POST',
      data: body,
      toast: false
    })
  ).complaint
}
