import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { PlaceNameAction, PlaceNameCategory } from '@minzheng/contracts';

export interface PlaceNameRow {
  id: number;
  name: string;
  pinyin: string;
  pinyin_key: string;
  initials: string;
  category: PlaceNameCategory;
  division_code: string;
  location: string;
  lng: number | null;
  lat: number | null;
  meaning: string;
  history: string;
  approval_body: string;
  approval_date: string;
  status: 'current' | 'cancelled';
  former_name: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AnnouncementRow {
  id: number;
  action: PlaceNameAction;
  place_name_id: number;
  name: string;
  pinyin: string;
  former_name: string | null;
  category: PlaceNameCategory;
  division_code: string;
  location: string;
  approval_body: string;
  approval_date: string;
  published_by: number;
  published_at: Date;
}

export interface FollowRow {
  id: number;
  user_id: number;
  prefix: string;
  division_code: string;
  created_at: Date;
}

export interface ApiKeyRow {
  id: number;
  holder: string;
  key_hash: string;
  key_prefix: string;
  per_minute: number;
  created_by: number;
  created_at: Date;
  revoked_at: Date | null;
}

type M<R extends object> = ModelStatic<Model<R, Partial<R>> & R>;

export function definePlaceNameModels(db: Sequelize) {
  const opts = (tableName: string) => ({ tableName, timestamps: false });
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const PlaceName = db.define(
    'PlaceName',
    {
      id,
      name: DataTypes.STRING,
      pinyin: DataTypes.STRING,
      pinyin_key: DataTypes.STRING,
      initials: DataTypes.STRING,
      category: DataTypes.STRING,
      division_code: DataTypes.STRING,
      location: DataTypes.STRING,
      lng: DataTypes.DOUBLE,
      lat: DataTypes.DOUBLE,
      meaning: DataTypes.TEXT,
      history: DataTypes.TEXT,
      approval_body: DataTypes.STRING,
      approval_date: DataTypes.STRING,
      status: DataTypes.STRING,
      former_name: DataTypes.STRING,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    opts('place_names'),
  ) as unknown as M<PlaceNameRow>;
  const Announcement = db.define(
    'PlaceNameAnnouncement',
    {
      id,
      action: DataTypes.STRING,
      place_name_id: DataTypes.INTEGER,
      name: DataTypes.STRING,
      pinyin: DataTypes.STRING,
      former_name: DataTypes.STRING,
      category: DataTypes.STRING,
      division_code: DataTypes.STRING,
      location: DataTypes.STRING,
      approval_body: DataTypes.STRING,
      approval_date: DataTypes.STRING,
      published_by: DataTypes.INTEGER,
      published_at: DataTypes.DATE,
    },
    opts('place_name_announcements'),
  ) as unknown as M<AnnouncementRow>;
  const Follow = db.define(
    'PlaceNameFollow',
    {
      id,
      user_id: DataTypes.INTEGER,
      prefix: DataTypes.STRING,
      division_code: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    opts('place_name_follows'),
  ) as unknown as M<FollowRow>;
  const ApiKey = db.define(
    'OpenApiKey',
    {
      id,
      holder: DataTypes.STRING,
      key_hash: DataTypes.STRING,
      key_prefix: DataTypes.STRING,
      per_minute: DataTypes.INTEGER,
      created_by: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
      revoked_at: DataTypes.DATE,
    },
    opts('open_api_keys'),
  ) as unknown as M<ApiKeyRow>;
  const Culture = db.define(
    'PlaceNameCulture',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      place_name_id: DataTypes.INTEGER,
      title: DataTypes.STRING,
      body: DataTypes.TEXT,
      source: DataTypes.STRING,
      published_by: DataTypes.INTEGER,
      published_at: DataTypes.DATE,
    },
    { tableName: 'place_name_culture', timestamps: false },
  ) as unknown as M<CultureRow>;
  return { PlaceName, Announcement, Follow, ApiKey, Culture };
}

export interface CultureRow {
  id: number;
  place_name_id: number;
  title: string;
  body: string;
  source: string | null;
  published_by: number;
  published_at: Date;
}

export type PlaceNameModels = ReturnType<typeof definePlaceNameModels>;
