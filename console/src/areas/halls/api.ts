import { api } from '../../app/api';
import type { DeskBookingView, MaskedPerson } from '@minzheng/contracts';

/** What the halls area reads and writes (server: modules/halls, bookings, queue). */
export type Sessions = [string, string][];

export interface Hall {
  id: number;
  name: string;
  divisionCode: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  hours: Sessions;
  closedWeekdays: number[];
  queuePrefixes: Record<string, string> | null;
  intro: string | null;
  active: boolean;
}
export interface HallWindow {
  number: string;
  name: string;
  serviceCodes: string[];
  priorityLane: boolean;
}

/** A person on the desk, masked by the server (@minzheng/contracts). */
export type Person = MaskedPerson;
/** One of the day's bookings (@minzheng/contracts: a renamed field or status fails this build). */
export type DeskBooking = DeskBookingView;
export interface CheckInResult {
  code: string;
  status: 'checked_in';
  ticket: { id: number; label: string };
  booker: Person | null;
  partner: Person | null;
}
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'skipped' | 'cancelled' | 'expired';
export interface QueueItem {
  id: number;
  label: string;
  serviceCode: string;
  lane: 'booked' | 'priority' | 'normal';
  status: TicketStatus;
  windowNumber: string | null;
  callCount: number;
}
export interface TicketView {
  id: number;
  label: string;
  serviceName: string;
  status: TicketStatus;
  windowNumber: string | null;
}
export interface DayView {
  date: string;
  open: boolean;
  sessions: Sessions;
  kind: 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';
  note: string;
  festival?: string;
  published: boolean;
  override: boolean;
}
export interface DayOverride {
  date: string;
  open: boolean;
  hours?: Sessions | null;
  note?: string | null;
}
export interface EntryCode {
  id: number;
  scene: string;
  windowNumber: string | null;
  serviceCode: string | null;
  withdrawn: boolean;
  createdAt: string;
}
export interface ServiceItem {
  code: string;
  name: string;
}
export interface DisplayBoard {
  hall: { id: number; name: string };
  windows: { number: string; name: string; current: { label: string; status: TicketStatus } | null }[];
  calling: { label: string; windowNumber: string | null; status: TicketStatus }[];
  services: { serviceCode: string; serviceName: string; waiting: number }[];
  at: string;
}

const staffHall = (id: number) => `/api/staff/halls/${id}`;

export const hallsApi = {
  list: () => api<{ items: Hall[] }>('/api/staff/halls'),
  get: (id: number) => api<{ hall: Hall; windows: HallWindow[] }>(staffHall(id)),
  update: (id: number, changes: Partial<Hall>) =>
    api<{ hall: Hall }>(staffHall(id), { method: 'PATCH', body: changes }),
  setWindows: (id: number, windows: HallWindow[]) =>
    api<{ hall: Hall; windows: HallWindow[] }>(`${staffHall(id)}/windows`, { method: 'PUT', body: { windows } }),
  /** The public calendar: the national calendar, the hall's weekly closures and its overrides. */
  calendar: (id: number, from: string, days: number) =>
    api<{ days: DayView[] }>(`/api/halls/${id}/calendar`, { query: { from, days } }),
  setDays: (id: number, days: DayOverride[]) => api(`${staffHall(id)}/days`, { method: 'PUT', body: { days } }),
  clearDay: (id: number, date: string) => api(`${staffHall(id)}/days/${date}`, { method: 'DELETE' }),
  entryCodes: (id: number) => api<{ items: EntryCode[] }>(`${staffHall(id)}/entry-codes`),
  createEntryCode: (id: number, body: { windowNumber?: string; serviceCode?: string }) =>
    api<{ entryCode: EntryCode }>(`${staffHall(id)}/entry-codes`, { method: 'POST', body }),
  withdrawEntryCode: (id: number, entryId: number) =>
    api(`${staffHall(id)}/entry-codes/${entryId}/withdraw`, { method: 'POST' }),
  displayToken: (id: number) => api<{ set: boolean; setAt: string | null }>(`${staffHall(id)}/display-token`),
  rotateDisplayToken: (id: number) =>
    api<{ token: string; setAt: string }>(`${staffHall(id)}/display-token`, { method: 'POST' }),
  withdrawDisplayToken: (id: number) => api(`${staffHall(id)}/display-token`, { method: 'DELETE' }),
  services: () => api<{ items: ServiceItem[] }>('/api/services'),

  bookings: (id: number, date: string) =>
    api<{ date: string; items: DeskBooking[] }>(`${staffHall(id)}/bookings`, { query: { date } }),
  checkIn: (id: number, code: string) =>
    api<CheckInResult>(`${staffHall(id)}/check-ins`, { method: 'POST', body: { code } }),
  noShow: (id: number, code: string) => api(`${staffHall(id)}/bookings/${code}/no-show`, { method: 'POST' }),
  complete: (id: number, code: string) => api(`${staffHall(id)}/bookings/${code}/complete`, { method: 'POST' }),

  queue: (id: number) => api<{ items: QueueItem[] }>(`${staffHall(id)}/queue`),
  issueTicket: (id: number, serviceCode: string, priority: boolean) =>
    api<{ ticket: TicketView }>(`${staffHall(id)}/queue/tickets`, { method: 'POST', body: { serviceCode, priority } }),
  callNext: (id: number, windowNumber: string) =>
    api<{ ticket: TicketView | null; message?: string }>(`${staffHall(id)}/windows/${windowNumber}/call-next`, {
      method: 'POST',
    }),
  ticketAction: (id: number, ticketId: number, action: 'recall' | 'serve' | 'done' | 'skip') =>
    api<{ ticket: TicketView }>(`${staffHall(id)}/queue/tickets/${ticketId}/${action}`, { method: 'POST' }),
};

export const hallKeys = {
  list: ['halls'] as const,
  one: (id: number) => ['halls', id] as const,
  bookings: (id: number, date: string) => ['halls', id, 'bookings', date] as const,
  queue: (id: number) => ['halls', id, 'queue'] as const,
  calendar: (id: number, from: string) => ['halls', id, 'calendar', from] as const,
  entryCodes: (id: number) => ['halls', id, 'entry-codes'] as const,
  displayToken: (id: number) => ['halls', id, 'display-token'] as const,
  services: ['services'] as const,
};
