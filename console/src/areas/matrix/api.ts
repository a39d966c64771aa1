import { api } from '../../app/api';

/** The content matrix (server: modules/matrix, /api/matrix/admin/...). */
export interface Member {
  id: number;
  name: string;
  appid: string;
  level: string;
  levelName: string;
  divisionCode: string;
  category: string;
  active: boolean;
  sync: { failures: number; nextAttemptAt: string | null; lastError: string | null; lastSyncedAt: string | null };
}
export interface Article {
  id: number;
  title: string;
  author: string | null;
  digest: string | null;
  link: string;
  publishedAt: string;
  pinned: boolean;
  hidden: boolean;
  tags: string[];
  member: { id: number; name?: string };
}
export type DeliveryStatus = 'pending' | 'submitted' | 'published' | 'failed';
export interface Delivery {
  memberId: number;
  memberName: string | null;
  status: DeliveryStatus;
  attempt: number;
  articleUrl: string | null;
  error: string | null;
  updatedAt: string;
}
export interface Distribution {
  id: number;
  title: string;
  sourceArticleId: number | null;
  createdAt: string;
  counts: Record<DeliveryStatus, number>;
  deliveries: Delivery[];
}
export interface ArticleFilter {
  member?: number;
  tag?: string;
  q?: string;
  page: number;
}
export interface NewMember {
  name: string;
  appid: string;
  secret: string;
  level: 'national' | 'provincial' | 'municipal' | 'county';
  divisionCode: string;
  category: string;
}
export const LEVELS: { value: NewMember['level']; label: string }[] = [
  { value: 'national', label: '国家级' },
  { value: 'provincial', label: '省级' },
  { value: 'municipal', label: '市级' },
  { value: 'county', label: '县级' },
];
export interface NewArticle {
  title: string;
  author?: string;
  digest?: string;
  content: string;
}

export const DELIVERY_STATUSES: Record<DeliveryStatus, { name: string; color: string }> = {
  pending: { name: '等待提交', color: 'default' },
  submitted: { name: '发布中', color: 'processing' },
  published: { name: '已发布', color: 'success' },
  failed: { name: '失败', color: 'error' },
};

const base = '/api/matrix/admin';
export const matrixApi = {
  members: () => api<{ items: Member[] }>(`${base}/members`),
  addMember: (body: NewMember) => api<{ member: Member }>(`${base}/members`, { method: 'POST', body }),
  editMember: (id: number, body: Partial<NewMember>) =>
    api<{ member: Member }>(`${base}/members/${id}`, { method: 'PATCH', body }),
  setActive: (id: number, active: boolean) =>
    api<{ member: Member }>(`${base}/members/${id}`, { method: 'PATCH', body: { active } }),
  sync: () => api<{ queued: number }>(`${base}/sync`, { method: 'POST' }),
  articles: (f: ArticleFilter) =>
    api<{ items: Article[]; total: number }>(`${base}/articles`, { query: { ...f, pageSize: 20 } }),
  curate: (id: number, change: { pinned?: boolean; hidden?: boolean; tags?: string[] }) =>
    api<{ article: Article }>(`${base}/articles/${id}`, { method: 'PATCH', body: change }),
  distributions: (page: number) =>
    api<{ items: Distribution[]; total: number }>(`${base}/distributions`, { query: { page, pageSize: 10 } }),
  distribute: (body: { articleId?: number; article?: NewArticle; memberIds: number[] }) =>
    api<{ distribution: Distribution }>(`${base}/distributions`, { method: 'POST', body }),
  retry: (id: number) => api<{ distribution: Distribution }>(`${base}/distributions/${id}/retry`, { method: 'POST' }),
};

export const matrixKeys = {
  members: ['matrix', 'members'] as const,
  articles: (f: ArticleFilter) => ['matrix', 'articles', f] as const,
  allArticles: ['matrix', 'articles'] as const,
  distributions: (page: number) => ['matrix', 'distributions', page] as const,
  allDistributions: ['matrix', 'distributions'] as const,
};

export const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');
