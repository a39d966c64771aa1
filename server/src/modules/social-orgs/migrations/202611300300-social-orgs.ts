import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { isSqlite, TABLE_OPTIONS } from '../../../platform/db';

const now = { type: DataTypes.DATE, allowNull: false };
const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
const orgId = { type: DataTypes.INTEGER, allowNull: false };

/**
 * Social organizations and their credit records. Records are appended, never overwritten:
 * leaving a list sets date_out on the entry, it does not delete it. The name index is an
 * FTS5 trigram table on SQLite and a FULLTEXT index over n-gram tokens on MySQL/MariaDB
 * (see platform/search/ngrams.ts).
 */
export const up: Migration['up'] = async ({ context: qi, db }) => {
  await qi.createTable(
    'social_orgs',
    {
      id,
      uscc: { type: DataTypes.CHAR(18), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      // Normalized name (NFKC, lower case, no spaces), compared byte for byte on MySQL too.
      search_name: { type: DataTypes.STRING(200).BINARY, allowNull: false },
      name_grams: { type: DataTypes.TEXT, allowNull: true },
      type: { type: DataTypes.STRING(16), allowNull: false },
      authority: { type: DataTypes.STRING(100), allowNull: false },
      authority_level: { type: DataTypes.STRING(16), allowNull: false },
      division_code: { type: DataTypes.CHAR(6), allowNull: false },
      supervisor: { type: DataTypes.STRING(100), allowNull: true },
      legal_rep: { type: DataTypes.STRING(50), allowNull: false },
      registered_at: { type: DataTypes.DATEONLY, allowNull: false },
      registered_capital: { type: DataTypes.BIGINT, allowNull: true },
      address: { type: DataTypes.STRING(255), allowNull: false },
      business_scope: { type: DataTypes.TEXT, allowNull: true },
      cert_valid_from: { type: DataTypes.DATEONLY, allowNull: true },
      cert_valid_to: { type: DataTypes.DATEONLY, allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      // Today's derived status, kept for list filters; the profile derives it afresh.
      credit_status: { type: DataTypes.STRING(16), allowNull: false },
      created_at: now,
      updated_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('social_orgs', ['search_name']);
  await qi.addIndex('social_orgs', ['division_code']);
  await qi.addIndex('social_orgs', ['credit_status', 'division_code']);
  if (isSqlite(db)) {
    await db.query(`CREATE VIRTUAL TABLE social_orgs_fts USING fts5(name, pairs, tokenize='trigram')`);
  } else {
    await db.query('ALTER TABLE social_orgs ADD FULLTEXT INDEX social_orgs_name_grams_ft (name_grams)');
  }

  await qi.createTable(
    'org_inspections',
    {
      id,
      org_id: orgId,
      year: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(24), allowNull: false },
      result: { type: DataTypes.STRING(16), allowNull: false },
      remark: { type: DataTypes.STRING(255), allowNull: true },
      created_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_inspections', ['org_id', 'year', 'kind'], { unique: true });

  await qi.createTable(
    'org_penalties',
    {
      id,
      org_id: orgId,
      decision_no: { type: DataTypes.STRING(100), allowNull: false },
      authority: { type: DataTypes.STRING(100), allowNull: false },
      decided_at: { type: DataTypes.DATEONLY, allowNull: false },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      reason: { type: DataTypes.TEXT, allowNull: false },
      amount: { type: DataTypes.BIGINT, allowNull: true },
      created_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_penalties', ['org_id']);

  await qi.createTable(
    'org_ratings',
    {
      id,
      org_id: orgId,
      level: { type: DataTypes.INTEGER, allowNull: false },
      valid_from: { type: DataTypes.DATEONLY, allowNull: false },
      valid_to: { type: DataTypes.DATEONLY, allowNull: false },
      authority: { type: DataTypes.STRING(100), allowNull: false },
      created_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_ratings', ['org_id']);

  await qi.createTable(
    'org_credit_entries',
    {
      id,
      org_id: orgId,
      list: { type: DataTypes.STRING(16), allowNull: false },
      reason_category: { type: DataTypes.STRING(32), allowNull: false },
      reason: { type: DataTypes.TEXT, allowNull: true },
      decision_no: { type: DataTypes.STRING(100), allowNull: false },
      authority: { type: DataTypes.STRING(100), allowNull: false },
      date_in: { type: DataTypes.DATEONLY, allowNull: false },
      correction_required: { type: DataTypes.BOOLEAN, allowNull: false },
      date_out: { type: DataTypes.DATEONLY, allowNull: true },
      reason_out: { type: DataTypes.STRING(255), allowNull: true },
      out_decision_no: { type: DataTypes.STRING(100), allowNull: true },
      // The abnormal entry a 2-year move came from: one serious entry per source, ever.
      source_entry_id: { type: DataTypes.INTEGER, allowNull: true, unique: true },
      created_by: { type: DataTypes.STRING(32), allowNull: false },
      created_at: now,
      updated_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_credit_entries', ['org_id']);
  await qi.addIndex('org_credit_entries', ['list', 'date_out', 'date_in']);

  await qi.createTable(
    'org_credit_transitions',
    {
      id,
      org_id: orgId,
      entry_id: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      from_status: { type: DataTypes.STRING(16), allowNull: false },
      to_status: { type: DataTypes.STRING(16), allowNull: false },
      cause: { type: DataTypes.STRING(255), allowNull: false },
      effective_date: { type: DataTypes.DATEONLY, allowNull: false },
      actor: { type: DataTypes.STRING(32), allowNull: false },
      created_at: now,
    },
    TABLE_OPTIONS,
  );
  // A transition of an entry happens once, however often the daily job runs.
  await qi.addIndex('org_credit_transitions', ['entry_id', 'kind'], { unique: true });
  await qi.addIndex('org_credit_transitions', ['org_id']);

  await qi.createTable(
    'suspected_illegal_orgs',
    {
      id,
      name: { type: DataTypes.STRING(200), allowNull: false },
      search_name: { type: DataTypes.STRING(200).BINARY, allowNull: false },
      authority: { type: DataTypes.STRING(100), allowNull: false },
      division_code: { type: DataTypes.CHAR(6), allowNull: false },
      published_at: { type: DataTypes.DATEONLY, allowNull: false },
      source: { type: DataTypes.STRING(255), allowNull: true },
      created_by: { type: DataTypes.STRING(32), allowNull: false },
      created_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('suspected_illegal_orgs', ['search_name', 'authority'], { unique: true });

  await qi.createTable(
    'org_follows',
    { id, user_id: { type: DataTypes.INTEGER, allowNull: false }, org_id: orgId, created_at: now },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_follows', ['user_id', 'org_id'], { unique: true });
  await qi.addIndex('org_follows', ['org_id']);

  await qi.createTable(
    'org_complaints',
    {
      id,
      tracking_no: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      idempotency_key: { type: DataTypes.STRING(64), allowNull: false },
      fingerprint: { type: DataTypes.CHAR(64), allowNull: false },
      target_type: { type: DataTypes.STRING(16), allowNull: false },
      org_id: { type: DataTypes.INTEGER, allowNull: true },
      illegal_org_id: { type: DataTypes.INTEGER, allowNull: true },
      target_name: { type: DataTypes.STRING(200), allowNull: false },
      division_code: { type: DataTypes.CHAR(6), allowNull: false },
      category: { type: DataTypes.STRING(24), allowNull: false },
      content: { type: DataTypes.TEXT, allowNull: false },
      anonymous: { type: DataTypes.BOOLEAN, allowNull: false },
      contact_name_enc: { type: DataTypes.STRING(255), allowNull: true },
      contact_phone_enc: { type: DataTypes.STRING(255), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      answer: { type: DataTypes.TEXT, allowNull: true },
      reject_reason: { type: DataTypes.TEXT, allowNull: true },
      handled_by: { type: DataTypes.INTEGER, allowNull: true },
      created_at: now,
      updated_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_complaints', ['user_id', 'idempotency_key'], { unique: true });
  await qi.addIndex('org_complaints', ['user_id', 'created_at']);
  await qi.addIndex('org_complaints', ['division_code', 'status', 'created_at']);

  await qi.createTable(
    'org_complaint_events',
    {
      id,
      complaint_id: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.TEXT, allowNull: true },
      actor: { type: DataTypes.STRING(32), allowNull: false },
      created_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_complaint_events', ['complaint_id']);

  // Evidence photos live in the database: every server process and host sees them, they are
  // backed up and deleted with the rest, and they are small (3 × 2 MB at most).
  await qi.createTable(
    'org_complaint_images',
    {
      id,
      token: { type: DataTypes.STRING(43), allowNull: false, unique: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      complaint_id: { type: DataTypes.INTEGER, allowNull: true },
      mime: { type: DataTypes.STRING(32), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.CHAR(64), allowNull: false },
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      created_at: now,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_complaint_images', ['complaint_id']);
};
