import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export type { AssistanceKind } from '@minzheng/contracts';
import type { AssistanceKind, AssistancePaymentStatus, AssistanceReportCategory } from '@minzheng/contracts';
export type CheckStatus = 'none' | 'pending' | 'answered';

export interface DeclaredAssets {
  /** Motor vehicles the household owns. */
  vehicles: number;
  /** Homes the household owns. */
  houses: number;
  /** Deposits, securities and cash value of insurance, in cents. */
  depositsCents: number;
}

export interface ApplicationRow {
  id: number;
  case_id: number;
  kind: AssistanceKind;
  applicant_user_id: number;
  division_code: string;
  address_enc: string;
  reason: string;
  head_name_masked: string;
  household_size: number;
  declared_income_cents: number;
  assets: DeclaredAssets;
  consent_name_enc: string;
  consent_at: Date;
  emergency_cause: string | null;
  proposed_amount_cents: number | null;
  check_status: CheckStatus;
  check_request_id: string | null;
  check_requested_at: Date | null;
  check_answered_at: Date | null;
  check_result_enc: string | null;
  check_findings: string[] | null;
  created_at: Date;
  updated_at: Date;
}

export interface MemberRow {
  id: number;
  application_id: number;
  seq: number;
  relation: string;
  name_enc: string;
  id_number_enc: string;
  id_number_hash: string;
  monthly_income_cents: number;
  health: string;
  disability: string;
  created_at: Date;
}

export interface MaterialRow {
  id: number;
  token: string;
  user_id: number;
  application_id: number | null;
  /** The 监督举报 this material is evidence of (then it belongs to no application). */
  report_id: number | null;
  label: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_at: Date;
}

/** A 入户调查 photo: the case's until the survey names it (surveyed_at), then fixed to that survey. */
export interface SurveyPhotoRow {
  id: number;
  token: string;
  case_id: number;
  staff_id: number;
  mime: string;
  size: number;
  width: number;
  height: number;
  sha256: string;
  data: Buffer;
  surveyed_at: Date | null;
  created_at: Date;
}

export interface ObjectionRow {
  id: number;
  case_id: number;
  user_id: number;
  reason: string;
  created_at: Date;
}

export type ReportStatus = 'submitted' | 'handling' | 'closed';

