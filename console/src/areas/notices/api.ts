import { api } from '../../app/api';

/** Broadcasts to the public account's followers (server: modules/notices, modules/mp). */
export type Segment =
  | { kind: 'all' }
  | { kind: 'region'; divisionCode: string }
  | { kind: 'hall'; hallId: number }
  | { kind: 'scene'; scene: string }
  | { kind: 'tag'; tag: string; divisionCode?: string };

export type BroadcastStatus = 'pending' | 'sending' | 'sent' | 'rejected' | 'cancelled';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'cancelled';

export interface BroadcastData {
  title: string;
  content: string;
  date: string;
}
export interface Broadcast {
  id: number;
  templateKey: string;
  data: BroadcastData;
  link: string | null;
  segment: Segment;
  status: BroadcastStatus;
  recipients: number;
  expanded: number;
  counts: { queued: number; sent: number; delivered: number; failed: number; cancelled: number };
  createdBy: number;
  approvedBy: number | null;
  reason: string | null;
  createdAt: string;
}
export interface OutboxRow {
  id: number;
  openid: string;
  status: OutboxStatus;
  msgid: string | null;
  reason: string | null;
  failureClass: 'technical' | 'temporary' | 'permanent' | null;
  attempts: number;
}
export interface Scene {
  scene: string;
  kind: string;
  title: string;
  divisionCode: string | null;
  hallId: number | null;
}

export const BROADCAST_STATUSES: Record<BroadcastStatus, { name: string; color: string }> = {
  pending: { name: '待审核', color: 'blue' },
  sending: { name: '发送中', color: 'gold' },
  sent: { name: '已发送', color: 'green' },
  rejected: { name: '已退回', color: 'default' },
  cancelled: { name: '已取消', color: 'default' },
};
export const OUTBOX_STATUSES: Record<OutboxStatus, string> = {
  queued: '排队中',
  sending: '发送中',
  sent: '已发出',
  delivered: '已送达',
  failed: '失败',
  cancelled: '已取消',
};
/** As GOV.UK Notify sorts failures (see README: the outbox). */
export const FAILURE_CLASSES: Record<NonNullable<OutboxRow['failureClass']>, string> = {
  permanent: '无法送达（未关注、未授权或已拒收）',
  temporary: '暂时未送达（微信本次未能投递）',
  technical: '技术原因（模板或内容被微信拒绝，或微信不可用）',
};

export function segmentText(s: Segment): string {
  switch (s.kind) {
    case 'all':
      return '全部关注者';
    case 'region':
      return `地区 ${s.divisionCode}`;
    case 'hall':
      return `大厅 #${s.hallId}`;
    case 'scene':
      return `二维码 ${s.scene}`;
    case 'tag':
      return `标签「${s.tag}」${s.divisionCode ? `（${s.divisionCode}）` : ''}`;
  }
}

const base = '/api/staff/notices/broadcasts';
export const noticesApi = {
  list: () => api<{ items: Broadcast[] }>(base),
  get: (id: number) => api<{ broadcast: Broadcast }>(`${base}/${id}`),
  preview: (segment: Segment) => api<{ count: number }>(`${base}/preview`, { method: 'POST', body: { segment } }),
  compose: (body: { templateKey: string; data: BroadcastData; link?: string; segment: Segment }) =>
    api<{ broadcast: Broadcast }>(base, { method: 'POST', body }),
  approve: (id: number) => api<{ broadcast: Broadcast }>(`${base}/${id}/approve`, { method: 'POST' }),
  reject: (id: number, reason: string) =>
    api<{ broadcast: Broadcast }>(`${base}/${id}/reject`, { method: 'POST', body: { reason } }),
  cancel: (id: number) => api<{ broadcast: Broadcast }>(`${base}/${id}/cancel`, { method: 'POST' }),
  outbox: (id: number, status: OutboxStatus | undefined, page: number) =>
    api<{ items: OutboxRow[]; total: number }>(`${base}/${id}/outbox`, { query: { status, page, pageSize: 20 } }),
  scenes: () => api<{ items: Scene[] }>('/api/staff/mp/scenes'),
};

export const noticeKeys = {
  list: ['notices', 'broadcasts'] as const,
  one: (id: number) => ['notices', 'broadcast', id] as const,
  outbox: (id: number, status: string | undefined, page: number) => ['notices', 'outbox', id, status, page] as const,
  scenes: ['notices', 'scenes'] as const,
};
