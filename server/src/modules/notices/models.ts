import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { FailureClass } from './delivery/outcome';

export interface MessageRow {
  id: number;
  user_id: number;
  kind: string;
  template_key: string;
  title: string;
  body: string;
  link: string | null;
  data: string | null;
  read_at: Date | null;
  created_at: Date;
}
export type MessageModel = Model<MessageRow, Partial<MessageRow>> & MessageRow;

export type Channel = 'mp_template' | 'mini_subscribe';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'cancelled';

export interface OutboxRow {
  id: number;
  channel: Channel;
  user_id: number | null;
  message_id: number | null;
  broadcast_id: number | null;
  openid: string;
  template_key: string;
  payload: string;
  client_msg_id: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  claim: string | null;
  msgid: string | null;
  reason: string | null;
  /** Set with `failed`: technical | temporary | permanent (delivery/outcome.ts). */
  failure_class: FailureClass | null;
  created_at: Date;
  sent_at: Date | null;
  finished_at: Date | null;
}
export interface ConsentRow {
  user_id: number;
  template_id: string;
  remaining: number;
  updated_at: Date;
}
export interface PreferenceRow {
  user_id: number;
  kind: string;
  enabled: boolean;
  updated_at: Date;
}
export type BroadcastStatus = 'pending' | 'rejected' | 'sending' | 'sent' | 'cancelled';
export interface BroadcastRow {
  id: number;
  template_key: string;
  data: string;
  link: string | null;
  segment: string;
  /** Where the segment reaches ('' = nationwide), and its hall when it is one hall's. */
  reach_division: string;
  reach_hall_id: number | null;
  status: BroadcastStatus;
  recipients: number;
  expanded: number;
  cursor: number;
  created_by: number;
  approved_by: number | null;
  reason: string | null;
  created_at: Date;
  approved_at: Date | null;
  finished_at: Date | null;
}

type M<R extends object> = Model<R, Partial<R>> & R;

export function defineNoticeModels(db: Sequelize) {
  const Message = db.define<MessageModel>(
    'Message',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      user_id: DataTypes.INTEGER,
      kind: DataTypes.STRING,
      template_key: DataTypes.STRING,
      title: DataTypes.STRING,
      body: DataTypes.TEXT,
      link: DataTypes.STRING,
      data: DataTypes.TEXT,
      read_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    { tableName: 'messages', timestamps: false },
  );
  const Outbox = db.define<M<OutboxRow>>(
    'NoticeOutbox',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      channel: DataTypes.STRING,
      user_id: DataTypes.INTEGER,
      message_id: DataTypes.BIGINT,
      broadcast_id: DataTypes.INTEGER,
      openid: DataTypes.STRING,
      template_key: DataTypes.STRING,
      payload: DataTypes.TEXT,
      client_msg_id: DataTypes.STRING,
      status: DataTypes.STRING,
      attempts: DataTypes.INTEGER,
      next_attempt_at: DataTypes.DATE(3),
      claim: DataTypes.STRING,
      msgid: DataTypes.STRING,
      reason: DataTypes.STRING,
      failure_class: DataTypes.STRING,
      created_at: DataTypes.DATE(3),
      sent_at: DataTypes.DATE(3),
      finished_at: DataTypes.DATE(3),
    },
    { tableName: 'notice_outbox', timestamps: false },
  );
  const Receipt = db.define<M<{ msgid: string; status: string; received_at: Date }>>(
    'NoticeReceipt',
    {
      msgid: { type: DataTypes.STRING, primaryKey: true },
      status: DataTypes.STRING,
      received_at: DataTypes.DATE(3),
    },
    { tableName: 'notice_receipts', timestamps: false },
  );
  const Consent = db.define<M<ConsentRow>>(
    'NoticeConsent',
    {
      user_id: { type: DataTypes.INTEGER, primaryKey: true },
      template_id: { type: DataTypes.STRING, primaryKey: true },
      remaining: DataTypes.INTEGER,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'notice_consents', timestamps: false },
  );
  const Preference = db.define<M<PreferenceRow>>(
    'NoticePreference',
    {
      user_id: { type: DataTypes.INTEGER, primaryKey: true },
      kind: { type: DataTypes.STRING, primaryKey: true },
      enabled: DataTypes.BOOLEAN,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'notice_preferences', timestamps: false },
  );
  const Broadcast = db.define<M<BroadcastRow>>(
    'NoticeBroadcast',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      template_key: DataTypes.STRING,
      data: DataTypes.TEXT,
      link: DataTypes.STRING,
      segment: DataTypes.TEXT,
      reach_division: DataTypes.STRING,
      reach_hall_id: DataTypes.INTEGER,
      status: DataTypes.STRING,
      recipients: DataTypes.INTEGER,
      expanded: DataTypes.INTEGER,
      cursor: DataTypes.INTEGER,
      created_by: DataTypes.INTEGER,
      approved_by: DataTypes.INTEGER,
      reason: DataTypes.STRING,
      created_at: DataTypes.DATE,
      approved_at: DataTypes.DATE,
      finished_at: DataTypes.DATE,
    },
    { tableName: 'notice_broadcasts', timestamps: false },
  );
  return {
    Message: Message as ModelStatic<MessageModel>,
    Outbox: Outbox as ModelStatic<M<OutboxRow>>,
    Receipt: Receipt as ModelStatic<M<{ msgid: string; status: string; received_at: Date }>>,
    Consent: Consent as ModelStatic<M<ConsentRow>>,
    Preference: Preference as ModelStatic<M<PreferenceRow>>,
    Broadcast: Broadcast as ModelStatic<M<BroadcastRow>>,
  };
}

export const toMessageView = (m: MessageRow) => ({
  id: Number(m.id),
  kind: m.kind,
  title: m.title,
  body: m.body,
  link: m.link,
  read: Boolean(m.read_at),
  createdAt: new Date(m.created_at).toISOString(),
});
