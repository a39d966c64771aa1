import type { NeedCategory, SocialWorkerLevel, SocialWorkProjectView } from '@minzheng/contracts';
import { api } from '../../app/api';

/** 社会工作 as staff see it (server: modules/social-work). */
export interface Reminder {
  kind: 'first_registration' | 're_registration' | 'hours';
  dueOn: string;
  daysLeft: number;
  message: string;
}
export interface Worker {
  id: number;
  name: string;
  level: SocialWorkerLevel;
  levelName: string;
  divisionCode: string;
  staffId: number | null;
  orgUscc: string | null;
  certificateNo: string;
  certifiedOn: string;
  registeredOn: string | null;
  registrationDueOn: string;
  hoursInPeriod: number;
  hoursRequired: number;
  stationId: number | null;
  stationName: string | null;
  reminders: Reminder[];
}
export interface Station {
  id: number;
  name: string;
  divisionCode: string;
  address: string;
  phone: string;
  officeHours: string;
  description: string;
  services: NeedCategory[];
  serviceNames: string[];
  workerCount: number;
  certifiedCount: number;
  orgUscc: string | null;
  orgName: string | null;
  lat: number | null;
  lng: number | null;
}
export interface ServiceOrg {
  id: number;
  name: string;
  uscc: string;
  divisionCode: string;
}
/** What the worker form sends (POST on register, PATCH on edit). */
export interface WorkerInput {
  name: string;
  level: SocialWorkerLevel;
  certificateNo: string;
  certifiedOn: string;
  registeredOn?: string;
  divisionCode: string;
  stationId?: number | null;
  orgUscc?: string | null;
  staffId?: number | null;
}
export type StationInput = Omit<Station, 'id' | 'serviceNames' | 'workerCount' | 'certifiedCount' | 'orgName'>;

export interface HelpRequest {
  id: number;
  number: string;
  categoryName: string;
  status: string;
  statusName: string;
  stationId: number;
  stationName: string;
  workerId: number | null;
  workerName: string | null;
  description: string;
  contactName: string;
  phone: string;
  createdAt: string;
  rating: number | null;
}
export interface ServiceRecord {
  id: number;
  requestId: number;
  kindName: string;
  content: string;
  servedOn: string;
  status: string;
  reviewReason: string | null;
  workerName: string;
  requestNumber: string;
  categoryName: string;
  stationName: string;
}
export interface Statistics {
  stations: { stationId: number; stationName: string; total: number; closed: number; averageRating: number | null }[];
  categories: { category: string; name: string; count: number }[];
  totals: { requests: number; closed: number; rated: number };
}

export const socialWorkKeys = {
  all: ['social-work'] as const,
  workers: (due: boolean) => ['social-work', 'workers', due] as const,
  stations: () => ['social-work', 'stations'] as const,
  orgs: () => ['social-work', 'orgs'] as const,
  inbox: (status?: string) => ['social-work', 'inbox', status ?? 'all'] as const,
  records: (status: string) => ['social-work', 'records', status] as const,
  statistics: () => ['social-work', 'statistics'] as const,
  projects: () => ['social-work', 'projects'] as const,
};

/** POST /api/staff/social-work/projects: what the officer enters once; listed publicly. */
export interface ProjectInput {
  title: string;
  divisionCode: string;
  category: NeedCategory;
  stationId?: number;
  orgUscc?: string;
  goals: string;
  results?: string;
  startsOn: string;
  endsOn?: string;
}

export const socialWorkApi = {
  workers: (due: boolean) => api<{ items: Worker[] }>(`/api/staff/social-work/workers${due ? '?due=true' : ''}`),
  registerWorker: (body: WorkerInput) =>
    api<{ worker: Worker }>('/api/staff/social-work/workers', { method: 'POST', body }),
  updateWorker: (id: number, body: Partial<WorkerInput>) =>
    api<{ worker: Worker }>(`/api/staff/social-work/workers/${id}`, { method: 'PATCH', body }),
  recordRegistration: (id: number, registeredOn: string) =>
    api<{ worker: Worker }>(`/api/staff/social-work/workers/${id}/registration`, {
      method: 'POST',
      body: { registeredOn },
    }),
  addTraining: (id: number, body: { hours: number; course: string; completedOn: string }) =>
    api<{ worker: Worker }>(`/api/staff/social-work/workers/${id}/training`, { method: 'POST', body }),
  stations: () => api<{ items: Station[] }>('/api/staff/social-work/stations'),
  createStation: (body: StationInput) =>
    api<{ station: Station }>('/api/staff/social-work/stations', { method: 'POST', body }),
  updateStation: (id: number, body: Partial<StationInput>) =>
    api<{ station: Station }>(`/api/staff/social-work/stations/${id}`, { method: 'PATCH', body }),
  orgs: () => api<{ items: ServiceOrg[] }>('/api/staff/social-work/orgs'),
  registerOrg: (uscc: string) =>
    api<{ org: ServiceOrg }>('/api/staff/social-work/orgs', { method: 'POST', body: { uscc } }),
  inbox: (status?: string) =>
    api<{ items: HelpRequest[] }>(`/api/staff/social-work/requests${status ? `?status=${status}` : ''}`),
  assign: (requestId: number, workerId: number) =>
    api(`/api/staff/social-work/requests/${requestId}/assign`, { method: 'POST', body: { workerId } }),
  records: (status: string) => api<{ items: ServiceRecord[] }>(`/api/staff/social-work/records?status=${status}`),
  approve: (id: number) => api(`/api/staff/social-work/records/${id}/approve`, { method: 'POST', body: {} }),
  reject: (id: number, reason: string) =>
    api(`/api/staff/social-work/records/${id}/reject`, { method: 'POST', body: { reason } }),
  statistics: () => api<Statistics>('/api/staff/social-work/statistics'),
  projects: () => api<{ items: SocialWorkProjectView[] }>('/api/staff/social-work/projects'),
  createProject: (body: ProjectInput) =>
    api<{ project: SocialWorkProjectView }>('/api/staff/social-work/projects', { method: 'POST', body }),
  updateProjectResults: (id: number, results: string) =>
    api<{ project: SocialWorkProjectView }>(`/api/staff/social-work/projects/${id}`, {
      method: 'PATCH',
      body: { results },
    }),
};

export const beijing = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
