import { api } from '../../app/api';

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

export const hallsApi = {
  list: () => api<{ items: Hall[] }>('/api/staff/halls'),
  get: (id: number) => api<{ hall: Hall; windows: HallWindow[] }>(`/api/staff/halls/${id}`),
};

export const hallKeys = {
  list: ['halls'] as const,
  one: (id: number) => ['halls', id] as const,
};
