import type { BookingView, BookRequest } from '@minzheng/contracts'
import { api, withQuery } from './request'

/** Halls, the catalogue, bookings, the queue and the marriage knowledge base (server modules halls, catalogue, bookings, queue, marriage-kb). */

export interface OpenNow {
  open: boolean
  text: string
  until?: string
  opensAt?: string
}
export interface HallSummary {
  id: number
  name: string
  divisionCode: string
  divisionName: string
  address: string
  location: { latitude: number; longitude: number } | null
  phone: string | null
  hoursText: string
  now: OpenNow
  distanceKm?: number
}
export interface ServiceSummary {
  code: string
  name: string
  area: string
  areaName: string
  type: string
  bookable: boolean
  visits: number
  promisedLimit: string
  fee: string
}
export interface HallDetail extends HallSummary {
  intro: string | null
  hours: { sessions: [string, string][]; lunchBreak: [string, string] | null; text: string }
  closedWeekdays: string[]
  today: { date: string; open: boolean; note: string }
  windows: Array<{
    number: string
    name: string
    priorityLane: boolean
    services: Array<{ code: string; name: string }>
  }>
  services: ServiceSummary[]
}
export interface Material {
  name: string
  source: string
  copies: number
  original: boolean
  format: string
  required: boolean
  note?: string
}
export interface ServiceItem extends ServiceSummary {
  basis: string
  agency: string
  conditions: string
  audience: string
  procedure: string[]
  materials: Material[]
  timeLimit: { statutory: string; promised: string }
  result: string
  channels: string[]
  visitsText: string
  crossRegion: string
  placeHours: string
  enquiry: string
  complaint: string
}
export interface SceneAnswer {
  hallId: number
  windowNumber: string | null
  serviceCode: string | null
  hall: HallDetail
}
export interface BookingOptions {
  hallId: number
  serviceCode: string
  serviceName: string
  twoParty: boolean
  rules: string[]
  noShowRule: string
}
export type DayStatus = 'open' | 'full' | 'closed' | 'unpublished' | 'not_open_yet' | 'past' | 'lottery'
export interface CalendarDay {
  date: string
  status: DayStatus
  note: string
  remaining: number
  rushDayId?: number
}
export interface Period {
  period: string
  start: string
  end: string
  capacity: number
  remaining: number
  available: boolean
}
/** A citizen's booking as the server sends it (@minzheng/contracts), with the QR image drawn here. */
export interface Booking extends BookingView {
  checkInQr?: string | null
}
export interface Invitation {
  hallName: string
  hallAddress: string
  serviceName: string
  date: string
  time: string
  inviter: string | null
  expiresAt: string
  materials: string
}
export interface Ticket {
  id: number
  label: string
  hallId: number
  hallName: string
  serviceCode: string
  serviceName: string
  lane: string
  status: string
  statusText: string
  windowNumber: string | null
  position: number
  ahead: number
  expectedWaitMinutes: number
}
export interface KnowledgeItem {
  id: string
  kind: 'article' | 'faq'
  title: string
  summary: string
  serviceCode: string | null
  body?: string
}

export const listHalls = (q: { service?: string; lat?: number; lng?: number } = {}) =>
  api<{ items: HallSummary[] }>(withQuery('/api/halls', q), { auth: false })
export const getHall = (id: number) => api<{ hall: HallDetail }>(`/api/halls/${id}`, { auth: false })
/** A scanned code; the server refuses scenes it did not make (SCENE_UNKNOWN) or withdrew (SCENE_WITHDRAWN). */
export const resolveScene = (scene: string) =>
  api<SceneAnswer>(`/api/scenes/${encodeURIComponent(scene)}`, { auth: false, toast: false })

export const searchServices = (q: { q?: string; area?: string }) =>
  api<{ items: ServiceSummary[] }>(withQuery('/api/services', q), { auth: false })
export const getService = (code: string) =>
  api<{ item: ServiceItem }>(`/api/services/${encodeURIComponent(code)}`, { auth: false })

export const bookingOptions = (hallId: number, serviceCode: string) =>
  api<BookingOptions>(withQuery('/api/bookings/options', { hallId, serviceCode }), { auth: false })
export const availability = (hallId: number, serviceCode: string) =>
  api<{ days: CalendarDay[] }>(withQuery('/api/bookings/availability', { hallId, serviceCode, days: 31 }), {
    auth: false
  })
export const periods = (hallId: number, serviceCode: string, date: string) =>
  api<{ periods: Period[]; note: string }>(withQuery('/api/bookings/periods', { hallId, serviceCode, date }), {
    auth: false
  })
export const book = (input: BookRequest) => api<{ booking: Booking }>('/api/bookings', { method: 'POST', data: input })
export const myBookings = () => api<{ items: Booking[] }>('/api/bookings/mine')
export const getBooking = (code: string) => api<{ booking: Booking }>(`/api/bookings/${code}`)
export const cancelBooking = (code: string) =>
  api<{ booking: Booking }>(`/api/bookings/${code}/cancel`, { method: 'POST' })
export const getInvitation = (code: string) =>
  api<{ invitation: Invitation }>(`/api/invitations/${code}`, { toast: false })
export const acceptInvitation = (code: string) =>
  api<{ booking: Booking }>(`/api/invitations/${code}/accept`, { method: 'POST' })

export const takeTicket = (input: { hallId: number; serviceCode: string; priority?: 'elderly' | 'disabled' }) =>
  api<{ ticket: Ticket }>('/api/queue/tickets', { method: 'POST', data: input })
export const cancelTicket = (id: number) =>
  api<{ ticket: Ticket }>(`/api/queue/tickets/${id}/cancel`, { method: 'POST' })
/** 我的取号: today's tickets, newest first. */
export const myTickets = () => api<{ items: Ticket[] }>('/api/queue/tickets/mine')
export const getTicket = (id: number) => api<{ ticket: Ticket }>(`/api/queue/tickets/${id}`, { toast: false })

export const searchKnowledge = (q: string) =>
  api<{ items: KnowledgeItem[] }>(withQuery('/api/marriage/knowledge', { q }), { auth: false })
export const getKnowledge = (id: string) =>
  api<{ entry: KnowledgeItem }>(`/api/marriage/knowledge/${id}`, { auth: false })

export const HALLS_ROOT = '/packages/halls/pages'
