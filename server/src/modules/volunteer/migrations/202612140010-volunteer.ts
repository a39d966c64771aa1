import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 志愿服务: volunteers (one per ID number, by keyed hash), volunteer organizations and their
 * admins, activities, sign-ups, the rotating on-site code (hash + expiry + version only), scans
 * and their refused attempts, the append-only hash-chained hours ledger, and certificates.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const text = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });
  const date = (allowNull = false) => ({ type: DataTypes.DATE, allowNull });
  const dbl = (allowNull = false) => ({ type: DataTypes.DOUBLE, allowNull });

  await qi.createTable(
    'volunteer_volunteers',
    {
      id,
      user_id: int(true),
      number: str(20, true),
      name_enc: text(),
      id_number_enc: text(),
      id_number_hash: { type: DataTypes.CHAR(64), allowNull: false },
      skills: text(),
      service_types: text(),
      areas: text(),
      availability: str(200),
      imported_by_org_id: int(true),
      created_at: date(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_volunteers', ['id_number_hash'], { unique: true, name: 'volunteer_person' });
  await qi.addIndex('volunteer_volunteers', ['user_id'], { unique: true, name: 'volunteer_user' });
  await qi.addIndex('volunteer_volunteers', ['number'], { unique: true, name: 'volunteer_number' });

  await qi.createTable(
    'volunteer_orgs',
    {
      id,
      name: str(100),
      division_code: str(12),
      uscc: str(18, true),
      contact: str(60),
      created_by: int(),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_orgs', ['division_code'], { name: 'volunteer_orgs_division' });
  await qi.addIndex('volunteer_orgs', ['name'], { unique: true, name: 'volunteer_orgs_name' });
  await qi.createTable(
    'volunteer_org_admins',
    { id, org_id: int(), staff_id: int(), created_at: date() },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_org_admins', ['org_id', 'staff_id'], { unique: true, name: 'volunteer_org_admin' });
  await qi.addIndex('volunteer_org_admins', ['staff_id'], { name: 'volunteer_org_admin_staff' });

  await qi.createTable(
    'volunteer_activities',
    {
      id,
      org_id: int(),
      division_code: str(12),
      title: str(100),
      type: str(20),
      description: text(),
      tasks: text(),
      requirements: text(),
      risks: text(),
      insurance: { type: DataTypes.BOOLEAN, allowNull: false },
      quota: int(),
      address: str(200),
      lat: dbl(),
      lng: dbl(),
      radius_m: int(),
      starts_at: date(),
      ends_at: date(),
      signup_deadline: date(),
      status: str(16),
      cancel_reason: str(200, true),
      created_by: int(),
      created_at: date(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_activities', ['status', 'starts_at'], { name: 'volunteer_activities_open' });
  await qi.addIndex('volunteer_activities', ['division_code'], { name: 'volunteer_activities_division' });
  await qi.addIndex('volunteer_activities', ['org_id'], { name: 'volunteer_activities_org' });

  await qi.createTable(
    'volunteer_signups',
    {
      id,
      activity_id: int(),
      volunteer_id: int(),
      status: str(16),
      reason: str(200, true),
      decided_by: int(true),
      decided_at: date(true),
      created_at: date(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_signups', ['activity_id', 'volunteer_id'], { unique: true, name: 'volunteer_signup' });
  await qi.addIndex('volunteer_signups', ['volunteer_id'], { name: 'volunteer_signups_volunteer' });

  await qi.createTable(
    'volunteer_codes',
    {
      id,
      activity_id: int(),
      version: int(),
      code_hash: { type: DataTypes.CHAR(64), allowNull: false },
      expires_at: date(),
      issued_by: int(),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_codes', ['activity_id', 'version'], { unique: true, name: 'volunteer_code_version' });

  await qi.createTable(
    'volunteer_attendance',
    {
      id,
      activity_id: int(),
      volunteer_id: int(),
      status: str(16),
      in_at: date(),
      in_lat: dbl(),
      in_lng: dbl(),
      in_accuracy_m: int(),
      in_distance_m: int(),
      in_code_version: int(),
      in_flags: str(60),
      out_at: date(true),
      out_lat: dbl(true),
      out_lng: dbl(true),
      out_accuracy_m: int(true),
      out_distance_m: int(true),
      out_code_version: int(true),
      out_flags: str(60, true),
      minutes: int(true),
      review_reason: str(200, true),
      reviewed_by: int(true),
      reviewed_at: date(true),
      created_at: date(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_attendance', ['activity_id', 'volunteer_id'], {
    unique: true,
    name: 'volunteer_attendance_once',
  });
  await qi.addIndex('volunteer_attendance', ['volunteer_id', 'status'], { name: 'volunteer_attendance_open' });

  await qi.createTable(
    'volunteer_scan_attempts',
    {
      id,
      activity_id: int(true),
      volunteer_id: int(),
      action: str(8),
      outcome: str(40),
      lat: dbl(true),
      lng: dbl(true),
      accuracy_m: int(true),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_scan_attempts', ['volunteer_id'], { name: 'volunteer_attempts_volunteer' });
  await qi.addIndex('volunteer_scan_attempts', ['activity_id'], { name: 'volunteer_attempts_activity' });

  await qi.createTable(
    'volunteer_hours_ledger',
    {
      id,
      volunteer_id: int(),
      seq: int(),
      activity_id: int(),
      org_id: int(),
      kind: str(12),
      minutes: int(),
      start_at: date(),
      end_at: date(),
      attendance_id: int(true),
      corrects_id: int(true),
      reason: str(200, true),
      approved_by: int(),
      created_at: date(),
      prev_hash: { type: DataTypes.CHAR(64), allowNull: false },
      entry_hash: { type: DataTypes.CHAR(64), allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_hours_ledger', ['volunteer_id', 'seq'], {
    unique: true,
    name: 'volunteer_ledger_chain',
  });
  await qi.addIndex('volunteer_hours_ledger', ['org_id'], { name: 'volunteer_ledger_org' });
  await qi.addIndex('volunteer_hours_ledger', ['activity_id'], { name: 'volunteer_ledger_activity' });

  await qi.createTable(
    'volunteer_certificates',
    {
      id,
      number: str(32, true),
      volunteer_id: int(),
      org_id: int(),
      purpose: str(100),
      status: str(12),
      content: text(true),
      signature: str(120, true),
      handler_id: int(true),
      requested_at: date(),
      issued_at: date(true),
      revoked_at: date(true),
      revoke_reason: str(200, true),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_certificates', ['number'], { unique: true, name: 'volunteer_certificate_number' });
  await qi.addIndex('volunteer_certificates', ['volunteer_id'], { name: 'volunteer_certificates_volunteer' });
  await qi.addIndex('volunteer_certificates', ['org_id', 'status'], { name: 'volunteer_certificates_org' });
};
