import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { FamilySearchStatus, PushLevel, PushStatus, WandererCondition } from '@minzheng/contracts';

export interface PersonRow {
  sex: 'male' | 'female';
  age_min: number;
  age_max: number;
  height_cm: number | null;
  build: string | null;
  accent: string | null;
  ethnicity: string | null;
  features: string | null;
  clothing: string | null;
}

export interface NoticeRow extends PersonRow {
  id: number;
  station_division_code: string;
  station_name: string;
  station_contact: string;
  health: string | null;
  mental_state: string | null;
  found_date: string;
  found_division_code: string;
  found_place: string;
  found_lat: number | null;
  found_lng: number | null;
  has_photo: boolean;
  status: FamilySearchStatus;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export interface SearchRow extends PersonRow {
  id: number;
  user_id: number;
  last_seen_date: string;
  last_seen_division_code: string;
  last_seen_place: string;
  last_seen_lat: number | null;
  last_seen_lng: number | null;
  active: boolean;
  created_at: Date;
}

export interface WandererRow {
  id: number;
  user_id: number;
  name_enc: string;
  name_masked: string;
  id_enc: string | null;
  id_hash: string | null;
  id_masked: string | null;
  sex: 'male' | 'female';
  birth_year: number;
  height_cm: number | null;
  accent: string | null;
  ethnicity: string | null;
  features: string | null;
  condition: WandererCondition;
  home_division_code: string;
  home_place: string;
  guardian_name_enc: string;
  guardian_name_masked: string;
  guardian_phone_enc: string;
  guardian_phone_masked: string;
  has_photo: boolean;
  consent_at: Date;
  created_at: Date;
}

export interface PushRow {
  id: number;
  notice_id: number;
  level: PushLevel;
  division_code: string;
  status: PushStatus;
  recipients: number;
  proposed_at: Date;
  approved_by: number | null;
  approved_at: Date | null;
  sent_at: Date | null;
}

type M<R extends object> = ModelStatic<Model<R, Partial<R>> & R>;

export function defineFamilySearchModels(db: Sequelize) {
  const opts = (tableName: string) => ({ tableName, timestamps: false });
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const person = {
    sex: DataTypes.STRING,
    age_min: DataTypes.INTEGER,
    age_max: DataTypes.INTEGER,
    height_cm: DataTypes.INTEGER,
    build: DataTypes.STRING,
    accent: DataTypes.STRING,
    ethnicity: DataTypes.STRING,
    features: DataTypes.STRING,
    clothing: DataTypes.STRING,
  };
  const Notice = db.define(
    'FamilySearchNotice',
    {
      id,
      station_division_code: DataTypes.STRING,
      station_name: DataTypes.STRING,
      station_contact: DataTypes.STRING,
      ...person,
      health: DataTypes.STRING,
      mental_state: DataTypes.STRING,
      found_date: DataTypes.STRING,
      found_division_code: DataTypes.STRING,
      found_place: DataTypes.STRING,
      found_lat: DataTypes.DOUBLE,
      found_lng: DataTypes.DOUBLE,
      has_photo: DataTypes.BOOLEAN,
      status: DataTypes.STRING,
      created_by: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    opts('family_search_notices'),
  ) as unknown as M<NoticeRow>;
  const Photo = db.define(
    'FamilySearchPhoto',
    {
      notice_id: { type: DataTypes.INTEGER, primaryKey: true },
      mime: DataTypes.STRING,
      data: DataTypes.BLOB,
      created_at: DataTypes.DATE,
    },
    opts('family_search_photos'),
  ) as unknown as M<{ notice_id: number; mime: string; data: Buffer; created_at: Date }>;
  const Search = db.define(
    'FamilySearchSearch',
    {
      id,
      user_id: DataTypes.INTEGER,
      ...person,
      last_seen_date: DataTypes.STRING,
      last_seen_division_code: DataTypes.STRING,
      last_seen_place: DataTypes.STRING,
      last_seen_lat: DataTypes.DOUBLE,
      last_seen_lng: DataTypes.DOUBLE,
      active: DataTypes.BOOLEAN,
      created_at: DataTypes.DATE,
    },
    opts('family_search_searches'),
  ) as unknown as M<SearchRow>;
  const Match = db.define(
    'FamilySearchMatch',
    {
      id,
      search_id: DataTypes.INTEGER,
      notice_id: DataTypes.INTEGER,
      score: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
    },
    opts('family_search_matches'),
  ) as unknown as M<{ id: number; search_id: number; notice_id: number; score: number; created_at: Date }>;
  const Lead = db.define(
    'FamilySearchLead',
    {
      id,
      notice_id: DataTypes.INTEGER,
      user_id: DataTypes.INTEGER,
      name_enc: DataTypes.TEXT,
      name_masked: DataTypes.STRING,
      content: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    opts('family_search_leads'),
  ) as unknown as M<{
    id: number;
    notice_id: number;
    user_id: number;
    name_enc: string;
    name_masked: string;
    content: string;
    created_at: Date;
  }>;
  const Wanderer = db.define(
    'FamilySearchWanderer',
    {
      id,
      user_id: DataTypes.INTEGER,
      name_enc: DataTypes.TEXT,
      name_masked: DataTypes.STRING,
      id_enc: DataTypes.TEXT,
      id_hash: DataTypes.STRING,
      id_masked: DataTypes.STRING,
      sex: DataTypes.STRING,
      birth_year: DataTypes.INTEGER,
      height_cm: DataTypes.INTEGER,
      accent: DataTypes.STRING,
      ethnicity: DataTypes.STRING,
      features: DataTypes.STRING,
      condition: DataTypes.STRING,
      home_division_code: DataTypes.STRING,
      home_place: DataTypes.STRING,
      guardian_name_enc: DataTypes.TEXT,
      guardian_name_masked: DataTypes.STRING,
      guardian_phone_enc: DataTypes.TEXT,
      guardian_phone_masked: DataTypes.STRING,
      has_photo: DataTypes.BOOLEAN,
      consent_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    opts('family_search_wanderers'),
  ) as unknown as M<WandererRow>;
  const WandererPhoto = db.define(
    'FamilySearchWandererPhoto',
    {
      wanderer_id: { type: DataTypes.INTEGER, primaryKey: true },
      mime: DataTypes.STRING,
      data: DataTypes.BLOB,
      created_at: DataTypes.DATE,
    },
    opts('family_search_wanderer_photos'),
  ) as unknown as M<{ wanderer_id: number; mime: string; data: Buffer; created_at: Date }>;
  const SearchPhoto = db.define(
    'FamilySearchSearchPhoto',
    {
      search_id: { type: DataTypes.INTEGER, primaryKey: true },
      mime: DataTypes.STRING,
      data: DataTypes.BLOB,
      created_at: DataTypes.DATE,
    },
    opts('family_search_search_photos'),
  ) as unknown as M<{ search_id: number; mime: string; data: Buffer; created_at: Date }>;
  const WandererHit = db.define(
    'FamilySearchWandererHit',
    {
      id,
      wanderer_id: DataTypes.INTEGER,
      notice_id: DataTypes.INTEGER,
      score: DataTypes.INTEGER,
      source: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    opts('family_search_wanderer_hits'),
  ) as unknown as M<{
    id: number;
    wanderer_id: number;
    notice_id: number;
    score: number;
    source: 'auto' | 'station';
    created_at: Date;
  }>;
  const Push = db.define(
    'FamilySearchPush',
    {
      id,
      notice_id: DataTypes.INTEGER,
      level: DataTypes.STRING,
      division_code: DataTypes.STRING,
      status: DataTypes.STRING,
      recipients: DataTypes.INTEGER,
      proposed_at: DataTypes.DATE,
      approved_by: DataTypes.INTEGER,
      approved_at: DataTypes.DATE,
      sent_at: DataTypes.DATE,
    },
    opts('family_search_pushes'),
  ) as unknown as M<PushRow>;
  return { Notice, Photo, Search, SearchPhoto, Match, Lead, Wanderer, WandererPhoto, WandererHit, Push };
}

export type FamilySearchModels = ReturnType<typeof defineFamilySearchModels>;
