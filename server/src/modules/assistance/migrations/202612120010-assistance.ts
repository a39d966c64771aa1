import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 社会救助's own rows beside the case engine's (one application per case):
 * - `assistance_applications`: the family's application — the kind, the community, what was
 *   declared (income, assets), the signed consent to the household economic check, the check's
 *   request and answer (the answer encrypted: it holds balances and vehicles).
 * - `assistance_members`: the household, one row per person; names and ID numbers encrypted,
 *   looked up by the keyed hash (a member already in another active case).
 * - `assistance_materials`: uploaded materials (images re-encoded, PDFs checked), owned by the
 *   uploader until an application names them.
 * - `assistance_objections`: objections to a 公示, with the objector (staff see who; the
 *   applicant does not).
 * - `assistance_standards`: the local 低保 standard per region (staff edit it), read by the
 *   self-check and the review.
 * Plain createTable/addIndex: the same on SQLite and MySQL/MariaDB.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const at = { type: DataTypes.DATE, allowNull: false };
  await qi.createTable(
    'assistance_applications',
    {
      id,
      case_id: { type: DataTypes.INTEGER, allowNull: false, unique: true },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      applicant_user_id: { type: DataTypes.INTEGER, allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      address_enc: { type: DataTypes.TEXT, allowNull: false },
      reason: { type: DataTypes.TEXT, allowNull: false },
      head_name_masked: { type: DataTypes.STRING(16), allowNull: false },
      household_size: { type: DataTypes.INTEGER, allowNull: false },
      declared_income_cents: { type: DataTypes.INTEGER, allowNull: false },
      assets: { type: DataTypes.TEXT, allowNull: false },
      consent_name_enc: { type: DataTypes.TEXT, allowNull: false },
      consent_at: at,
      emergency_cause: { type: DataTypes.STRING(200), allowNull: true },
      proposed_amount_cents: { type: DataTypes.INTEGER, allowNull: true },
      check_status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'none' },
      check_request_id: { type: DataTypes.STRING(64), allowNull: true },
      check_requested_at: { type: DataTypes.DATE, allowNull: true },
      check_answered_at: { type: DataTypes.DATE, allowNull: true },
      check_result_enc: { type: DataTypes.TEXT, allowNull: true },
      check_findings: { type: DataTypes.TEXT, allowNull: true },
      created_at: at,
      updated_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_applications', ['check_status'], { name: 'assistance_applications_check' });
  await qi.addIndex('assistance_applications', ['applicant_user_id'], { name: 'assistance_applications_applicant' });

  await qi.createTable(
    'assistance_members',
    {
      id,
      application_id: { type: DataTypes.INTEGER, allowNull: false },
      seq: { type: DataTypes.INTEGER, allowNull: false },
      relation: { type: DataTypes.STRING(12), allowNull: false },
      name_enc: { type: DataTypes.TEXT, allowNull: false },
      id_number_enc: { type: DataTypes.TEXT, allowNull: false },
      id_number_hash: { type: DataTypes.CHAR(64), allowNull: false },
      monthly_income_cents: { type: DataTypes.INTEGER, allowNull: false },
      health: { type: DataTypes.STRING(12), allowNull: false },
      disability: { type: DataTypes.STRING(24), allowNull: false },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_members', ['application_id', 'seq'], { unique: true, name: 'assistance_members_seq' });
  await qi.addIndex('assistance_members', ['id_number_hash'], { name: 'assistance_members_person' });

  await qi.createTable(
    'assistance_materials',
    {
      id,
      token: { type: DataTypes.STRING(43), allowNull: false, unique: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      application_id: { type: DataTypes.INTEGER, allowNull: true },
      label: { type: DataTypes.STRING(40), allowNull: false },
      mime: { type: DataTypes.STRING(32), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.CHAR(64), allowNull: false },
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_materials', ['application_id'], { name: 'assistance_materials_application' });

  await qi.createTable(
    'assistance_objections',
    {
      id,
      case_id: { type: DataTypes.INTEGER, allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      reason: { type: DataTypes.TEXT, allowNull: false },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_objections', ['case_id'], { name: 'assistance_objections_case' });

  await qi.createTable(
    'assistance_standards',
    {
      id,
      division_prefix: { type: DataTypes.STRING(6), allowNull: false, unique: true },
      monthly_cents: { type: DataTypes.INTEGER, allowNull: false },
      deposit_months: { type: DataTypes.INTEGER, allowNull: false },
      effective_from: { type: DataTypes.CHAR(10), allowNull: false },
      updated_by: { type: DataTypes.INTEGER, allowNull: true },
      updated_at: at,
    },
    TABLE_OPTIONS,
  );
};
