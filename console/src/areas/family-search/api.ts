import type { FamilySearchStatus, PushLevel } from '@minzheng/contracts';
import { api } from '../../app/api';

/** 救助寻亲 as a station sees it (server: modules/family-search, station.ts). */
export interface StationNotice {
  id: number;
  status: FamilySearchStatus;
  statusLabel: string;
  sexLabel: string;
  ageRange: string;
  accent: string | null;
  features: string | null;
  foundDate: string;
  foundPlace: string;
  station: { name: string; contact: string };
  photo: string | null;
  leads: number;
  updatedAt: string;
  next: { status: FamilySearchStatus; label: string }[];
}
export interface Lead {
  id: number;
  name: string;
  content: string;
  createdAt: string;
}
export interface InboxLead extends Lead {
  noticeId: number;
  notice: string;
  noticeStatus: FamilySearchStatus;
  noticeStatusLabel: string;
}

export const familyKeys = {
  notices: (status?: string, page = 1) => ['family-search', 'notices', status ?? 'all', page] as const,
  leads: (noticeId: number) => ['family-search', 'leads', noticeId] as const,
  inbox: () => ['family-search', 'inbox'] as const,
};

export const familyApi = {
  notices: (status: string | undefined, page: number) =>
    api<{ items: StationNotice[]; hasMore: boolean }>('/api/staff/family-search/notices', { query: { status, page } }),
  leadsOf: (noticeId: number) => api<{ items: Lead[] }>(`/api/staff/family-search/notices/${noticeId}/leads`),
  inbox: () => api<{ items: InboxLead[]; hasMore: boolean }>('/api/staff/family-search/leads'),
  setStatus: (noticeId: number, status: FamilySearchStatus) =>
    api<{ id: number; status: FamilySearchStatus; statusLabel: string }>(
      `/api/staff/family-search/notices/${noticeId}/status`,
      { method: 'POST', body: { status } },
    ),
};

export const STATUS_COLORS: Record<FamilySearchStatus, string> = {
  open: 'blue',
  lead: 'gold',
  verified: 'orange',
  reunited: 'green',
  placed: 'default',
};

export { beijingTime as beijing } from '../../app/beijing';

/** 易走失人员 as the intake search answers (masked; server: wanderers.ts). */
export interface WandererHit {
  id: number;
  score: number;
  reasons: string[];
  name: string;
  idNumber: string | null;
  sexLabel: string;
  birthYear: number;
  heightCm: number | null;
  accent: string | null;
  features: string | null;
  conditionLabel: string;
  homePlace: string;
  guardian: { name: string; phone: string };
  photo: string | null;
}
export interface IntakeQuery {
  stationDivisionCode: string;
  idNumber?: string;
  sex: 'male' | 'female';
  ageMin: number;
  ageMax: number;
  heightCm?: number;
  accent?: string;
  features?: string;
}
export interface Push {
  id: number;
  noticeId: number;
  level: PushLevel;
  levelLabel: string;
  divisionCode: string;
  status: string;
  statusLabel: string;
  recipients: number;
  proposedAt: string;
  sentAt: string | null;
  foundPlace?: string;
  foundDate?: string;
}
export interface FamilyStats {
  from: string;
  to: string;
  total: number;
  byStatus: { status: FamilySearchStatus; label: string; count: number }[];
  byMonth: { month: string; reunited: number; placed: number }[];
  medianDaysToReunion: number | null;
  byRegion: { divisionCode: string; total: number; reunited: number; medianDaysToReunion: number | null }[];
}

export const wandererApi = {
  search: (q: IntakeQuery) =>
    api<{ items: WandererHit[] }>('/api/staff/family-search/wanderers/search', { method: 'POST', body: q }),
  notify: (wandererId: number, noticeId: number) =>
    api<{ told: boolean; message: string }>(`/api/staff/family-search/wanderers/${wandererId}/notify`, {
      method: 'POST',
      body: { noticeId },
    }),
  proposed: () => api<{ items: Push[] }>('/api/staff/family-search/pushes'),
  approve: (noticeId: number, level: PushLevel) =>
    api<Push>(`/api/staff/family-search/notices/${noticeId}/pushes/${level}/approve`, { method: 'POST' }),
  stats: (from: string, to: string) => api<FamilyStats>('/api/staff/family-search/stats', { query: { from, to } }),
};
