import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// The 「中国社会组织动态」 matrix: member public accounts, what they published (one row per
// news item of a publish), and the articles our editors hand to members, tracked per member.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'matrix_members',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(64), allowNull: false },
      appid: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      // AES-GCM ciphertext (p.pii.encrypt): the secret is never stored in clear.
      secret_enc: { type: DataTypes.STRING(255), allowNull: false },
      original_id: { type: DataTypes.STRING(32), allowNull: true },
      level: { type: DataTypes.STRING(16), allowNull: false },
      division_code: { type: DataTypes.STRING(6), allowNull: false },
      category: { type: DataTypes.STRING(32), allowNull: false },
      qr_url: { type: DataTypes.STRING(512), allowNull: true },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      // Per-member back-off: a failing member waits alone; the others keep syncing.
      sync_failures: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      next_sync_at: { type: DataTypes.DATE, allowNull: true },
      last_error: { type: DataTypes.STRING(255), allowNull: true },
      last_synced_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('matrix_members', ['division_code']);

  await qi.createTable(
    'matrix_articles',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      member_id: { type: DataTypes.INTEGER, allowNull: false },
      article_id: { type: DataTypes.STRING(128), allowNull: false },
      idx: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING(255), allowNull: false },
      author: { type: DataTypes.STRING(64), allowNull: true },
      digest: { type: DataTypes.STRING(512), allowNull: true },
      cover_url: { type: DataTypes.STRING(1024), allowNull: true },
      url: { type: DataTypes.STRING(1024), allowNull: false },
      published_at: { type: DataTypes.DATE, allowNull: false },
      // WeChat's update_time of the publish: unchanged means nothing to fetch again.
      wx_update_time: { type: DataTypes.INTEGER, allowNull: false },
      deleted_at: { type: DataTypes.DATE, allowNull: true },
      pinned: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      hidden: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      tags: { type: DataTypes.STRING(255), allowNull: false, defaultValue: '[]' },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('matrix_articles', ['member_id', 'article_id', 'idx'], {
    unique: true,
    name: 'matrix_articles_item',
  });
  // The feed's order: pinned first, newest first, among what citizens may see.
  await qi.addIndex('matrix_articles', ['hidden', 'deleted_at', 'pinned', 'published_at', 'id'], {
    name: 'matrix_articles_feed',
  });
  await qi.addIndex('matrix_articles', ['member_id', 'published_at'], { name: 'matrix_articles_member' });

  await qi.createTable(
    'matrix_distributions',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      source_article_id: { type: DataTypes.INTEGER, allowNull: true },
      title: { type: DataTypes.STRING(64), allowNull: false },
      author: { type: DataTypes.STRING(16), allowNull: true },
      digest: { type: DataTypes.STRING(255), allowNull: true },
      content: { type: DataTypes.TEXT, allowNull: false },
      source_url: { type: DataTypes.STRING(1024), allowNull: true },
      created_by: { type: DataTypes.INTEGER, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );

  await qi.createTable(
    'matrix_deliveries',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      distribution_id: { type: DataTypes.INTEGER, allowNull: false },
      member_id: { type: DataTypes.INTEGER, allowNull: false },
      // pending → submitted → published | failed
      status: { type: DataTypes.STRING(16), allowNull: false },
      attempt: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      media_id: { type: DataTypes.STRING(128), allowNull: true },
      publish_id: { type: DataTypes.STRING(64), allowNull: true },
      article_url: { type: DataTypes.STRING(1024), allowNull: true },
      error: { type: DataTypes.STRING(255), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('matrix_deliveries', ['distribution_id', 'member_id'], {
    unique: true,
    name: 'matrix_deliveries_member',
  });
  await qi.addIndex('matrix_deliveries', ['member_id', 'publish_id'], { name: 'matrix_deliveries_publish' });
};
