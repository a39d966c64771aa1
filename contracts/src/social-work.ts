/** 社会工作: levels, need categories, request and record statuses with their Chinese labels. */

export const SOCIAL_WORKER_LEVELS = ['assistant', 'intermediate', 'senior'] as const;
export type SocialWorkerLevel = (typeof SOCIAL_WORKER_LEVELS)[number];
export const SOCIAL_WORKER_LEVEL_NAMES: Record<SocialWorkerLevel, string> = {
  assistant: '助理社会工作师',
  intermediate: '社会工作师（中级）',
  senior: '高级社会工作师',
};

export const NEED_CATEGORIES = [
  'elderly',
  'children',
  'disability',
  'psychological',
  'family',
  'poverty',
  'other',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];
export const NEED_CATEGORY_NAMES: Record<NeedCategory, string> = {
  elderly: '困难老人',
  children: '困境儿童',
  disability: '残疾人',
  psychological: '心理支持',
  family: '家庭关系',
  poverty: '生活困难',
  other: '其他',
};

export const HELP_REQUEST_STATUSES = ['submitted', 'assigned', 'in_service', 'closed'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];
export const HELP_REQUEST_STATUS_NAMES: Record<HelpRequestStatus, string> = {
  submitted: '待社工站受理',
  assigned: '已安排社工',
  in_service: '服务中',
  closed: '已结案',
};

export const SERVICE_RECORD_KINDS = ['visit', 'support', 'referral', 'follow_up'] as const;
export type ServiceRecordKind = (typeof SERVICE_RECORD_KINDS)[number];
export const SERVICE_RECORD_KIND_NAMES: Record<ServiceRecordKind, string> = {
  visit: '走访',
  support: '支持服务',
  referral: '转介',
  follow_up: '跟进回访',
};

export const SERVICE_RECORD_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ServiceRecordStatus = (typeof SERVICE_RECORD_STATUSES)[number];
export const SERVICE_RECORD_STATUS_NAMES: Record<ServiceRecordStatus, string> = {
  pending: '待督导审核',
  approved: '审核通过',
  rejected: '已退回',
};

/** A station as the public sees it (GET /api/social-work/stations, /stations/:id). */
export interface SocialWorkStationView {
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
  distanceM: number | null;
}

/** POST /api/social-work/requests: a citizen asks for help. */
export interface HelpRequestInput {
  category: NeedCategory;
  divisionCode: string;
  description: string;
  contactName: string;
  phone: string;
}

export interface HelpRequestStep {
  at: string;
  label: string;
}

/** A citizen's own request (GET /api/social-work/me/requests). */
export interface MyHelpRequestView {
  id: number;
  number: string;
  category: NeedCategory;
  categoryName: string;
  status: HelpRequestStatus;
  statusName: string;
  stationName: string;
  stationPhone: string;
  workerName: string | null;
  description: string;
  createdAt: string;
  closedAt: string | null;
  closingSummary: string | null;
  rating: number | null;
  ratingComment: string | null;
  canRate: boolean;
  /** The tracking number of the complaint filed about this request's service (我的投诉), if any. */
  complaintTrackingNo: string | null;
  canComplain: boolean;
  steps: HelpRequestStep[];
}

/** What a citizen can complain about in a social work service (filed in the complaint flow). */
export const SERVICE_COMPLAINT_REASONS = ['attitude', 'no_show', 'quality', 'privacy', 'fees', 'other'] as const;
export type ServiceComplaintReason = (typeof SERVICE_COMPLAINT_REASONS)[number];
export const SERVICE_COMPLAINT_REASON_NAMES: Record<ServiceComplaintReason, string> = {
  attitude: '服务态度差',
  no_show: '未按约定提供服务',
  quality: '服务质量差',
  privacy: '泄露个人信息',
  fees: '违规收费',
  other: '其他',
};

/** POST /api/social-work/me/requests/:id/complaint: a complaint about the service of a request. */
export interface HelpComplaintInput {
  reason: ServiceComplaintReason;
  content: string;
  idempotencyKey: string;
}

/** A social work project (GET /api/social-work/projects). */
export interface SocialWorkProjectView {
  id: number;
  title: string;
  divisionCode: string;
  category: NeedCategory;
  categoryName: string;
  stationName: string | null;
  goals: string;
  results: string;
  startsOn: string;
  endsOn: string | null;
}
