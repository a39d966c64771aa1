import { ASSISTANCE_CASE_TYPES, ASSISTANCE_KIND_NAMES, ASSISTANCE_KINDS } from '@minzheng/contracts';
import { api } from '../../app/api';

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
};

export const assistanceApi = {
  inbox: (query: { type?: string; flag?: Flag; page: number }) =>
    api<{ items: InboxItem[]; total: number; page: number; pageSize: number }>('/api/staff/cases/inbox', {
      query: { ...query, pageSize: 20 },
    }),
  get: (id: number) => api<StaffCase>(`/api/staff/assistance/cases/${id}`),
  act: (id: number, action: string, body: { form: Record<string, unknown>; opinion?: string; version: number }) =>
    api<unknown>(`/api/staff/cases/${id}/actions/${action}`, { method: 'POST', body }),
  bulk: (caseIds: number[], action: string, opinion?: string) =>
    api<unknown>('/api/staff/cases/bulk', { method: 'POST', body: { caseIds, action, opinion } }),
};

export const yuan = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '—' : `${(cents / 100).toLocaleString('zh-CN')} 元`;
