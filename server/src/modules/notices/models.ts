import { DataTypes, Model, ModelStatic, Sequelize } from 'sequelize';

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
  return { Message: Message as ModelStatic<MessageModel> };
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
