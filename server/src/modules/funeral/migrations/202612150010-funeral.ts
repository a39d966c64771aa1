import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 殡葬服务:
 * - `funeral_places`: 殡仪馆 and 公墓 of the directory (services, hours, phone, the 惠民 caps).
 * - `funeral_fee_items`: each place's published fee list; an item is `active` while published.
 *   Unique per place and code: a charge names the code.
 * - `funeral_bills`: a family's bill at a funeral home; the deceased's name encrypted (masked in
 *   every view), the waivers the deceased qualifies for, the claim code the family opens it with
 *   and, once claimed, the citizen it belongs to.
 * - `funeral_bill_lines`: one charge each, its price and name copied from the list when recorded.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const at = { type: DataTypes.DATE, allowNull: false };
  await qi.createTable(
    'funeral_places',
    {
      id,
      kind: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(100), allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      address: { type: DataTypes.STRING(200), allowNull: false },
      phone: { type: DataTypes.STRING(30), allowNull: false },
      hours: { type: DataTypes.STRING(100), allowNull: false },
      services: { type: DataTypes.TEXT, allowNull: false },
      waiver_caps: { type: DataTypes.TEXT, allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: at,
      updated_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_places', ['division_code'], { name: 'funeral_places_division' });
  await qi.addIndex('funeral_places', ['name'], { unique: true, name: 'funeral_places_name' });

  await qi.createTable(
    'funeral_fee_items',
    {
      id,
      place_id: { type: DataTypes.INTEGER, allowNull: false },
      code: { type: DataTypes.STRING(32), allowNull: false },
      name: { type: DataTypes.STRING(60), allowNull: false },
      fee_class: { type: DataTypes.STRING(12), allowNull: false },
      unit: { type: DataTypes.STRING(12), allowNull: false },
      price_cents: { type: DataTypes.INTEGER, allowNull: false },
      legal_basis: { type: DataTypes.STRING(200), allowNull: false },
      waivers: { type: DataTypes.TEXT, allowNull: false },
      seq: { type: DataTypes.INTEGER, allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: at,
      updated_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_fee_items', ['place_id', 'code'], { unique: true, name: 'funeral_fee_items_code' });

  await qi.createTable(
    'funeral_bills',
    {
      id,
      bill_no: { type: DataTypes.STRING(24), allowNull: false, unique: true },
      place_id: { type: DataTypes.INTEGER, allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      deceased_name_enc: { type: DataTypes.TEXT, allowNull: false },
      deceased_name_masked: { type: DataTypes.STRING(16), allowNull: false },
      waivers: { type: DataTypes.TEXT, allowNull: false },
      claim_code_hash: { type: DataTypes.CHAR(64), allowNull: false },
      family_user_id: { type: DataTypes.INTEGER, allowNull: true },
      issued_on: { type: DataTypes.STRING(10), allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: false },
      created_at: at,
      updated_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_bills', ['family_user_id'], { name: 'funeral_bills_family' });
  await qi.addIndex('funeral_bills', ['place_id'], { name: 'funeral_bills_place' });

  await qi.createTable(
    'funeral_bill_lines',
    {
      id,
      bill_id: { type: DataTypes.INTEGER, allowNull: false },
      item_code: { type: DataTypes.STRING(32), allowNull: false },
      name: { type: DataTypes.STRING(60), allowNull: false },
      fee_class: { type: DataTypes.STRING(12), allowNull: false },
      unit: { type: DataTypes.STRING(12), allowNull: false },
      unit_price_cents: { type: DataTypes.INTEGER, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      waivers: { type: DataTypes.TEXT, allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: false },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_bill_lines', ['bill_id'], { name: 'funeral_bill_lines_bill' });
};
