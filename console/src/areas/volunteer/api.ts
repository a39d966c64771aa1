import { api } from '../../app/api';

/** 志愿服务 as organizers see it (server: modules/volunteer). */
export interface Activity {
  id: number;
  title: string;
  typeName: string;
  org: { id: number; name: string } | null;
  quota: number;
  placesLeft: number;
  address: string;
  startsAt: string;
  endsAt: string;
  status: string;
  statusName: string;
}
export interface Signup {
  id: number;
  status: string;
  statusName: string;
  reason: string | null;
  volunteer: { number: string; name: string };
}
export interface Attendance {
  id: number;
  status: string;
  statusName: string;
  signedInAt: string;
  signedOutAt: string | null;
  minutes: number | null;
  flagNames: string[];
  needsReview: boolean;
  reviewReason: string | null;
  volunteer: { number: string; name: string };
}
export interface Org {
  id: number;
  name: string;
  confirmedHours: number;
  manualShare: number;
  manualFlagged: boolean;
}

export const volunteerKeys = {
  all: ['volunteer'] as const,
  activities: () => ['volunteer', 'activities'] as const,
  activity: (id: number) => ['volunteer', 'activity', id] as const,
};

export const volunteerApi = {
  orgs: () => api<{ items: Org[] }>('/api/staff/volunteer/orgs'),
  activities: () => api<{ items: Activity[] }>('/api/staff/volunteer/activities'),
  activity: (id: number) => api<{ activity: Activity }>(`/api/staff/volunteer/activities/${id}`),
  create: (body: Record<string, unknown>) =>
    api<{ activity: Activity }>('/api/staff/volunteer/activities', { method: 'POST', body }),
  transition: (id: number, action: string, reason?: string) =>
    api(`/api/staff/volunteer/activities/${id}/${action}`, { method: 'POST', body: reason ? { reason } : {} }),
  signups: (id: number) => api<{ items: Signup[] }>(`/api/staff/volunteer/activities/${id}/signups`),
  decide: (signupId: number, decision: 'approve' | 'reject', reason?: string) =>
    api(`/api/staff/volunteer/signups/${signupId}/${decision}`, { method: 'POST', body: reason ? { reason } : {} }),
  attendance: (id: number) => api<{ items: Attendance[] }>(`/api/staff/volunteer/activities/${id}/attendance`),
  confirm: (attendanceId: number, reason?: string) =>
    api(`/api/staff/volunteer/attendance/${attendanceId}/confirm`, { method: 'POST', body: reason ? { reason } : {} }),
  reject: (attendanceId: number, reason: string) =>
    api(`/api/staff/volunteer/attendance/${attendanceId}/reject`, { method: 'POST', body: { reason } }),
  code: (id: number) =>
    api<{ code: string; version: number; expiresAt: string; refreshInSeconds: number; qr: string }>(
      `/api/staff/volunteer/activities/${id}/code`,
    ),
};

export { beijingTime as beijing } from '../../app/beijing';
