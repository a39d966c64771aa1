import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export type ActivityStatus = 'draft' | 'published' | 'in_progress' | 'finished' | 'cancelled';
export type SignupStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'waitlisted';
export type AttendanceStatus = 'signed_in' | 'signed_out' | 'confirmed' | 'rejected';
export type LedgerKind = 'scan' | 'manual' | 'correction';
export type CertificateStatus = 'requested' | 'issued' | 'revoked';

export interface VolunteerRow {
  id: number;
  user_id: number | null;
  number: string | null;
  name_enc: string;
  id_number_enc: string;
  id_number_hash: string;
  skills: string[];
  service_types: string[];
  areas: string[];
  availability: string;
  imported_by_org_id: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface OrgRow {
  id: number;
  name: string;
  division_code: string;
  uscc: string | null;
  contact: string;
  created_by: number;
  created_at: Date;
}

export interface OrgAdminRow {
  id: number;
  org_id: number;
  staff_id: number;
  created_at: Date;
}

export interface ActivityRow {
  id: number;
  org_id: number;
  division_code: string;
  title: string;
  type: string;
  description: string;
  tasks: string;
  requirements: string;
  risks: string;
  insurance: boolean;
  quota: number;
  address: string;
  lat: number;
  lng: number;
  /** 0.01° latitude band (geo.latBand), indexed with lng for the search near a point. */
  lat_band: number | null;
  radius_m: number;
  starts_at: Date;
  ends_at: Date;
  signup_deadline: Date;
  status: ActivityStatus;
  cancel_reason: string | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export type MemberStatus = 'pending' | 'approved' | 'refused' | 'left';
export interface MemberRow {
  id: number;
  org_id: number;
  volunteer_id: number;
  status: MemberStatus;
  note: string | null;
  reason: string | null;
  decided_by: number | null;
  decided_at: Date | null;
  applied_at: Date;
}

export interface SignupRow {
  id: number;
  activity_id: number;
  volunteer_id: number;
  status: SignupStatus;
  reason: string | null;
  decided_by: number | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
  reminded_at: Date | null;
}

export interface CodeRow {
  id: number;
  activity_id: number;
  version: number;
  code_hash: string;
  expires_at: Date;
  issued_by: number;
  created_at: Date;
}

export interface AttendanceRow {
  id: number;
  activity_id: number;
  volunteer_id: number;
  status: AttendanceStatus;
  in_at: Date;
  in_lat: number;
  in_lng: number;
  in_accuracy_m: number;
  in_distance_m: number;
  in_code_version: number;
  in_flags: string;
  out_at: Date | null;
  out_lat: number | null;
  out_lng: number | null;
  out_accuracy_m: number | null;
  out_distance_m: number | null;
  out_code_version: number | null;
  out_flags: string | null;
  minutes: number | null;
  review_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRow {
  id: number;
  activity_id: number | null;
  volunteer_id: number;
  action: string;
  outcome: string;
  lat: number | null;
  lng: number | null;
  accuracy_m: number | null;
  created_at: Date;
}

export interface LedgerRow {
  id: number;
  volunteer_id: number;
  seq: number;
  activity_id: number;
  org_id: number;
  kind: LedgerKind;
  minutes: number;
  start_at: Date;
  end_at: Date;
  attendance_id: number | null;
  corrects_id: number | null;
  reason: string | null;
  approved_by: number;
  created_at: Date;
  prev_hash: string;
  entry_hash: string;
}

export interface CertificateRow {
  id: number;
  number: string | null;
  volunteer_id: number;
  org_id: number;
  purpose: string;
  status: CertificateStatus;
  content: string | null;
  signature: string | null;
  handler_id: number | null;
  requested_at: Date;
  issued_at: Date | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

type M<R extends object> = ModelStatic<Model<R, Partial<R>> & R>;

const jsonList = (column: string) => ({
  type: DataTypes.TEXT,
  get(this: Model) {
    const raw = this.getDataValue(column) as string | null;
    return raw ? JSON.parse(raw) : [];
  },
  set(this: Model, value: unknown) {
    this.setDataValue(column, JSON.stringify(value ?? []));
  },
});

export function defineVolunteerModels(db: Sequelize) {
  const int = DataTypes.INTEGER;
  const str = DataTypes.STRING;
  const at = DataTypes.DATE;
  const dbl = DataTypes.DOUBLE;
  const text = DataTypes.TEXT;
  const opts = (tableName: string) => ({ tableName, timestamps: false }) as const;
  const pk = { type: int, primaryKey: true, autoIncrement: true };

  const Volunteer = db.define(
    'VolunteerVolunteer',
    {
      id: pk,
      user_id: int,
      number: str,
      name_enc: text,
      id_number_enc: text,
      id_number_hash: str,
      skills: jsonList('skills'),
      service_types: jsonList('service_types'),
      areas: jsonList('areas'),
      availability: str,
      imported_by_org_id: int,
      created_at: at,
      updated_at: at,
    },
    opts('volunteer_volunteers'),
  ) as unknown as M<VolunteerRow>;
  const Org = db.define(
    'VolunteerOrg',
    { id: pk, name: str, division_code: str, uscc: str, contact: str, created_by: int, created_at: at },
    opts('volunteer_orgs'),
  ) as unknown as M<OrgRow>;
  const OrgAdmin = db.define(
    'VolunteerOrgAdmin',
    { id: pk, org_id: int, staff_id: int, created_at: at },
    opts('volunteer_org_admins'),
  ) as unknown as M<OrgAdminRow>;
  const Activity = db.define(
    'VolunteerActivity',
    {
      id: pk,
      org_id: int,
      division_code: str,
      title: str,
      type: str,
      description: text,
      tasks: text,
      requirements: text,
      risks: text,
      insurance: DataTypes.BOOLEAN,
      quota: int,
      address: str,
      lat: dbl,
      lng: dbl,
      lat_band: int,
      radius_m: int,
      starts_at: at,
      ends_at: at,
      signup_deadline: at,
      status: str,
      cancel_reason: str,
      created_by: int,
      created_at: at,
      updated_at: at,
    },
    opts('volunteer_activities'),
  ) as unknown as M<ActivityRow>;
  const Signup = db.define(
    'VolunteerSignup',
    {
      id: pk,
      activity_id: int,
      volunteer_id: int,
      status: str,
      reason: str,
      decided_by: int,
      decided_at: at,
      created_at: at,
      updated_at: at,
      reminded_at: at,
    },
    opts('volunteer_signups'),
  ) as unknown as M<SignupRow>;
  const Code = db.define(
    'VolunteerCode',
    { id: pk, activity_id: int, version: int, code_hash: str, expires_at: at, issued_by: int, created_at: at },
    opts('volunteer_codes'),
  ) as unknown as M<CodeRow>;
  const Attendance = db.define(
    'VolunteerAttendance',
    {
      id: pk,
      activity_id: int,
      volunteer_id: int,
      status: str,
      in_at: at,
      in_lat: dbl,
      in_lng: dbl,
      in_accuracy_m: int,
      in_distance_m: int,
      in_code_version: int,
      in_flags: str,
      out_at: at,
      out_lat: dbl,
      out_lng: dbl,
      out_accuracy_m: int,
      out_distance_m: int,
      out_code_version: int,
      out_flags: str,
      minutes: int,
      review_reason: str,
      reviewed_by: int,
      reviewed_at: at,
      created_at: at,
      updated_at: at,
    },
    opts('volunteer_attendance'),
  ) as unknown as M<AttendanceRow>;
  const Attempt = db.define(
    'VolunteerScanAttempt',
    {
      id: pk,
      activity_id: int,
      volunteer_id: int,
      action: str,
      outcome: str,
      lat: dbl,
      lng: dbl,
      accuracy_m: int,
      created_at: at,
    },
    opts('volunteer_scan_attempts'),
  ) as unknown as M<AttemptRow>;
  const Ledger = db.define(
    'VolunteerLedger',
    {
      id: pk,
      volunteer_id: int,
      seq: int,
      activity_id: int,
      org_id: int,
      kind: str,
      minutes: int,
      start_at: at,
      end_at: at,
      attendance_id: int,
      corrects_id: int,
      reason: str,
      approved_by: int,
      created_at: at,
      prev_hash: str,
      entry_hash: str,
    },
    opts('volunteer_hours_ledger'),
  ) as unknown as M<LedgerRow>;
  const Certificate = db.define(
    'VolunteerCertificate',
    {
      id: pk,
      number: str,
      volunteer_id: int,
      org_id: int,
      purpose: str,
      status: str,
      content: text,
      signature: str,
      handler_id: int,
      requested_at: at,
      issued_at: at,
      revoked_at: at,
      revoke_reason: str,
    },
    opts('volunteer_certificates'),
  ) as unknown as M<CertificateRow>;
  const Member = db.define(
    'VolunteerOrgMember',
    {
      id: pk,
      org_id: int,
      volunteer_id: int,
      status: str,
      note: str,
      reason: str,
      decided_by: int,
      decided_at: at,
      applied_at: at,
    },
    opts('volunteer_org_members'),
  ) as unknown as M<MemberRow>;
  // A sign-in reads the volunteer and their sign-up for the scanned activity in one statement.
  (Volunteer as unknown as ModelStatic<Model>).hasMany(Signup as unknown as ModelStatic<Model>, {
    as: 'signupsForScan',
    foreignKey: 'volunteer_id',
    constraints: false,
  });
  return { Volunteer, Org, OrgAdmin, Member, Activity, Signup, Code, Attendance, Attempt, Ledger, Certificate };
}

export type VolunteerModels = ReturnType<typeof defineVolunteerModels>;
