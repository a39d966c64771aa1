import type { CommunityNoticeCategory, ProposalStatus, ResidentStatus, VoteResult } from '@minzheng/contracts';
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
};

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
  hideComment: (id: number, reason: string) =>
    api(`/api/staff/community/comments/${id}/hide`, { method: 'POST', body: { reason } }),
};

export const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
