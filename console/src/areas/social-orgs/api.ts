import { api } from '../../app/api';

/** Social organizations as officers work them (server: modules/social-orgs, /api/staff/social-orgs). */
export type CreditStatus = 'normal' | 'abnormal' | 'serious';
export type OrgType = 'social_group' | 'social_service' | 'foundation';
export type OrgStatus = 'active' | 'revoked' | 'deregistered';

export const ORG_TYPES: Record<OrgType, string> = {
  social_group: '社会团体',
  social_service: '社会服务机构',
  foundation: '基金会',
};
export const ORG_STATUSES: Record<OrgStatus, string> = { active: '正常', revoked: '撤销', deregistered: '注销' };
export const CREDIT_STATUSES: Record<CreditStatus, string> = {
  normal: '正常',
  abnormal: '活动异常名录',
  serious: '严重违法失信名单',
};
export const CREDIT_COLORS: Record<CreditStatus, string> = { normal: 'green', abnormal: 'orange', serious: 'red' };

export interface OrgListItem {
  uscc: string;
  name: string;
  type: OrgType;
  typeName: string;
  divisionCode: string;
  divisionName: string;
  authority: string;
  status: OrgStatus;
  statusName: string;
  creditStatus: CreditStatus;
  creditStatusName: string;
  registeredAt: string;
}
export interface RegisterPage {
  items: OrgListItem[];
  total: number;
  page: number;
  pageSize: number;
  warning?: { message: string; matches: { name: string; authority: string }[] };
}
export interface RegisterFilter {
  q?: string;
  type?: OrgType;
  status?: OrgStatus;
  credit?: CreditStatus;
  division?: string;
  page: number;
  pageSize: number;
}

export interface CreditEntry {
  id: number;
  list: 'abnormal' | 'serious';
  listName: string;
  reasonCategory: string;
  reasonCategoryName: string;
  reason: string | null;
  decisionNo: string;
  authority: string;
  dateIn: string;
  correctionRequired: boolean;
  dateOut: string | null;
  reasonOut: string | null;
}
export interface Inspection {
  year: number;
  kind: string;
  kindName: string;
  result: string;
  resultName: string;
  remark: string | null;
}
export interface Penalty {
  decisionNo: string;
  authority: string;
  date: string;
  kind: string;
  reason: string;
  amount: number | null;
}
export interface Rating {
  level: number;
  label: string;
  validFrom: string;
  validTo: string;
  authority: string;
  valid: boolean;
}
export interface OrgRecord {
  org: OrgListItem & {
    authorityLevelName: string;
    supervisor: string | null;
    legalRepresentative: string;
    registeredCapital: number | null;
    address: string;
    businessScope: string | null;
    certificate: { validFrom: string | null; validTo: string | null };
  };
  asOf: string;
  creditStatus: CreditStatus;
  creditStatusName: string;
  creditHistory: CreditEntry[];
  transitions: { date: string; kind: string; cause: string; fromName?: string; toName?: string }[];
  inspections: Inspection[];
  penalties: Penalty[];
  rating: Rating | null;
  ratingHistory: Rating[];
  choices: {
    creditLists: Record<'abnormal' | 'serious', string>;
    listReasons: Record<'abnormal' | 'serious', Record<string, string>>;
    inspectionKinds: Record<string, string>;
    inspectionResults: Record<string, string>;
  };
}

export interface IllegalOrg {
  id: number;
  name: string;
  authority: string;
  divisionCode: string;
  publishedAt: string;
  source: string | null;
}

export type ComplaintStatus = 'submitted' | 'accepted' | 'answered' | 'rejected';
export interface ComplaintDeadline {
  awaiting: '受理' | '答复';
  dueAt: string;
  overdue: boolean;
}
export interface ComplaintItem {
  id: number;
  trackingNo: string;
  targetName: string;
  divisionCode: string;
  category: string;
  status: ComplaintStatus;
  statusName: string;
  submittedAt: string;
  deadline: ComplaintDeadline | null;
}
export interface Complaint extends ComplaintItem {
  categoryName: string;
  content: string;
  anonymous: boolean;
  answer: string | null;
  rejectReason: string | null;
  contact: { name: string | null; phone: string } | null;
  images: { id: string; mime: string; size: number }[];
  progress: { status: ComplaintStatus; statusName: string; note: string | null; at: string }[];
}

const base = '/api/staff/social-orgs';
export const orgsApi = {
  register: (f: RegisterFilter) => api<RegisterPage>(base, { query: { ...f } }),
  record: (uscc: string) => api<OrgRecord>(`${base}/${encodeURIComponent(uscc)}`),
  putOnList: (uscc: string, body: Record<string, unknown>) =>
    api<{ entry: CreditEntry; creditStatus: CreditStatus }>(`${base}/${uscc}/credit-entries`, { method: 'POST', body }),
  takeOffList: (uscc: string, id: number, body: Record<string, unknown>) =>
    api<{ entry: CreditEntry; creditStatus: CreditStatus }>(`${base}/${uscc}/credit-entries/${id}/removal`, {
      method: 'POST',
      body,
    }),
  addInspection: (uscc: string, body: Record<string, unknown>) =>
    api(`${base}/${uscc}/inspections`, { method: 'POST', body }),
  addPenalty: (uscc: string, body: Record<string, unknown>) =>
    api(`${base}/${uscc}/penalties`, { method: 'POST', body }),
  addRating: (uscc: string, body: Record<string, unknown>) => api(`${base}/${uscc}/ratings`, { method: 'POST', body }),
  illegal: (page: number, pageSize: number) =>
    api<{ items: IllegalOrg[]; total: number }>('/api/social-orgs/illegal', { query: { page, pageSize } }),
  publishIllegal: (body: Record<string, unknown>) =>
    api<{ illegalOrg: IllegalOrg }>(`${base}/illegal`, { method: 'POST', body }),
  complaints: (status: ComplaintStatus | undefined, page: number, pageSize: number) =>
    api<{ items: ComplaintItem[]; total: number; now: string }>(`${base}/complaints`, {
      query: { status, page, pageSize },
    }),
  complaint: (id: number) => api<{ complaint: Complaint }>(`${base}/complaints/${id}`),
  accept: (id: number) => api<{ complaint: Complaint }>(`${base}/complaints/${id}/accept`, { method: 'POST' }),
  answer: (id: number, answer: string) =>
    api<{ complaint: Complaint }>(`${base}/complaints/${id}/answer`, { method: 'POST', body: { answer } }),
  reject: (id: number, reason: string) =>
    api<{ complaint: Complaint }>(`${base}/complaints/${id}/reject`, { method: 'POST', body: { reason } }),
};

export const orgKeys = {
  register: (f: RegisterFilter) => ['social-orgs', 'register', f] as const,
  record: (uscc: string) => ['social-orgs', 'record', uscc] as const,
  illegal: (page: number) => ['social-orgs', 'illegal', page] as const,
  complaints: (status: string | undefined, page: number) => ['social-orgs', 'complaints', status, page] as const,
  complaint: (id: number) => ['social-orgs', 'complaint', id] as const,
};

/** 3 天前 / 5 小时前: how long ago, in the plainest words. */
export function since(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
}