export interface ReportRow {
  id: number;
  number: string;
  user_id: number;
  reporter_name_enc: string;
  category: AssistanceReportCategory;
  case_id: number | null;
  division_code: string;
  subject: string;
  content: string;
  status: ReportStatus;
  result: string | null;
  handled_by: number | null;
  handled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface StandardRow {
  id: number;
  division_prefix: string;
  monthly_cents: number;
  deposit_months: number;
  effective_from: string;
  updated_by: number | null;
  updated_at: Date;
}

/** What a 低保/特困 case pays from a month on (null: nothing), by the decision that set it. */
export interface PaymentTermRow {
  id: number;
  case_id: number;
  case_number: string;
  case_type: string;
  division_code: string;
  from_month: string;
  amount_cents: number | null;
  action: string;
  created_at: Date;
}

/** One month's payment of one case (发放记录). */
export interface PaymentRow {
  id: number;
  case_id: number;
  case_number: string;
  case_type: string;
  division_code: string;
  month: string;
  amount_cents: number;
  status: AssistancePaymentStatus;
  reason: string | null;
  settled_by: number | null;
  settled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface KinRow {
  id: number;
  staff_id: number;
  relation: string;
  name_enc: string;
  id_number_enc: string;
  id_number_hash: string;
  created_at: Date;
}

type M<R extends object> = ModelStatic<Model<R, Partial<R>> & R>;

const json = (column: string) => ({
  type: DataTypes.TEXT,
  get(this: Model) {
    const raw = this.getDataValue(column) as string | null;
    return raw === null || raw === undefined ? null : JSON.parse(raw);
  },
  set(this: Model, value: unknown) {
    this.setDataValue(column, value === null || value === undefined ? null : JSON.stringify(value));
  },
});

export function defineAssistanceModels(db: Sequelize) {
  const int = DataTypes.INTEGER;
  const str = DataTypes.STRING;
  // Timestamps are written from the platform clock by the use cases, never by Sequelize.
  const created = { timestamps: false } as const;
  const at = DataTypes.DATE;
  const Application = db.define(
    'AssistanceApplication',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      case_id: int,
      kind: str,
      applicant_user_id: int,
      division_code: str,
      address_enc: DataTypes.TEXT,
      reason: DataTypes.TEXT,
      head_name_masked: str,
      household_size: int,
      declared_income_cents: int,
      assets: json('assets'),
      consent_name_enc: DataTypes.TEXT,
      consent_at: DataTypes.DATE,
      emergency_cause: str,
      proposed_amount_cents: int,
      check_status: str,
      check_request_id: str,
      check_requested_at: DataTypes.DATE,
      check_answered_at: DataTypes.DATE,
      check_result_enc: DataTypes.TEXT,
      check_findings: json('check_findings'),
      created_at: at,
      updated_at: at,
    },
    { ...created, tableName: 'assistance_applications' },
  ) as unknown as M<ApplicationRow>;
  const Member = db.define(
    'AssistanceMember',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      application_id: int,
      seq: int,
      relation: str,
      name_enc: DataTypes.TEXT,
      id_number_enc: DataTypes.TEXT,
      id_number_hash: str,
      monthly_income_cents: int,
      health: str,
      disability: str,
      created_at: at,
    },
    { ...created, tableName: 'assistance_members' },
  ) as unknown as M<MemberRow>;
  const Material = db.define(
    'AssistanceMaterial',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      token: str,
      user_id: int,
      application_id: int,
      report_id: int,
      label: str,
      mime: str,
      size: int,
      sha256: str,
      data: DataTypes.BLOB,
      created_at: at,
    },
    { ...created, tableName: 'assistance_materials' },
  ) as unknown as M<MaterialRow>;
  const SurveyPhoto = db.define(
    'AssistanceSurveyPhoto',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      token: str,
      case_id: int,
      staff_id: int,
      mime: str,
      size: int,
      width: int,
      height: int,
      sha256: str,
      data: DataTypes.BLOB,
      surveyed_at: at,
      created_at: at,
    },
    { ...created, tableName: 'assistance_survey_photos' },
  ) as unknown as M<SurveyPhotoRow>;
  const Objection = db.define(
    'AssistanceObjection',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      case_id: int,
      user_id: int,
      reason: DataTypes.TEXT,
      created_at: at,
    },
    { ...created, tableName: 'assistance_objections' },
  ) as unknown as M<ObjectionRow>;
  const Standard = db.define(
    'AssistanceStandard',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      division_prefix: str,
      monthly_cents: int,
      deposit_months: int,
      effective_from: str,
      updated_by: int,
      updated_at: at,
    },
    { ...created, tableName: 'assistance_standards' },
  ) as unknown as M<StandardRow>;
  const Kin = db.define(
    'AssistanceKin',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      staff_id: int,
      relation: str,
      name_enc: DataTypes.TEXT,
      id_number_enc: DataTypes.TEXT,
      id_number_hash: str,
      created_at: at,
    },
    { ...created, tableName: 'assistance_kin' },
  ) as unknown as M<KinRow>;
  const Report = db.define(
    'AssistanceReport',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      number: str,
      user_id: int,
      reporter_name_enc: DataTypes.TEXT,
      category: str,
      case_id: int,
      division_code: str,
      subject: str,
      content: DataTypes.TEXT,
      status: str,
      result: DataTypes.TEXT,
      handled_by: int,
      handled_at: at,
      created_at: at,
      updated_at: at,
    },
    { ...created, tableName: 'assistance_reports' },
  ) as unknown as M<ReportRow>;
  const PaymentTerm = db.define(
    'AssistancePaymentTerm',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      case_id: int,
      case_number: str,
      case_type: str,
      division_code: str,
      from_month: str,
      amount_cents: int,
      action: str,
      created_at: at,
    },
    { ...created, tableName: 'assistance_payment_terms' },
  ) as unknown as M<PaymentTermRow>;
  const Payment = db.define(
    'AssistancePayment',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      case_id: int,
      case_number: str,
      case_type: str,
      division_code: str,
      month: str,
      amount_cents: int,
      status: str,
      reason: str,
      settled_by: int,
      settled_at: at,
      created_at: at,
      updated_at: at,
    },
    { ...created, tableName: 'assistance_payments' },
  ) as unknown as M<PaymentRow>;
  return { Application, Member, Material, SurveyPhoto, Objection, Standard, Kin, Report, PaymentTerm, Payment };
}

export type AssistanceModels = ReturnType<typeof defineAssistanceModels>;
