import { ASSISTANCE_CASE_TYPES, ASSISTANCE_KIND_NAMES, ASSISTANCE_KINDS } from '@minzheng/contracts';
import { api, upload } from '../../app/api';

/** The case engine's inbox and a case as staff see it (server: modules/cases, modules/assistance). */
export type Flag = 'none' | 'near' | 'overdue';

export interface InboxItem {
  id: number;
  number: string;
  type: string;
  typeName: string;
  stage: string;
  stageName: string;
  title: string;
  divisionCode: string;
  heldBy: string;
  assignee: { id: number; name: string } | null;
  enteredOn: string;
  dueOn: string | null;
  dueProvisional: boolean;
  workingDaysLeft: number | null;
  flag: Flag;
  marks: { key: string; name: string }[];
  amountCents: number | null;
  version: number;
}

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export interface CaseAction {
  key: string;
  name: string;
  to: string;
  toName: string;
  opinion: 'required' | 'optional';
  bulk: boolean;
  form: JsonSchema | null;
}

export interface CaseStep {
  seq: number;
  at: string;
  actionName: string;
  stageName: string;
  organName: string;
  person: string;
  opinion: string | null;
  form: Record<string, unknown> | null;
}

/** A case as the engine shows it to staff, whatever its type. */
export type CaseView = Omit<StaffCase, 'application'>;

export interface StaffCase {
  case: {
    id: number;
    number: string;
    type: string;
    typeName: string;
    title: string;
    status: string;
    statusName: string;
    amountCents: number | null;
    version: number;
    marks: { key: string; name: string }[];
  };
  current: {
    stage: string;
    stageName: string;
    heldBy: string;
    dueOn: string | null;
    dueProvisional: boolean;
    basis: string | null;
    workingDaysLeft: number | null;
    overdue: boolean;
    flag: Flag;
    assignee: { id: number; name: string } | null;
  };
  actions: CaseAction[];
  steps: CaseStep[];
  application: {
    kind: string;
    kindName: string;
    address: string;
    reason: string;
    householdSize: number;
    declaredIncomeCents: number;
    assets: { vehicles: number; houses: number; depositsCents: number };
    consent: { signedName: string; signedAt: string };
    emergencyCause: string | null;
    proposedAmountCents: number | null;
    household: {
      seq: number;
      name: string;
      idNumber: string;
      relation: string;
      monthlyIncomeCents: number;
      health: string;
      disability: string;
    }[];
    materials: { id: string; label: string; mime: string; size: number }[];
    /** 入户调查照片 of the submitted surveys, oldest first. */
    surveyPhotos: { id: string; mime: string; size: number; uploadedAt: string; surveyedAt: string }[];
    missingMaterials: string[] | null;
    check: {
      status: 'none' | 'pending' | 'answered';
      requestedAt: string | null;
      answeredAt: string | null;
      findings: string[];
      result: {
        agencies: string[];
        persons: {
          idNumber: string;
          registry: string;
          wagesMonthlyCents: number;
          pensionMonthlyCents: number;
          depositsCents: number;
          houses: number;
          vehicles: number;
          businesses: number;
        }[];
      } | null;
    };
    objections: { reason: string; at: string }[];
  };
}

/** Case type key → the kind's name (@minzheng/contracts). */
export const ASSISTANCE_TYPES: Record<string, string> = Object.fromEntries(
  ASSISTANCE_KINDS.map((kind) => [ASSISTANCE_CASE_TYPES[kind], ASSISTANCE_KIND_NAMES[kind]]),
);

export const assistanceKeys = {
  inbox: (q: Record<string, unknown>) => ['assistance', 'inbox', q] as const,
  case: (id: number) => ['assistance', 'case', id] as const,
  application: (id: number) => ['assistance', 'case', id, 'application'] as const,
  types: ['assistance', 'types'] as const,
};

export const assistanceApi = {
  inbox: (query: { type?: string; flag?: Flag; page: number }) =>
    api<{ items: InboxItem[]; total: number; page: number; pageSize: number }>('/api/staff/cases/inbox', {
      query: { ...query, pageSize: 20 },
    }),
  /** Any case type through the engine's generic route (the inbox holds 丧葬补助 too). */
  get: (id: number) => api<CaseView>(`/api/staff/cases/${id}`),
  /** A 社会救助 case's application (household, check, materials); 404 for any other type. */
  application: (id: number) => api<Pick<StaffCase, 'application'>>(`/api/staff/assistance/cases/${id}`),
  /** The case types the engine knows, with who holds each stage (the inbox's type filter). */
  types: () =>
    api<{ items: { key: string; name: string; stages: { holder: { role?: string } | null }[] }[] }>(
      '/api/staff/cases/types',
    ),
  /** One 入户调查 photo (JPG/PNG) for the case's survey; only the worker holding it may. */
  uploadSurveyPhoto: (id: number, file: File) =>
    upload<{ photo: { id: string; mime: string; size: number } }>(
      `/api/staff/assistance/cases/${id}/survey-photos`,
      file,
      file.name,
    ),
  act: (id: number, action: string, body: { form: Record<string, unknown>; opinion?: string; version: number }) =>
    api<unknown>(`/api/staff/cases/${id}/actions/${action}`, { method: 'POST', body }),
  bulk: (caseIds: number[], action: string, opinion?: string) =>
    api<unknown>('/api/staff/cases/bulk', { method: 'POST', body: { caseIds, action, opinion } }),
};

