import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** Opening sessions of a day, e.g. [['09:00','12:00'],['13:30','17:00']]: the gap is the lunch break. */
export type Sessions = [string, string][];

export interface HallRow {
  id: number;
  name: string;
  division_code: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  hours: Sessions;
  closed_weekdays: number[];
  queue_prefixes: Record<string, string> | null;
  intro: string | null;
  active: boolean;
  display_token_hash: string | null;
  display_token_set_at: Date | null;
}
export interface WindowRow {
  id: number;
  hall_id: number;
  number: string;
  name: string;
  service_codes: string[];
  priority_lane: boolean;
  active: boolean;
}
export interface OverrideRow {
  id: number;
  hall_id: number;
  date: string;
  open: boolean;
  hours: Sessions | null;
  note: string | null;
}
export interface EntryCodeRow {
  id: number;
  hall_id: number;
  window_number: string | null;
  service_code: string | null;
  scene: string;
  mp_ticket: string | null;
  mp_url: string | null;
  created_by: number;
  withdrawn_at: Date | null;
  created_at: Date;
}

export type HallModel = Model<HallRow, Partial<HallRow>> & HallRow;
export type WindowModel = Model<WindowRow, Partial<WindowRow>> & WindowRow;
export type OverrideModel = Model<OverrideRow, Partial<OverrideRow>> & OverrideRow;
export type EntryCodeModel = Model<EntryCodeRow, Partial<EntryCodeRow>> & EntryCodeRow;

const json = (field: string, fallback: unknown) => ({
  type: DataTypes.TEXT,
  get(this: Model) {
    const raw = this.getDataValue(field as never) as string | null;
    return raw == null ? fallback : JSON.parse(raw);
  },
  set(this: Model, v: unknown) {
    this.setDataValue(field as never, (v == null ? null : JSON.stringify(v)) as never);
  },
});
const stamps = { underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export function defineHallModels(db: Sequelize) {
  const Hall = db.define<HallModel>(
    'Hall',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: DataTypes.STRING,
      division_code: DataTypes.STRING,
      address: DataTypes.STRING,
      latitude: DataTypes.DOUBLE,
      longitude: DataTypes.DOUBLE,
      phone: DataTypes.STRING,
      hours: json('hours', []),
      closed_weekdays: json('closed_weekdays', []),
      queue_prefixes: json('queue_prefixes', null),
      intro: DataTypes.TEXT,
      active: DataTypes.BOOLEAN,
      display_token_hash: DataTypes.STRING,
      display_token_set_at: DataTypes.DATE,
    },
    { tableName: 'halls', ...stamps },
  );
  const Window = db.define<WindowModel>(
    'HallWindow',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      hall_id: DataTypes.INTEGER,
      number: DataTypes.STRING,
      name: DataTypes.STRING,
      service_codes: json('service_codes', []),
      priority_lane: DataTypes.BOOLEAN,
      active: DataTypes.BOOLEAN,
    },
    { tableName: 'hall_windows', ...stamps },
  );
  const Override = db.define<OverrideModel>(
    'HallDayOverride',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      hall_id: DataTypes.INTEGER,
      date: DataTypes.STRING,
      open: DataTypes.BOOLEAN,
      hours: json('hours', null),
      note: DataTypes.STRING,
    },
    { tableName: 'hall_day_overrides', ...stamps },
  );
  const EntryCode = db.define<EntryCodeModel>(
    'HallEntryCode',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      hall_id: DataTypes.INTEGER,
      window_number: DataTypes.STRING,
      service_code: DataTypes.STRING,
      scene: DataTypes.STRING,
      mp_ticket: DataTypes.STRING,
      mp_url: DataTypes.STRING,
      created_by: DataTypes.INTEGER,
      withdrawn_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    { tableName: 'hall_entry_codes', ...stamps },
  );
  return {
    Hall: Hall as ModelStatic<HallModel>,
    Window: Window as ModelStatic<WindowModel>,
    Override: Override as ModelStatic<OverrideModel>,
    EntryCode: EntryCode as ModelStatic<EntryCodeModel>,
  };
}
