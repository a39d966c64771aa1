import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type {
  HelpRequestStatus,
  NeedCategory,
  ServiceRecordKind,
  ServiceRecordStatus,
  SocialWorkerLevel,
} from '@minzheng/contracts';

export interface LevelRuleRow {
  level: SocialWorkerLevel;
  name: string;
  first_registration_months: number;
  period_months: number;
  hours_per_period: number;
  source: string;
}

export interface OrgRow {
  id: number;
  name: string;
  uscc: string;
  division_code: string;
  created_by: number;
  created_at: Date;
}

export interface StationRow {
  id: number;
  name: string;
  division_code: string;
  org_id: number | null;
  address: string;
  phone: string;
  office_hours: string;
  description: string;
  services: NeedCategory[];
  lat: number | null;
  lng: number | null;
  created_by: number;
  created_at: Date;
}

export interface WorkerRow {
  id: number;
  name: string;
  level: SocialWorkerLevel;
  certificate_no: string;
  certified_on: string;
  registered_on: string | null;
  station_id: number | null;
  org_id: number | null;
  staff_id: number | null;
  division_code: string;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export interface TrainingRow {
  id: number;
  worker_id: number;
  hours: number;
  course: string;
  completed_on: string;
  created_by: number;
  created_at: Date;
}

export interface RequestRow {
  id: number;
  number: string;
  user_id: number;
  category: NeedCategory;
  division_code: string;
  station_id: number;
  description: string;
  contact_name_enc: string;
  phone_enc: string;
  status: HelpRequestStatus;
  worker_id: number | null;
  assigned_by: number | null;
  assigned_at: Date | null;
  closed_at: Date | null;
  closing_summary: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
  complaint_tracking_no: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface RecordRow {
  id: number;
  request_id: number;
  worker_id: number;
  kind: ServiceRecordKind;
  content: string;
  served_on: string;
  client_token: string;
  photo_ids: number[];
  status: ServiceRecordStatus;
  review_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  created_by: number;
  created_at: Date;
}

export interface PhotoRow {
  id: number;
  mime: string;
  data: Buffer;
  uploaded_by: number;
  created_at: Date;
}

export interface ProjectRow {
  id: number;
  title: string;
  division_code: string;
  category: NeedCategory;
  station_id: number | null;
  org_id: number | null;
  goals: string;
  results: string;
  starts_on: string;
  ends_on: string | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
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

export function defineSocialWorkModels(db: Sequelize) {
  const int = DataTypes.INTEGER;
  const str = DataTypes.STRING;
  const at = DataTypes.DATE;
  const day = DataTypes.DATEONLY;
  const dbl = DataTypes.DOUBLE;
  const text = DataTypes.TEXT;
  const opts = (tableName: string) => ({ tableName, timestamps: false }) as const;
  const pk = { type: int, primaryKey: true, autoIncrement: true };

  const LevelRule = db.define(
    'SocialWorkLevelRule',
    {
      level: { type: str, primaryKey: true },
      name: str,
      first_registration_months: int,
      period_months: int,
      hours_per_period: int,
      source: str,
    },
    opts('social_work_level_rules'),
  ) as unknown as M<LevelRuleRow>;
  const Org = db.define(
    'SocialWorkOrg',
    { id: pk, name: str, uscc: str, division_code: str, created_by: int, created_at: at },
    opts('social_work_orgs'),
  ) as unknown as M<OrgRow>;
  const Station = db.define(
    'SocialWorkStation',
    {
      id: pk,
      name: str,
      division_code: str,
      org_id: int,
      address: str,
      phone: str,
      office_hours: str,
      description: text,
      services: jsonList('services'),
      lat: dbl,
      lng: dbl,
      created_by: int,
      created_at: at,
    },
    opts('social_work_stations'),
  ) as unknown as M<StationRow>;
  const Worker = db.define(
    'SocialWorkWorker',
    {
      id: pk,
      name: str,
      level: str,
      certificate_no: str,
      certified_on: day,
      registered_on: day,
      station_id: int,
      org_id: int,
      staff_id: int,
      division_code: str,
      created_by: int,
      created_at: at,
      updated_at: at,
    },
    opts('social_work_workers'),
  ) as unknown as M<WorkerRow>;
  const Training = db.define(
    'SocialWorkTraining',
    { id: pk, worker_id: int, hours: dbl, course: str, completed_on: day, created_by: int, created_at: at },
    opts('social_work_training'),
  ) as unknown as M<TrainingRow>;
  const Request = db.define(
    'SocialWorkRequest',
    {
      id: pk,
      number: str,
      user_id: int,
      category: str,
      division_code: str,
      station_id: int,
      description: text,
      contact_name_enc: text,
      phone_enc: text,
      status: str,
      worker_id: int,
      assigned_by: int,
      assigned_at: at,
      closed_at: at,
      closing_summary: text,
      rating: int,
      rating_comment: str,
      rated_at: at,
      complaint_tracking_no: str,
      created_at: at,
      updated_at: at,
    },
    opts('social_work_requests'),
  ) as unknown as M<RequestRow>;
  const Record = db.define(
    'SocialWorkRecord',
    {
      id: pk,
      request_id: int,
      worker_id: int,
      kind: str,
      content: text,
      served_on: day,
      client_token: str,
      photo_ids: jsonList('photo_ids'),
      status: str,
      review_reason: str,
      reviewed_by: int,
      reviewed_at: at,
      created_by: int,
      created_at: at,
    },
    opts('social_work_records'),
  ) as unknown as M<RecordRow>;
  const Photo = db.define(
    'SocialWorkPhoto',
    { id: pk, mime: str, data: DataTypes.BLOB('medium'), uploaded_by: int, created_at: at },
    opts('social_work_photos'),
  ) as unknown as M<PhotoRow>;
  const Project = db.define(
    'SocialWorkProject',
    {
      id: pk,
      title: str,
      division_code: str,
      category: str,
      station_id: int,
      org_id: int,
      goals: text,
      results: text,
      starts_on: day,
      ends_on: day,
      created_by: int,
      created_at: at,
      updated_at: at,
    },
    opts('social_work_projects'),
  ) as unknown as M<ProjectRow>;
  return { LevelRule, Org, Station, Worker, Training, Request, Record, Photo, Project };
}

export type SocialWorkModels = ReturnType<typeof defineSocialWorkModels>;
