import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { CreditList, CreditStatus } from './credit';

export type OrgType = 'social_group' | 'social_service' | 'foundation';
export type OrgStatus = 'active' | 'revoked' | 'deregistered';
export type ComplaintStatus = 'submitted' | 'accepted' | 'answered' | 'rejected';

export interface OrgRow {
  id: number;
  uscc: string;
  name: string;
  search_name: string;
  type: OrgType;
  authority: string;
  authority_level: string;
  division_code: string;
  supervisor: string | null;
  legal_rep: string;
  registered_at: string;
  registered_capital: number | null;
  address: string;
  business_scope: string | null;
  cert_valid_from: string | null;
  cert_valid_to: string | null;
  status: OrgStatus;
  credit_status: CreditStatus;
  created_at: Date;
  updated_at: Date;
}
export interface InspectionRow {
  id: number;
  org_id: number;
  year: number;
  kind: string;
  result: string;
  remark: string | null;
  created_at: Date;
}
export interface PenaltyRow {
  id: number;
  org_id: number;
  decision_no: string;
  authority: string;
  decided_at: string;
  kind: string;
  reason: string;
  amount: number | null;
  created_at: Date;
}
export interface RatingRow {
  id: number;
  org_id: number;
  level: number;
  valid_from: string;
  valid_to: string;
  authority: string;
  created_at: Date;
}
export interface CreditEntryRow {
  id: number;
  org_id: number;
  list: CreditList;
  reason_category: string;
  reason: string | null;
  decision_no: string;
  authority: string;
  date_in: string;
  correction_required: boolean;
  date_out: string | null;
  reason_out: string | null;
  out_decision_no: string | null;
  source_entry_id: number | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}
export interface TransitionRow {
  id: number;
  org_id: number;
  entry_id: number;
  kind: string;
  from_status: CreditStatus;
  to_status: CreditStatus;
  cause: string;
  effective_date: string;
  actor: string;
  created_at: Date;
}
export interface IllegalOrgRow {
  id: number;
  name: string;
  search_name: string;
  authority: string;
  division_code: string;
  published_at: string;
  source: string | null;
  created_by: string;
  created_at: Date;
}
export interface FollowRow {
  id: number;
  user_id: number;
  org_id: number;
  created_at: Date;
}
export interface ComplaintRow {
  id: number;
  tracking_no: string;
  user_id: number;
  idempotency_key: string;
  fingerprint: string;
  target_type: 'org' | 'illegal' | 'other';
  org_id: number | null;
  illegal_org_id: number | null;
  target_name: string;
  division_code: string;
  category: string;
  content: string;
  anonymous: boolean;
  contact_name_enc: string | null;
  contact_phone_enc: string | null;
  status: ComplaintStatus;
  answer: string | null;
  reject_reason: string | null;
  handled_by: number | null;
  created_at: Date;
  updated_at: Date;
}
export interface ComplaintEventRow {
  id: number;
  complaint_id: number;
  status: ComplaintStatus;
  note: string | null;
  actor: string;
  created_at: Date;
}
export interface ComplaintImageRow {
  id: number;
  token: string;
  user_id: number;
  complaint_id: number | null;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_at: Date;
}

/** A large import worked as a job: queued → checking → writing → done | failed. */
export type ImportStatus = 'queued' | 'checking' | 'writing' | 'done' | 'failed';
export interface ImportRow {
  id: number;
  staff_id: number;
  actor: string;
  status: ImportStatus;
  total_rows: number;
  checked_rows: number;
  imported_rows: number;
  columns: string;
  rows: string | null;
  message: string | null;
  errors: string | null;
  finished_at: Date | null;
  created_at: Date;
}

