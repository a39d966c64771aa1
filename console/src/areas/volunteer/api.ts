import type { VolunteerStats } from '@minzheng/contracts';
import { api, download } from '../../app/api';

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
  divisionCode: string;
  uscc: string | null;
  contact: string;
  confirmedHours: number;
  manualHours: number;
  manualShare: number;
  manualFlagged: boolean;
}

/** A volunteer applying to join an organization, or a member (name masked). */
export interface Member {
  id: number;
  orgId: number;
  status: 'pending' | 'approved' | 'refused' | 'left';
  statusName: string;
  note: string | null;
  reason: string | null;
  appliedAt: string;
  decidedAt: string | null;
  volunteer: { number: string; name: string; skills: string[] };
}

/** A credited entry of the hours ledger; 补录 is marked. */
export interface HoursEntry {
  id: number;
  kindName: string;
  manual: boolean;
  hours: number;
  startAt: string;
  endAt: string;
  reason: string | null;
  volunteer: { number: string; name: string };
}
export interface Certificate {
  id: number;
  number: string | null;
  status: 'requested' | 'issued' | 'revoked';
  statusName: string;
  purpose: string;
  requestedAt: string;
  revokeReason: string | null;
  volunteer: { number: string; name: string };
}
/** The form's fields as the server takes them (times as Beijing instants with +08:00). */
export interface ActivityInput {
  orgId?: number;
  title: string;
  type: string;
  divisionCode: string;
  description: string;
  tasks: string;
  requirements: string;
  risks: string;
  insurance: boolean;
  quota: number;
  address: string;
  lat: number;
  lng: number;
  radiusM: number;
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
}

export const volunteerKeys = {
  all: ['volunteer'] as const,
  activities: () => ['volunteer', 'activities'] as const,
  activity: (id: number) => ['volunteer', 'activity', id] as const,
};

export const volunteerApi = {
  orgs: () => api<{ items: Org[] }>('/api/staff/volunteer/orgs'),
  members: (orgId: number, status?: string) =>
    api<{ items: Member[] }>(`/api/staff/volunteer/orgs/${orgId}/members`, { query: { status } }),
  decideMember: (memberId: number, decision: 'approve' | 'refuse', reason?: string) =>
    api(`/api/staff/volunteer/members/${memberId}/${decision}`, { method: 'POST', body: reason ? { reason } : {} }),
  /** The activity's sign-up roster as an Excel file (names and ID numbers masked; audited). */
  roster: (activityId: number) =>
    download(`/api/staff/volunteer/activities/${activityId}/signups/export`, `volunteer-roster-${activityId}.xlsx`, {
      format: 'xlsx',
    }),
  registerOrg: (body: { name: string; divisionCode: string; contact: string; uscc?: string }) =>
    api<{ org: Org }>('/api/staff/volunteer/orgs', { method: 'POST', body }),
  update: (id: number, body: Partial<ActivityInput>) =>
    api<{ activity: Activity }>(`/api/staff/volunteer/activities/${id}`, { method: 'PATCH', body }),
  hours: (id: number) => api<{ items: HoursEntry[] }>(`/api/staff/volunteer/activities/${id}/hours`),
  manualHours: (id: number, body: { volunteerNumber: string; startAt: string; endAt: string; reason: string }) =>
    api(`/api/staff/volunteer/activities/${id}/manual-hours`, { method: 'POST', body }),
  certificates: (status?: string) =>
    api<{ items: Certificate[] }>('/api/staff/volunteer/certificates', { query: { status } }),
  issue: (id: number) => api(`/api/staff/volunteer/certificates/${id}/issue`, { method: 'POST' }),
  revoke: (id: number, reason: string) =>
    api(`/api/staff/volunteer/certificates/${id}/revoke`, { method: 'POST', body: { reason } }),
  pdf: (c: Certificate) => download(`/api/staff/volunteer/certificates/${c.id}/pdf`, `${c.number}.pdf`),
  stats: (query: { from?: string; to?: string; divisionCode?: string }) =>
    api<VolunteerStats>('/api/staff/volunteer/stats', { query }),
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

/** 「2026-12-20 09:00」 typed in the form, read as Beijing time → 2026-12-20T09:00:00+08:00. */
export const BEIJING_INPUT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;
export const fromBeijingInput = (text: string) => {
  const m = BEIJING_INPUT.exec(text.trim());
  return m ? `${m[1]}T${m[2]}:00+08:00` : text;
};
/** An instant as the form shows it: Beijing 「2026-12-20 09:00」. */
export const toBeijingInput = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
