import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS } from '../../../platform/db';
import type { Migration } from '../../../platform/db/migrate';

/**
 * 社会工作: the rules per level (registration deadline, re-registration period, continuing-
 * education hours: data, seeded here, not constants), social workers and their training hours,
 * service organizations (by credit code), 乡镇/街道社工站, help requests, service records with
 * their photos, and projects.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const text = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });
  const date = (allowNull = false) => ({ type: DataTypes.DATE, allowNull });
  const day = (allowNull = false) => ({ type: DataTypes.DATEONLY, allowNull });
  const dbl = (allowNull = false) => ({ type: DataTypes.DOUBLE, allowNull });

  await qi.createTable(
    'social_work_level_rules',
    {
      level: { type: DataTypes.STRING(16), primaryKey: true },
      name: str(30),
      first_registration_months: int(),
      period_months: int(),
      hours_per_period: int(),
      source: str(200),
    },
    TABLE_OPTIONS,
  );
  // 民政部: first 登记 within a year of the certificate, re-register every 3 years, per period
  // ≥72 h of continuing education for 助理, ≥90 h for 中级 and 高级.
  const source = '社会工作者职业水平证书登记办法（民政部）';
  await qi.bulkInsert('social_work_level_rules', [
    {
      level: 'assistant',
      name: '助理社会工作师',
      first_registration_months: 12,
      period_months: 36,
      hours_per_period: 72,
      source,
    },
    {
      level: 'intermediate',
      name: '社会工作师',
      first_registration_months: 12,
      period_months: 36,
      hours_per_period: 90,
      source,
    },
    {
      level: 'senior',
      name: '高级社会工作师',
      first_registration_months: 12,
      period_months: 36,
      hours_per_period: 90,
      source,
    },
  ]);

  await qi.createTable(
    'social_work_orgs',
    { id, name: str(100), uscc: str(18), division_code: str(12), created_by: int(), created_at: date() },
    TABLE_OPTIONS,
  );
  await qi.addIndex('social_work_orgs', ['uscc'], { unique: true, name: 'social_work_orgs_uscc' });

  await qi.createTable(
    'social_work_stations',
    {
      id,
      name: str(100),
      division_code: str(12),
      org_id: int(true),
      address: str(200),
      phone: str(30),
      office_hours: str(100),
      description: text(),
      services: text(),
      lat: dbl(true),
      lng: dbl(true),
      created_by: int(),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('social_work_stations', ['division_code'], { name: 'social_work_stations_division' });

  await qi.createTable(
    'social_work_workers',
    {
      id,
      name: str(30),
      level: str(16),
      certificate_no: str(40),
      certified_on: day(),
      registered_on: day(true),
      station_id: int(true),
      org_id: int(true),
      staff_id: int(true),
      division_code: str(12),
      created_by: int(),
      created_at: date(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('social_work_workers', ['certificate_no'], { unique: true, name: 'social_work_workers_cert' });
  await qi.addIndex('social_work_workers', ['staff_id'], { unique: true, name: 'social_work_workers_staff' });
  await qi.addIndex('social_work_workers', ['station_id'], { name: 'social_work_workers_station' });
  await qi.addIndex('social_work_workers', ['division_code'], { name: 'social_work_workers_division' });

  await qi.createTable(
    'social_work_training',
    {
      id,
      worker_id: int(),
      hours: dbl(),
      course: str(100),
      completed_on: day(),
      created_by: int(),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('social_work_training', ['worker_id', 'completed_on'], { name: 'social_work_training_worker' });

  await qi.createTable(
    'social_work_requests',
    {
      id,
      number: str(64),
      user_id: int(),
      category: str(20),
      division_code: str(12),
      station_id: int(),
      description: text(),
      contact_name_enc: text(),
      phone_enc: text(),
      status: str(16),
      worker_id: int(true),
      assigned_by: int(true),
      assigned_at: date(true),
      closed_at: date(true),
      closing_summary: text(true),
      rating: int(true),
      rating_comment: str(200, true),
      rated_at: date(true),
      created_at: date(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('social_work_requests', ['number'], { unique: true, name: 'social_work_requests_number' });
  await qi.addIndex('social_work_requests', ['user_id'], { name: 'social_work_requests_user' });
  await qi.addIndex('social_work_requests', ['station_id', 'status'], { name: 'social_work_requests_station' });

  await qi.createTable(
    'social_work_records',
    {
      id,
      request_id: int(),
      worker_id: int(),
      kind: str(16),
      content: text(),
      served_on: day(),
      client_token: str(64),
      photo_ids: text(),
      status: str(16),
      review_reason: str(200, true),
      reviewed_by: int(true),
      reviewed_at: date(true),
      created_by: int(),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('social_work_records', ['created_by', 'client_token'], {
    unique: true,
    name: 'social_work_records_token',
  });
  await qi.addIndex('social_work_records', ['request_id'], { name: 'social_work_records_request' });
  await qi.addIndex('social_work_records', ['status'], { name: 'social_work_records_status' });

  await qi.createTable(
    'social_work_photos',
    {
      id,
      mime: str(20),
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      uploaded_by: int(),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );

  await qi.createTable(
    'social_work_projects',
    {
      id,
      title: str(100),
      division_code: str(12),
      category: str(20),
      station_id: int(true),
      org_id: int(true),
      goals: text(),
      results: text(),
      starts_on: day(),
      ends_on: day(true),
      created_by: int(),
      created_at: date(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('social_work_projects', ['division_code'], { name: 'social_work_projects_division' });
};
