import type { FamilySearchStatus } from '@minzheng/contracts';
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
