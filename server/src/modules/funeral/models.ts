import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type {
  ChecklistStepKey,
  DeathPlace,
  FeeClass,
  FeeUnit,
  FuneralPlaceKind,
  HuiminWaiver,
  StepState,
} from '@minzheng/contracts';

export interface ItemWaiver {
  kind: HuiminWaiver;
  /** Waived up to this many units (存放 3 天, 寄存 2 年); null: the whole line. */
  maxQuantity: number | null;
}

/** 云祭扫: a family's memorial page for a deceased relative, found by its share code. */
export interface MemorialRow {
  id: number;
  code: string;
  owner_user_id: number;
  deceased_name: string;
  born_on: string | null;
  died_on: string;
  biography: string | null;
  flowers: number;
  /** 0 without a photo; the current photo's number otherwise (its URL names it). */
  photo_version: number;
  /** Set when the family withdrew the page: its code then answers 「已撤下」. */
  withdrawn_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
export interface MemorialPhotoRow {
  memorial_id: number;
  mime: string;
  data: Buffer;
  updated_at: Date;
}
/** A message on a memorial: pending until the family shows it (or hides it). */
export interface MemorialMessageRow {
  id: number;
  memorial_id: number;
  user_id: number;
  signature: string;
  content: string;
  status: 'pending' | 'shown' | 'hidden';
  moderated_at: Date | null;
  created_at: Date;
}
export interface MemorialFlowerRow {
  id: number;
  memorial_id: number;
  user_id: number;
  day: string;
  created_at: Date;
}

export interface PlaceRow {
  id: number;
  kind: FuneralPlaceKind;
  name: string;
  division_code: string;
  address: string;
  phone: string;
  hours: string;
  services: string[];
  waiver_caps: Partial<Record<HuiminWaiver, number>>;
  active: boolean;
}
export interface FeeItemRow {
  id: number;
  place_id: number;
  code: string;
  name: string;
  fee_class: FeeClass;
  unit: FeeUnit;
  price_cents: number;
  legal_basis: string;
  waivers: ItemWaiver[];
  seq: number;
  active: boolean;
}
export interface BillRow {
  id: number;
  bill_no: string;
  place_id: number;
  division_code: string;
  deceased_name_enc: string;
  deceased_name_masked: string;
  waivers: HuiminWaiver[];
  claim_code_hash: string;
  family_user_id: number | null;
  issued_on: string;
  created_by: number;
  created_at: Date;
}
export interface BillLineRow {
  id: number;
  bill_id: number;
  item_code: string;
  name: string;
  fee_class: FeeClass;
  unit: FeeUnit;
  unit_price_cents: number;
  quantity: number;
  waivers: ItemWaiver[];
  created_by: number;
  created_at: Date;
}

export interface ChecklistRow {
  id: number;
  user_id: number;
  deceased_name_enc: string;
  deceased_name_masked: string;
  death_date: string;
  death_place: DeathPlace;
  division_code: string;
}
export interface StepRow {
  id: number;
  checklist_id: number;
  step_key: ChecklistStepKey;
  state: StepState;
  due_on: string | null;
  done_on: string | null;
  case_number: string | null;
  reminded_at: Date | null;
  updated_at: Date;
}

export interface VisitSlotRow {
  id: number;
  place_id: number;
  date: string;
  start_time: string;
  end_time: string;
  capacity: number;
  booked: number;
  /** Seats held back for the 绿色通道 (staff book them in person), and how many are taken. */
  green_capacity: number;
  green_booked: number;
}
export interface VisitRow {
  id: number;
  code: string;
  slot_id: number;
  place_id: number;
  user_id: number;
  deceased_name_masked: string;
  companions: number;
  created_at: Date;
  checked_in_at: Date | null;
  checked_in_by: number | null;
}
export type GreenReason = 'elderly' | 'disabled';
export interface GreenVisitRow {
  id: number;
  code: string;
  slot_id: number;
  place_id: number;
  visitor_name_enc: string;
  visitor_name_masked: string;
  visitor_id_hash: string;
  reason: GreenReason;
  deceased_name_masked: string;
  companions: number;
  from_reserve: boolean;
  created_by: number;
  created_at: Date;
  checked_in_at: Date | null;
  checked_in_by: number | null;
}

type M<R extends object> = Model<R, Partial<R>> & R;
const stamps = { underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' } as const;
const int = DataTypes.INTEGER;
const str = DataTypes.STRING;
const json = (field: string) => ({
  type: DataTypes.TEXT,
  get(this: Model) {
    return JSON.parse((this.getDataValue(field as never) as string) ?? 'null');
  },
  set(this: Model, v: unknown) {
    this.setDataValue(field as never, JSON.stringify(v) as never);
  },
});
const id = { type: int, primaryKey: true, autoIncrement: true };

export function defineFuneralModels(db: Sequelize) {
  const Place = db.define<M<PlaceRow>>(
    'FuneralPlace',
    {
      id,
      kind: str,
      name: str,
      division_code: str,
      address: str,
      phone: str,
      hours: str,
      services: json('services'),
      waiver_caps: json('waiver_caps'),
      active: DataTypes.BOOLEAN,
    },
    { tableName: 'funeral_places', ...stamps },
  );
  const FeeItem = db.define<M<FeeItemRow>>(
    'FuneralFeeItem',
    {
      id,
      place_id: int,
      code: str,
      name: str,
      fee_class: str,
      unit: str,
      price_cents: int,
      legal_basis: str,
      waivers: json('waivers'),
      seq: int,
      active: DataTypes.BOOLEAN,
    },
    { tableName: 'funeral_fee_items', ...stamps },
  );
  const Bill = db.define<M<BillRow>>(
    'FuneralBill',
    {
      id,
      bill_no: str,
      place_id: int,
      division_code: str,
      deceased_name_enc: DataTypes.TEXT,
      deceased_name_masked: str,
      waivers: json('waivers'),
      claim_code_hash: str,
      family_user_id: int,
      issued_on: str,
      created_by: int,
      created_at: DataTypes.DATE,
    },
    { tableName: 'funeral_bills', ...stamps },
  );
  const BillLine = db.define<M<BillLineRow>>(
    'FuneralBillLine',
    {
      id,
      bill_id: int,
      item_code: str,
      name: str,
      fee_class: str,
      unit: str,
      unit_price_cents: int,
      quantity: int,
      waivers: json('waivers'),
      created_by: int,
      created_at: DataTypes.DATE,
    },
    { tableName: 'funeral_bill_lines', timestamps: false },
  );
  const Checklist = db.define<M<ChecklistRow>>(
    'FuneralChecklist',
    {
      id,
      user_id: int,
      deceased_name_enc: DataTypes.TEXT,
      deceased_name_masked: str,
      death_date: str,
      death_place: str,
      division_code: str,
    },
    { tableName: 'funeral_checklists', ...stamps },
  );
  const Step = db.define<M<StepRow>>(
    'FuneralChecklistStep',
    {
      id,
      checklist_id: int,
      step_key: str,
      state: str,
      due_on: str,
      done_on: str,
      case_number: str,
      reminded_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'funeral_checklist_steps', timestamps: false },
  );
  const VisitSlot = db.define<M<VisitSlotRow>>(
    'FuneralVisitSlot',
    {
      id,
      place_id: int,
      date: str,
      start_time: str,
      end_time: str,
      capacity: int,
      booked: int,
      green_capacity: int,
      green_booked: int,
    },
    { tableName: 'funeral_visit_slots', timestamps: false },
  );
  const Visit = db.define<M<VisitRow>>(
    'FuneralVisit',
    {
      id,
      code: str,
      slot_id: int,
      place_id: int,
      user_id: int,
      deceased_name_masked: str,
      companions: int,
      created_at: DataTypes.DATE,
      checked_in_at: DataTypes.DATE,
      checked_in_by: int,
    },
    { tableName: 'funeral_visits', timestamps: false },
  );
  const GreenVisit = db.define<M<GreenVisitRow>>(
    'FuneralGreenVisit',
    {
      id,
      code: str,
      slot_id: int,
      place_id: int,
      visitor_name_enc: DataTypes.TEXT,
      visitor_name_masked: str,
      visitor_id_hash: str,
      reason: str,
      deceased_name_masked: str,
      companions: int,
      from_reserve: DataTypes.BOOLEAN,
      created_by: int,
      created_at: DataTypes.DATE,
      checked_in_at: DataTypes.DATE,
      checked_in_by: int,
    },
    { tableName: 'funeral_green_visits', timestamps: false },
  );
  const Memorial = db.define(
    'FuneralMemorial',
    {
      id,
      code: str,
      owner_user_id: int,
      deceased_name: str,
      born_on: str,
      died_on: str,
      biography: DataTypes.TEXT,
      flowers: int,
      photo_version: int,
      withdrawn_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'funeral_memorials', timestamps: false },
  );
  const MemorialPhoto = db.define(
    'FuneralMemorialPhoto',
    {
      memorial_id: { type: int, primaryKey: true },
      mime: str,
      data: DataTypes.BLOB('medium'),
      updated_at: DataTypes.DATE,
    },
    { tableName: 'funeral_memorial_photos', timestamps: false },
  );
  const MemorialMessage = db.define(
    'FuneralMemorialMessage',
    {
      id,
      memorial_id: int,
      user_id: int,
      signature: str,
      content: DataTypes.TEXT,
      status: str,
      moderated_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    { tableName: 'funeral_memorial_messages', timestamps: false },
  );
  const MemorialFlower = db.define(
    'FuneralMemorialFlower',
    { id, memorial_id: int, user_id: int, day: str, created_at: DataTypes.DATE },
    { tableName: 'funeral_memorial_flowers', timestamps: false },
  );
  return {
    Memorial: Memorial as ModelStatic<M<MemorialRow>>,
    MemorialMessage: MemorialMessage as ModelStatic<M<MemorialMessageRow>>,
    MemorialFlower: MemorialFlower as ModelStatic<M<MemorialFlowerRow>>,
    MemorialPhoto: MemorialPhoto as ModelStatic<M<MemorialPhotoRow>>,
    VisitSlot: VisitSlot as ModelStatic<M<VisitSlotRow>>,
    Visit: Visit as ModelStatic<M<VisitRow>>,
    GreenVisit: GreenVisit as ModelStatic<M<GreenVisitRow>>,
    Checklist: Checklist as ModelStatic<M<ChecklistRow>>,
    Step: Step as ModelStatic<M<StepRow>>,
    Place: Place as ModelStatic<M<PlaceRow>>,
    FeeItem: FeeItem as ModelStatic<M<FeeItemRow>>,
    Bill: Bill as ModelStatic<M<BillRow>>,
    BillLine: BillLine as ModelStatic<M<BillLineRow>>,
  };
}

export type FuneralModels = ReturnType<typeof defineFuneralModels>;