/** The survey form takes 0–9 photos (server: case-types.ts forms.survey). */
export const MAX_SURVEY_PHOTOS = 9;

export const yuan = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '—' : `${(cents / 100).toLocaleString('zh-CN')} 元`;

export interface PublicityStep {
  on: string;
  action: string;
  stageName: string;
  organName: string;
}

export interface PublicityEntry {
  caseId: number;
  number: string;
  kindName: string;
  headName: string;
  householdSize: number;
  proposedAmountCents: number | null;
  divisionCode: string;
  placeName: string;
  running: boolean;
  startsOn: string;
  endsOn: string | null;
  endedBy: PublicityStep | null;
  currentStageName: string;
  objections: { reason: string; at: string; after: PublicityStep[] }[];
}

export interface Standard {
  divisionPrefix: string;
  placeName: string;
  monthlyCents: number;
  depositMonths: number;
  effectiveFrom: string;
}

export interface Kin {
  name: string;
  idNumber: string;
  relation: string;
  registeredAt: string;
}

export const KIN_RELATIONS = [
  '配偶',
  '父母',
  '子女',
  '兄弟姐妹',
  '祖父母',
  '外祖父母',
  '孙子女',
  '外孙子女',
  '其他近亲属',
];

export interface CaseCounts {
  open: number;
  near: number;
  overdue: number;
}

export interface CaseStatistics {
  day: string | null;
  total: CaseCounts;
  byType: (CaseCounts & { type: string; typeName: string })[];
  byStage: (CaseCounts & { type: string; stage: string; stageName: string })[];
  byCounty: (CaseCounts & { countyCode: string; countyName: string })[];
  trend: (CaseCounts & { day: string })[];
}

export interface CaseAmounts {
  byMonth: { month: string; cases: number; amountCents: number }[];
  byCounty: { countyCode: string; countyName: string; cases: number; amountCents: number }[];
}

export type PaymentStatus = 'pending' | 'paid' | 'failed';

/** One month's payment of one 低保/特困 case (发放记录), as the console lists it. */
export interface Payment {
  id: number;
  caseId: number;
  number: string;
  kind: string;
  kindName: string;
  headName: string;
  divisionCode: string;
  countyName: string;
  month: string;
  amountCents: number;
  status: PaymentStatus;
  statusName: string;
  reason: string | null;
  settledAt: string | null;
  canSettle: boolean;
}

export interface PaymentPage {
  items: Payment[];
  total: number;
  totals: Record<PaymentStatus, { count: number; amountCents: number }>;
  page: number;
  pageSize: number;
  currentMonth: string;
}

export interface PaymentSums {
  cases: number;
  amountCents: number;
  paidCents: number;
  pendingCents: number;
  failedCents: number;
}

export interface PaymentStatistics {
  from: string;
  to: string;
  months: (PaymentSums & { month: string })[];
  counties: (PaymentSums & { countyCode: string; countyName: string })[];
}

export const paymentsApi = {
  list: (query: { month?: string; status?: PaymentStatus; page: number; pageSize: number }) =>
    api<PaymentPage>('/api/staff/assistance/payments', { query }),
  settle: (body: { ids: number[]; result: 'paid' | 'failed'; reason?: string }) =>
    api<{ updated: number }>('/api/staff/assistance/payments/settle', { method: 'POST', body }),
  statistics: () => api<PaymentStatistics>('/api/staff/assistance/payments/statistics'),
};

export const assistanceAdminApi = {
  publicity: (query: { show: 'all' | 'running' | 'ended'; page: number; pageSize: number }) =>
    api<{ items: PublicityEntry[]; total: number; page: number; pageSize: number }>('/api/staff/assistance/publicity', {
      query,
    }),
  standards: () => api<{ items: Standard[] }>('/api/staff/assistance/standards'),
  setStandard: (prefix: string, body: { monthlyCents: number; depositMonths: number; effectiveFrom: string }) =>
    api<{ standard: Standard }>(`/api/staff/assistance/standards/${prefix}`, { method: 'PUT', body }),
  kin: () => api<{ items: Kin[] }>('/api/staff/assistance/kin'),
  addKin: (body: { name: string; idNumber: string; relation: string }) =>
    api<{ items: Kin[] }>('/api/staff/assistance/kin', { method: 'POST', body }),
  statistics: () => api<CaseStatistics>('/api/staff/cases/statistics'),
  amounts: () => api<CaseAmounts>('/api/staff/cases/statistics/amounts'),
};

export type ReportStatus = 'submitted' | 'handling' | 'closed';

export interface StaffReport {
  id: number;
  number: string;
  caseNumber: string | null;
  divisionCode: string;
  category: string;
  categoryName: string;
  subject: string;
  content: string;
  status: ReportStatus;
  statusName: string;
  result: string | null;
  handledAt: string | null;
  submittedAt: string;
  reporterName: string;
  evidence: { id: string; label: string; mime: string; size: number }[];
}

export const reportsApi = {
  list: (status?: ReportStatus) =>
    api<{ items: StaffReport[] }>('/api/staff/assistance/reports', { query: { status } }),
  handle: (id: number, body: { status: 'handling' | 'closed'; result?: string }) =>
    api<{ report: StaffReport }>(`/api/staff/assistance/reports/${id}/handle`, { method: 'POST', body }),
};
