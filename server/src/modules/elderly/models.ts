import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { ElderlyPlaceKind } from '@minzheng/contracts';

export interface PlaceRow {
  id: number;
  kind: ElderlyPlaceKind;
  name: string;
  division_code: string;
  address: string;
  lat: number;
  lng: number;
  phone: string;
  hours: string;
  beds: number;
  vacancies: number;
  care_levels: string;
  price_from_cents: number;
  stars: number;
  intro: string;
  version: number;
  updated_at: Date;
  created_at: Date;
}

export interface FeeRow {
  id: number;
  place_id: number;
  seq: number;
  item: string;
  unit: string;
  price_cents: number;
  note: string;
}

export interface AllowanceTier {
  minAge: number;
  monthlyCents: number;
}

export interface AllowanceRuleRow {
  prefix: string;
  tiers: AllowanceTier[];
  updated_at: Date;
}

export type ClaimKind = 'age-allowance' | 'service-subsidy';

export interface ClaimRow {
  id: number;
  kind: ClaimKind;
  user_id: number;
  id_number_hash: string;
  live_key: string | null;
  case_id: number;
  division_code: string;
  age: number | null;
  care_level: string | null;
  monthly_cents: number | null;
  reason: string | null;
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

export function defineElderlyModels(db: Sequelize) {
  const int = DataTypes.INTEGER;
  const str = DataTypes.STRING;
  const at = DataTypes.DATE;
  // Timestamps are written from the platform clock by the use cases, never by Sequelize.
  const plain = { timestamps: false } as const;
  const Place = db.define(
    'ElderlyPlace',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      kind: str,
      name: str,
      division_code: str,
      address: str,
      lat: DataTypes.DOUBLE,
      lng: DataTypes.DOUBLE,
      phone: str,
      hours: str,
      beds: int,
      vacancies: int,
      care_levels: str,
      price_from_cents: int,
      stars: int,
      intro: DataTypes.TEXT,
      version: int,
      updated_at: at,
      created_at: at,
    },
    { ...plain, tableName: 'elderly_places' },
  ) as unknown as M<PlaceRow>;
  const Fee = db.define(
    'ElderlyFee',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      place_id: int,
      seq: int,
      item: str,
      unit: str,
      price_cents: int,
      note: str,
    },
    { ...plain, tableName: 'elderly_fees' },
  ) as unknown as M<FeeRow>;
  const AllowanceRule = db.define(
    'ElderlyAllowanceRule',
    { prefix: { type: str, primaryKey: true }, tiers: json('tiers'), updated_at: at },
    { ...plain, tableName: 'elderly_allowance_rules' },
  ) as unknown as M<AllowanceRuleRow>;
  const Claim = db.define(
    'ElderlyClaim',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      kind: str,
      user_id: int,
      id_number_hash: str,
      live_key: str,
      case_id: int,
      division_code: str,
      age: int,
      care_level: str,
      monthly_cents: int,
      reason: DataTypes.TEXT,
      created_at: at,
    },
    { ...plain, tableName: 'elderly_claims' },
  ) as unknown as M<ClaimRow>;
  return { Place, Fee, AllowanceRule, Claim };
}

export type ElderlyModels = ReturnType<typeof defineElderlyModels>;
