import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface Period {
  key: string;
  start: string;
  end: string;
  capacity: number;
}

export interface ConfigRow {
  id: number;
  hall_id: number;
  service_code: string;
  periods: Period[];
  open_days_ahead: number;
  cutoff_minutes: number;
  cancel_minutes: number;
  no_show_limit: number;
  no_show_window_days: number;
  no_show_ban_days: number;
  active: boolean;
}
export interface SlotRow {
  id: number;
  hall_id: number;
  service_code: string;
  date: string;
  period: string;
  start_time: string;
  end_time: string;
  capacity: number;
  booked: number;
}
export type BookingStatus =
  | 'awaiting_partner'
  | 'confirmed'
  | 'checked_in'
  | 'completed'
  | 'cancelled'
  | 'lapsed'
  | 'no_show';
export const ACTIVE: BookingStatus[] = ['awaiting_partner', 'confirmed', 'checked_in'];
export interface BookingRow {
  id: number;
  code: string;
  hall_id: number;
  service_code: string;
  slot_id: number;
  date: string;
  period: string;
  start_time: string;
  end_time: string;
  user_id: number;
  partner_user_id: number | null;
  status: BookingStatus;
  visit: number;
  divorce_case_id: number | null;
  rush_day_id: number | null;
  invite_code: string | null;
  invite_expires_at: Date | null;
  consent_notices: boolean;
  reminded_at: Date | null;
  checked_in_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}
export interface HoldRow {
  id: number;
  user_id: number;
  service_code: string;
  booking_id: number;
  created_at: Date;
}
export type CaseStatus = 'cooling_off' | 'open' | 'booked' | 'completed' | 'withdrawn' | 'lapsed';
export interface CaseRow {
  id: number;
  hall_id: number;
  first_booking_id: number;
  party_a: number;
  party_b: number;
  applied_on: string;
  cooling_off_ends_on: string;
  second_visit_from: string;
  second_visit_until: string;
  status: CaseStatus;
}
export interface RushDayRow {
  id: number;
  hall_id: number;
  service_code: string;
  date: string;
  entry_deadline: Date;
  status: 'open' | 'drawing' | 'drawn';
  seed: string | null;
  drawn_at: Date | null;
}
export interface RushEntryRow {
  id: number;
  rush_day_id: number;
  user_id: number;
  result: 'won' | 'lost' | null;
  booking_id: number | null;
  created_at: Date;
}

type M<R extends object> = Model<R, Partial<R>> & R;
export type ConfigModel = M<ConfigRow>;
export type SlotModel = M<SlotRow>;
export type BookingModel = M<BookingRow>;
export type HoldModel = M<HoldRow>;
export type CaseModel = M<CaseRow>;
export type RushDayModel = M<RushDayRow>;
export type RushEntryModel = M<RushEntryRow>;

const stamps = { underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' } as const;
const int = DataTypes.INTEGER;
const str = DataTypes.STRING;

export function defineBookingModels(db: Sequelize) {
  const Config = db.define<ConfigModel>(
    'BookingConfig',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      hall_id: int,
      service_code: str,
      periods: {
        type: DataTypes.TEXT,
        get(this: Model) {
          return JSON.parse((this.getDataValue('periods' as never) as string) ?? '[]');
        },
        set(this: Model, v: unknown) {
          this.setDataValue('periods' as never, JSON.stringify(v) as never);
        },
      },
      open_days_ahead: int,
      cutoff_minutes: int,
      cancel_minutes: int,
      no_show_limit: int,
      no_show_window_days: int,
      no_show_ban_days: int,
      active: DataTypes.BOOLEAN,
    },
    { tableName: 'booking_configs', ...stamps },
  );
  const Slot = db.define<SlotModel>(
    'BookingSlot',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      hall_id: int,
      service_code: str,
      date: str,
      period: str,
      start_time: str,
      end_time: str,
      capacity: int,
      booked: int,
    },
    { tableName: 'booking_slots', timestamps: false },
  );
  const Booking = db.define<BookingModel>(
    'Booking',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      code: str,
      hall_id: int,
      service_code: str,
      slot_id: int,
      date: str,
      period: str,
      start_time: str,
      end_time: str,
      user_id: int,
      partner_user_id: int,
      status: str,
      visit: int,
      divorce_case_id: int,
      rush_day_id: int,
      invite_code: str,
      invite_expires_at: DataTypes.DATE,
      consent_notices: DataTypes.BOOLEAN,
      reminded_at: DataTypes.DATE,
      checked_in_at: DataTypes.DATE,
      closed_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    { tableName: 'bookings', ...stamps },
  );
  const Hold = db.define<HoldModel>(
    'BookingHold',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      user_id: int,
      service_code: str,
      booking_id: int,
      created_at: DataTypes.DATE,
    },
    { tableName: 'booking_holds', timestamps: false },
  );
  const Case = db.define<CaseModel>(
    'DivorceCase',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      hall_id: int,
      first_booking_id: int,
      party_a: int,
      party_b: int,
      applied_on: str,
      cooling_off_ends_on: str,
      second_visit_from: str,
      second_visit_until: str,
      status: str,
    },
    { tableName: 'divorce_cases', ...stamps },
  );
  const RushDay = db.define<RushDayModel>(
    'RushDay',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      hall_id: int,
      service_code: str,
      date: str,
      entry_deadline: DataTypes.DATE,
      status: str,
      seed: str,
      drawn_at: DataTypes.DATE,
    },
    { tableName: 'rush_days', ...stamps },
  );
  const RushEntry = db.define<RushEntryModel>(
    'RushEntry',
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      rush_day_id: int,
      user_id: int,
      result: str,
      booking_id: int,
      created_at: DataTypes.DATE,
    },
    { tableName: 'rush_entries', timestamps: false },
  );
  return {
    Config: Config as ModelStatic<ConfigModel>,
    Slot: Slot as ModelStatic<SlotModel>,
    Booking: Booking as ModelStatic<BookingModel>,
    Hold: Hold as ModelStatic<HoldModel>,
    Case: Case as ModelStatic<CaseModel>,
    RushDay: RushDay as ModelStatic<RushDayModel>,
    RushEntry: RushEntry as ModelStatic<RushEntryModel>,
  };
}
