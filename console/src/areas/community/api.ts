import type {
  CommitteeMember,
  CommunityNoticeCategory,
  CommunityPage,
  ElectionView,
  ProposalStatus,
  ResidentStatus,
  StreetCommunities,
  VoteResult,
} from '@minzheng/contracts';
import { api, upload } from '../../app/api';

/** 社区治理 as community staff see it (server: modules/community). */
export interface StaffNotice {
  id: number;
  divisionCode: string;
  category: CommunityNoticeCategory;
  categoryLabel: string;
  title: string;
  body: string;
  publishedAt: string;
  attachments: { id: string; filename: string; mime: string; size: number }[];
}
export interface StaffResident {
  id: number;
  code: string;
  communityName: string;
  name: string;
  idNumber: string;
  address: string;
  status: ResidentStatus;
  statusLabel: string;
  reason: string | null;
  createdAt: string;
}
export interface StaffProposal {
  id: number;
  code: string;
  communityName?: string;
  title: string;
  status: ProposalStatus;
  statusLabel: string;
  options: string[];
  ballots: number;
  createdAt: string;
  result: VoteResult | null;
}
export interface ProposalDetail extends StaffProposal {
  body: string;
  author: string;
  comments: {
    id: number;
    author: string;
    body: string | null;
    hidden: boolean;
    hiddenReason: string | null;
    createdAt: string;
  }[];
}

export const communityKeys = {
  notices: ['community', 'notices'] as const,
  residents: (status: string) => ['community', 'residents', status] as const,
  proposals: ['community', 'proposals'] as const,
  proposal: (id: number) => ['community', 'proposal', id] as const,
  page: (code: string) => ['community', 'page', code] as const,
  street: (code: string) => ['community', 'street', code] as const,
  elections: (code: string) => ['community', 'elections', code] as const,
};

/** PUT /api/staff/community/communities/:code/profile */
export interface ProfileInput {
  address: string | null;
  officeHours: string | null;
  phone: string | null;
  services: string[];
  committee: CommitteeMember[];
}
export type Candidate = ElectionView['candidates'][number];
export type ResultLine = ElectionView['results'][number];

export const communityApi = {
  notices: () => api<{ items: StaffNotice[] }>('/api/staff/community/notices'),
  uploadAttachment: (file: File) =>
    upload<{ attachment: { id: string; filename: string } }>('/api/staff/community/attachments', file, file.name),
  publish: (
    code: string,
    body: { category: CommunityNoticeCategory; title: string; body: string; attachments: string[] },
  ) =>
    api<{ notice: StaffNotice; followersNotified: number }>(`/api/staff/community/communities/${code}/notices`, {
      method: 'POST',
      body,
    }),
  residents: (status: string) =>
    api<{ items: StaffResident[] }>('/api/staff/community/residents', {
      query: { status: status === 'all' ? undefined : status },
    }),
  confirm: (id: number) => api(`/api/staff/community/residents/${id}/confirm`, { method: 'POST' }),
  reject: (id: number, reason: string) =>
    api(`/api/staff/community/residents/${id}/reject`, { method: 'POST', body: { reason } }),
  proposals: () => api<{ items: StaffProposal[] }>('/api/staff/community/proposals'),
  proposal: (id: number) => api<{ proposal: ProposalDetail }>(`/api/staff/community/proposals/${id}`),
  openVote: (id: number, options: string[]) =>
    api(`/api/staff/community/proposals/${id}/open-vote`, { method: 'POST', body: { options } }),
  closeVote: (id: number) => api(`/api/staff/community/proposals/${id}/close-vote`, { method: 'POST' }),
  // The public page may be kept by the browser for a minute: staff editing it read it afresh.
  page: (code: string) =>
    api<{ community: CommunityPage }>(`/api/community/communities/${code}`, { cache: 'no-cache' }),
  street: (code: string) => api<StreetCommunities>(`/api/community/streets/${code}/communities`),
  saveProfile: (code: string, body: ProfileInput) =>
    api<{ community: CommunityPage }>(`/api/staff/community/communities/${code}/profile`, { method: 'PUT', body }),
  elections: (code: string) => api<{ items: ElectionView[] }>(`/api/community/communities/${code}/elections`),
  announce: (code: string, body: { term: number; title: string; announcement: string }) =>
    api<{ election: ElectionView }>(`/api/staff/community/communities/${code}/elections`, { method: 'POST', body }),
  candidates: (id: number, candidates: Candidate[]) =>
    api<{ election: ElectionView }>(`/api/staff/community/elections/${id}/candidates`, {
      method: 'PUT',
      body: { candidates },
    }),
  results: (id: number, results: ResultLine[]) =>
    api<{ election: ElectionView }>(`/api/staff/community/elections/${id}/results`, {
      method: 'PUT',
      body: { results },
    }),
  hideComment: (id: number, reason: string) =>
    api(`/api/staff/community/comments/${id}/hide`, { method: 'POST', body: { reason } }),
};

export const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
