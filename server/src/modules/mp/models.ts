import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface SubscriberRow {
  id: number;
  appid: string;
  openid: string;
  unionid: string | null;
  user_id: number | null;
  subscribed: boolean;
  subscribed_at: Date | null;
  unsubscribed_at: Date | null;
  source_scene: string | null;
  hall_id: number | null;
  division_code: string | null;
  created_at: Date;
  updated_at: Date;
}
export interface SubscriberTagRow {
  subscriber_id: number;
  tag: string;
  created_at: Date;
}
export interface SceneRow {
  id: number;
  scene: string;
  kind: 'hall' | 'campaign';
  title: string;
  hall_id: number | null;
  division_code: string | null;
  ticket: string | null;
  url: string | null;
  expires_at: Date | null;
  created_by: number | null;
  created_at: Date;
}
export interface ReplyRow {
  id: number;
  keywords: string;
  question: string;
  answer: string;
  enabled: boolean;
  updated_by: number | null;
  created_at: Date;
  updated_at: Date;
}
export interface MenuRow {
  id: number;
  appid: string;
  menu: string;
  pushed_at: Date | null;
  updated_by: number | null;
  updated_at: Date;
}

type M<R extends object> = Model<R, Partial<R>> & R;
export type SubscriberModel = M<SubscriberRow>;
export type ReplyModel = M<ReplyRow>;

const stamps = { underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export function defineMpModels(db: Sequelize) {
  const Subscriber = db.define<SubscriberModel>(
    'MpSubscriber',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      appid: DataTypes.STRING,
      openid: DataTypes.STRING,
      unionid: DataTypes.STRING,
      user_id: DataTypes.INTEGER,
      subscribed: DataTypes.BOOLEAN,
      subscribed_at: DataTypes.DATE,
      unsubscribed_at: DataTypes.DATE,
      source_scene: DataTypes.STRING,
      hall_id: DataTypes.INTEGER,
      division_code: DataTypes.STRING,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'mp_subscribers', ...stamps },
  );
  const SubscriberTag = db.define<M<SubscriberTagRow>>(
    'MpSubscriberTag',
    {
      subscriber_id: { type: DataTypes.INTEGER, primaryKey: true },
      tag: { type: DataTypes.STRING, primaryKey: true },
      created_at: DataTypes.DATE,
    },
    { tableName: 'mp_subscriber_tags', timestamps: false },
  );
  const Scene = db.define<M<SceneRow>>(
    'MpScene',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      scene: DataTypes.STRING,
      kind: DataTypes.STRING,
      title: DataTypes.STRING,
      hall_id: DataTypes.INTEGER,
      division_code: DataTypes.STRING,
      ticket: DataTypes.STRING,
      url: DataTypes.STRING,
      expires_at: DataTypes.DATE,
      created_by: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
    },
    { tableName: 'mp_scenes', timestamps: false },
  );
  const Reply = db.define<ReplyModel>(
    'MpReply',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      keywords: DataTypes.STRING,
      question: DataTypes.STRING,
      answer: DataTypes.TEXT,
      enabled: DataTypes.BOOLEAN,
      updated_by: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'mp_replies', ...stamps },
  );
  const Menu = db.define<M<MenuRow>>(
    'MpMenu',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      appid: DataTypes.STRING,
      menu: DataTypes.TEXT,
      pushed_at: DataTypes.DATE,
      updated_by: DataTypes.INTEGER,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'mp_menus', timestamps: true, createdAt: false, updatedAt: 'updated_at' },
  );
  return {
    Subscriber: Subscriber as ModelStatic<SubscriberModel>,
    SubscriberTag: SubscriberTag as ModelStatic<M<SubscriberTagRow>>,
    Scene: Scene as ModelStatic<M<SceneRow>>,
    Reply: Reply as ModelStatic<ReplyModel>,
    Menu: Menu as ModelStatic<M<MenuRow>>,
  };
}
