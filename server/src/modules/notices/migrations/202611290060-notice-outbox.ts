import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// The delivery side of notices: the outbox (the truth for every WeChat message), delivery
// receipts that arrived before their send was recorded, consents from requestSubscribeMessage,
// citizens' choices of what they receive, and staff broadcasts.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'notice_outbox',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      channel: { type: DataTypes.STRING(16), allowNull: false }, // mp_template | mini_subscribe
      user_id: { type: DataTypes.INTEGER, allowNull: true },
      message_id: { type: DataTypes.BIGINT, allowNull: true },
      broadcast_id: { type: DataTypes.INTEGER, allowNull: true },
      openid: { type: DataTypes.STRING(64), allowNull: false },
      template_key: { type: DataTypes.STRING(64), allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      client_msg_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      status: { type: DataTypes.STRING(16), allowNull: false }, // queued | sending | sent | delivered | failed | cancelled
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
      claim: { type: DataTypes.STRING(36), allowNull: true },
      msgid: { type: DataTypes.STRING(24), allowNull: true },
      reason: { type: DataTypes.STRING(200), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      sent_at: { type: DataTypes.DATE(3), allowNull: true },
      finished_at: { type: DataTypes.DATE(3), allowNull: true },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('notice_outbox', ['status', 'next_attempt_at'], { name: 'notice_outbox_due' });
  await qi.addIndex('notice_outbox', ['msgid'], { name: 'notice_outbox_msgid' });
  await qi.addIndex('notice_outbox', ['broadcast_id', 'status'], { name: 'notice_outbox_broadcast' });
  await qi.addIndex('notice_outbox', ['openid', 'status'], { name: 'notice_outbox_openid' });
  await qi.addIndex('notice_outbox', ['message_id'], { name: 'notice_outbox_message' });

  await qi.createTable(
    'notice_receipts',
    {
      msgid: { type: DataTypes.STRING(24), primaryKey: true },
      status: { type: DataTypes.STRING(40), allowNull: false },
      received_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    TABLE_OPTIONS,
  );

  await qi.createTable(
    'notice_consents',
    {
      user_id: { type: DataTypes.INTEGER, primaryKey: true },
      template_id: { type: DataTypes.STRING(64), primaryKey: true },
      remaining: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );

  await qi.createTable(
    'notice_preferences',
    {
      user_id: { type: DataTypes.INTEGER, primaryKey: true },
      kind: { type: DataTypes.STRING(32), primaryKey: true },
      enabled: { type: DataTypes.BOOLEAN, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );

  await qi.createTable(
    'notice_broadcasts',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      template_key: { type: DataTypes.STRING(64), allowNull: false },
      data: { type: DataTypes.TEXT, allowNull: false },
      link: { type: DataTypes.STRING(512), allowNull: true },
      segment: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false }, // pending | rejected | sending | sent | cancelled
      recipients: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      expanded: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      cursor: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_by: { type: DataTypes.INTEGER, allowNull: false },
      approved_by: { type: DataTypes.INTEGER, allowNull: true },
      reason: { type: DataTypes.STRING(200), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      approved_at: { type: DataTypes.DATE, allowNull: true },
      finished_at: { type: DataTypes.DATE, allowNull: true },
    },
    TABLE_OPTIONS,
  );
};
