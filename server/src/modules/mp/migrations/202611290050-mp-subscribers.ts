import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// Followers of the public account, where they came from, their tags; parameter QR scenes;
// the keyword knowledge base; the menu as data.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'mp_subscribers',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      appid: { type: DataTypes.STRING(32), allowNull: false },
      openid: { type: DataTypes.STRING(64), allowNull: false },
      unionid: { type: DataTypes.STRING(64), allowNull: true },
      user_id: { type: DataTypes.INTEGER, allowNull: true },
      subscribed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      subscribed_at: { type: DataTypes.DATE, allowNull: true },
      unsubscribed_at: { type: DataTypes.DATE, allowNull: true },
      source_scene: { type: DataTypes.STRING(64), allowNull: true },
      hall_id: { type: DataTypes.INTEGER, allowNull: true },
      division_code: { type: DataTypes.STRING(12), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('mp_subscribers', ['appid', 'openid'], { unique: true, name: 'mp_subscribers_appid_openid' });
  await qi.addIndex('mp_subscribers', ['unionid'], { name: 'mp_subscribers_unionid' });
  await qi.addIndex('mp_subscribers', ['user_id'], { name: 'mp_subscribers_user_id' });
  await qi.addIndex('mp_subscribers', ['subscribed', 'hall_id'], { name: 'mp_subscribers_hall' });
  await qi.addIndex('mp_subscribers', ['subscribed', 'division_code'], { name: 'mp_subscribers_division' });

  await qi.createTable(
    'mp_subscriber_tags',
    {
      subscriber_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      tag: { type: DataTypes.STRING(30), allowNull: false, primaryKey: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('mp_subscriber_tags', ['tag', 'subscriber_id'], { name: 'mp_subscriber_tags_tag' });

  await qi.createTable(
    'mp_scenes',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      scene: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      title: { type: DataTypes.STRING(100), allowNull: false },
      hall_id: { type: DataTypes.INTEGER, allowNull: true },
      division_code: { type: DataTypes.STRING(12), allowNull: true },
      ticket: { type: DataTypes.STRING(200), allowNull: true },
      url: { type: DataTypes.STRING(300), allowNull: true },
      expires_at: { type: DataTypes.DATE, allowNull: true },
      created_by: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );

  await qi.createTable(
    'mp_replies',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      keywords: { type: DataTypes.STRING(500), allowNull: false },
      question: { type: DataTypes.STRING(200), allowNull: false },
      answer: { type: DataTypes.TEXT, allowNull: false },
      enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      updated_by: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );

  await qi.createTable(
    'mp_menus',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      appid: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      menu: { type: DataTypes.TEXT, allowNull: false },
      pushed_at: { type: DataTypes.DATE, allowNull: true },
      updated_by: { type: DataTypes.INTEGER, allowNull: true },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
};
