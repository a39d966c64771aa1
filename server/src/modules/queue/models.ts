import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export type Lane = 'booked' | 'priority' | 'normal';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'skipped' | 'cancelled' | 'expired';
export interface TicketRow {
  id: number;
  hall_id: number;
  day: string;
  service_code: string;
  prefix: string;
  number: number;
  label: string;
  lane: Lane;
  status: TicketStatus;
  user_id: number | null;
  booking_id: number | null;
  window_number: string | null;
  call_count: number;
  near_notified: boolean;
  called_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
}
export interface CounterRow {
  id: number;
  hall_id: number;
  day: string;
  prefix: string;
  last: number;
}
export type TicketModel = Model<TicketRow, Partial<TicketRow>> & TicketRow;
export type CounterModel = Model<CounterRow, Partial<CounterRow>> & CounterRow;

export function defineQueueModels(db: Sequelize) {
  const Ticket = db.define<TicketModel>(
    'QueueTicket',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      hall_id: DataTypes.INTEGER,
      day: DataTypes.STRING,
      service_code: DataTypes.STRING,
      prefix: DataTypes.STRING,
      number: DataTypes.INTEGER,
      label: DataTypes.STRING,
      lane: DataTypes.STRING,
      status: DataTypes.STRING,
      user_id: DataTypes.INTEGER,
      booking_id: DataTypes.INTEGER,
      window_number: DataTypes.STRING,
      call_count: DataTypes.INTEGER,
      near_notified: DataTypes.BOOLEAN,
      called_at: DataTypes.DATE,
      finished_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    {
      tableName: 'queue_tickets',
      underscored: true,
      timestamps: true,
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
  );
  const Counter = db.define<CounterModel>(
    'QueueCounter',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      hall_id: DataTypes.INTEGER,
      day: DataTypes.STRING,
      prefix: DataTypes.STRING,
      last: DataTypes.INTEGER,
    },
    { tableName: 'queue_counters', timestamps: false },
  );
  return { Ticket: Ticket as ModelStatic<TicketModel>, Counter: Counter as ModelStatic<CounterModel> };
}
