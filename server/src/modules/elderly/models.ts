import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type {
  AssessmentPeriod,
  ElderlyPlaceKind,
  FamilyLinkStatus,
  FamilyRelation,
  MealOrderStatus,
  MealSlot,
} from '@minzheng/contracts';

export interface PlaceRow {
  id: number;
  kind: ElderlyPlaceKind;
  name: string;
  division_code: string;
  address: string;
  lat: number;
  /** The grid cell of (lat, lng), see grid.ts. */
  grid_cell: number;
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

export interface FamilyLinkRow {
  id: number;
  requester_user_id: number;
  elder_hash: string;
  elder_id_enc: string;
  elder_name_enc: string;
  relation: FamilyRelation;
  status: FamilyLinkStatus;
  created_at: Date;
  confirmed_at: Date | null;
  /** The staff account that confirmed at a hall's window; null when the elder confirmed. */
  confirmed_by_staff: number | null;
}

export interface MealRuleRow {
  prefix: string;
  min_age: number;
  per_meal_cents: number;
  assessed_per_meal_cents: number;
  updated_at: Date;
}

export interface MealMenuRow {
  id: number;
  place_id: number;
  day: string;
  slot: MealSlot;
  dishes: string;
  price_cents: number;
  portions: number;
  ordered: number;
  cutoff_at: Date;
  updated_at: Date;
}

export interface MealOrderRow {
  id: number;
  menu_id: number;
  place_id: number;
  day: string;
  orderer_user_id: number;
  link_id: number | null;
  diner_hash: string;
  diner_name_enc: string;
  price_cents: number;
  subsidy_cents: number;
  pay_cents: number;
  status: MealOrderStatus;
  live_key: string | null;
  created_at: Date;
  cancelled_at: Date | null;
  /** When the pickup code was used at the station (one use), and by which staff account. */
  picked_up_at: Date | null;
  picked_up_by: number | null;
}

export interface AssessmentSlotRow {
  id: number;
  place_id: number;
  day: string;
  period: AssessmentPeriod;
  capacity: number;
  booked: number;
  updated_at: Date;
}

export interface AssessmentRow {
  id: number;
  case_id: number;
  /** The booking's slot (bookings module); before assessments were bookings, its own slot. */
  slot_id: number;
  /** The booking in the bookings module (null for one made before). */
  booking_id: number | null;
  booker_user_id: number;
  link_id: number | null;
  subject_hash: string;
  subject_name_enc: string;
  live_key: string | null;
  level: string | null;
  assessed_at: Date | null;
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
      grid_cell: int,
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
  const FamilyLink = db.define(
    'ElderlyFamilyLink',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      requester_user_id: int,
      elder_hash: str,
      elder_id_enc: str,
      elder_name_enc: str,
      relation: str,
      status: str,
      created_at: at,
      confirmed_at: at,
      confirmed_by_staff: int,
    },
    { ...plain, tableName: 'elderly_family_links' },
  ) as unknown as M<FamilyLinkRow>;
  const MealRule = db.define(
    'ElderlyMealRule',
    {
      prefix: { type: str, primaryKey: true },
      min_age: int,
      per_meal_cents: int,
      assessed_per_meal_cents: int,
      updated_at: at,
    },
    { ...plain, tableName: 'elderly_meal_rules' },
  ) as unknown as M<MealRuleRow>;
  const MealMenu = db.define(
    'ElderlyMealMenu',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      place_id: int,
      day: str,
      slot: str,
      dishes: str,
      price_cents: int,
      portions: int,
      ordered: int,
      cutoff_at: at,
      updated_at: at,
    },
    { ...plain, tableName: 'elderly_meal_menus' },
  ) as unknown as M<MealMenuRow>;
  const MealOrder = db.define(
    'ElderlyMealOrder',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      menu_id: int,
      place_id: int,
      day: str,
      orderer_user_id: int,
      link_id: int,
      diner_hash: str,
      diner_name_enc: str,
      price_cents: int,
      subsidy_cents: int,
      pay_cents: int,
      status: str,
      live_key: str,
      created_at: at,
      cancelled_at: at,
      picked_up_at: at,
      picked_up_by: int,
    },
    { ...plain, tableName: 'elderly_meal_orders' },
  ) as unknown as M<MealOrderRow>;
  const AssessmentSlot = db.define(
    'ElderlyAssessmentSlot',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      place_id: int,
      day: str,
      period: str,
      capacity: int,
      booked: int,
      updated_at: at,
    },
    { ...plain, tableName: 'elderly_assessment_slots' },
  ) as unknown as M<AssessmentSlotRow>;
  const Assessment = db.define(
    'ElderlyAssessment',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      case_id: int,
      slot_id: int,
      booking_id: int,
      booker_user_id: int,
      link_id: int,
      subject_hash: str,
      subject_name_enc: str,
      live_key: str,
      level: str,
      assessed_at: at,
      created_at: at,
    },
    { ...plain, tableName: 'elderly_assessments' },
  ) as unknown as M<AssessmentRow>;
  return { Place, Fee, AllowanceRule, Claim, FamilyLink, MealRule, MealMenu, MealOrder, AssessmentSlot, Assessment };
}

export type ElderlyModels = ReturnType<typeof defineElderlyModels>;