type M<R extends object> = ModelStatic<Model<R, Partial<R>> & R>;
const created = { tableName: '', timestamps: true, createdAt: 'created_at', updatedAt: false } as const;
const both = { timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export function defineSocialOrgModels(db: Sequelize) {
  const int = DataTypes.INTEGER;
  const str = DataTypes.STRING;
  const day = DataTypes.DATEONLY;
  const Org = db.define(
    'SocialOrg',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      uscc: str,
      name: str,
      search_name: str,
      type: str,
      authority: str,
      authority_level: str,
      division_code: str,
      supervisor: str,
      legal_rep: str,
      registered_at: day,
      registered_capital: DataTypes.BIGINT,
      address: str,
      business_scope: DataTypes.TEXT,
      cert_valid_from: day,
      cert_valid_to: day,
      status: str,
      credit_status: str,
    },
    { tableName: 'social_orgs', ...both },
  ) as unknown as M<OrgRow>;
  const Inspection = db.define(
    'OrgInspection',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      org_id: int,
      year: int,
      kind: str,
      result: str,
      remark: str,
    },
    { ...created, tableName: 'org_inspections' },
  ) as unknown as M<InspectionRow>;
  const Penalty = db.define(
    'OrgPenalty',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      org_id: int,
      decision_no: str,
      authority: str,
      decided_at: day,
      kind: str,
      reason: DataTypes.TEXT,
      amount: DataTypes.BIGINT,
    },
    { ...created, tableName: 'org_penalties' },
  ) as unknown as M<PenaltyRow>;
  const Rating = db.define(
    'OrgRating',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      org_id: int,
      level: int,
      valid_from: day,
      valid_to: day,
      authority: str,
    },
    { ...created, tableName: 'org_ratings' },
  ) as unknown as M<RatingRow>;
  const CreditEntry = db.define(
    'OrgCreditEntry',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      org_id: int,
      list: str,
      reason_category: str,
      reason: DataTypes.TEXT,
      decision_no: str,
      authority: str,
      date_in: day,
      correction_required: DataTypes.BOOLEAN,
      date_out: day,
      reason_out: str,
      out_decision_no: str,
      source_entry_id: int,
      created_by: str,
    },
    { tableName: 'org_credit_entries', ...both },
  ) as unknown as M<CreditEntryRow>;
  const Transition = db.define(
    'OrgCreditTransition',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      org_id: int,
      entry_id: int,
      kind: str,
      from_status: str,
      to_status: str,
      cause: str,
      effective_date: day,
      actor: str,
    },
    { ...created, tableName: 'org_credit_transitions' },
  ) as unknown as M<TransitionRow>;
  const IllegalOrg = db.define(
    'SuspectedIllegalOrg',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      name: str,
      search_name: str,
      authority: str,
      division_code: str,
      published_at: day,
      source: str,
      created_by: str,
    },
    { ...created, tableName: 'suspected_illegal_orgs' },
  ) as unknown as M<IllegalOrgRow>;
  const Follow = db.define(
    'OrgFollow',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      user_id: int,
      org_id: int,
    },
    { ...created, tableName: 'org_follows' },
  ) as unknown as M<FollowRow>;
  const Complaint = db.define(
    'OrgComplaint',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      tracking_no: str,
      user_id: int,
      idempotency_key: str,
      fingerprint: str,
      target_type: str,
      org_id: int,
      illegal_org_id: int,
      target_name: str,
      division_code: str,
      category: str,
      content: DataTypes.TEXT,
      anonymous: DataTypes.BOOLEAN,
      contact_name_enc: str,
      contact_phone_enc: str,
      status: str,
      answer: DataTypes.TEXT,
      reject_reason: DataTypes.TEXT,
      handled_by: int,
    },
    { tableName: 'org_complaints', ...both },
  ) as unknown as M<ComplaintRow>;
  const ComplaintEvent = db.define(
    'OrgComplaintEvent',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      complaint_id: int,
      status: str,
      note: DataTypes.TEXT,
      actor: str,
    },
    { ...created, tableName: 'org_complaint_events' },
  ) as unknown as M<ComplaintEventRow>;
  const ComplaintImage = db.define(
    'OrgComplaintImage',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      token: str,
      user_id: int,
      complaint_id: int,
      mime: str,
      size: int,
      sha256: str,
      data: DataTypes.BLOB,
    },
    { ...created, tableName: 'org_complaint_images' },
  ) as unknown as M<ComplaintImageRow>;
  const Import = db.define(
    'OrgImport',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      staff_id: int,
      actor: DataTypes.TEXT,
      status: str,
      total_rows: int,
      checked_rows: int,
      imported_rows: int,
      columns: DataTypes.TEXT,
      rows: DataTypes.TEXT('long'),
      message: str,
      errors: DataTypes.TEXT('long'),
      finished_at: DataTypes.DATE,
    },
    { tableName: 'org_imports', ...both },
  ) as unknown as M<ImportRow>;
  return {
    Import,
    Org,
    Inspection,
    Penalty,
    Rating,
    CreditEntry,
    Transition,
    IllegalOrg,
    Follow,
    Complaint,
    ComplaintEvent,
    ComplaintImage,
  };
}

export type SocialOrgModels = ReturnType<typeof defineSocialOrgModels>;
