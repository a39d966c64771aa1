import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// 政务服务事项: the fields of the national catalogue (domain.md). Lists (materials, procedure,
// channels) are JSON text; `search_text` holds what keyword search matches.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'service_items',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(40), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      area: { type: DataTypes.STRING(20), allowNull: false },
      type: { type: DataTypes.STRING(20), allowNull: false },
      basis: { type: DataTypes.TEXT, allowNull: false },
      agency: { type: DataTypes.STRING(100), allowNull: false },
      conditions: { type: DataTypes.TEXT, allowNull: false },
      audience: { type: DataTypes.STRING(100), allowNull: false },
      procedure: { type: DataTypes.TEXT, allowNull: false },
      materials: { type: DataTypes.TEXT, allowNull: false },
      statutory_limit: { type: DataTypes.STRING(60), allowNull: false },
      promised_limit: { type: DataTypes.STRING(60), allowNull: false },
      fee: { type: DataTypes.STRING(100), allowNull: false },
      result: { type: DataTypes.STRING(100), allowNull: false },
      channels: { type: DataTypes.TEXT, allowNull: false },
      bookable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      visits: { type: DataTypes.INTEGER, allowNull: false },
      cross_region: { type: DataTypes.STRING(100), allowNull: false },
      place_hours: { type: DataTypes.STRING(200), allowNull: false },
      enquiry: { type: DataTypes.STRING(100), allowNull: false },
      complaint: { type: DataTypes.STRING(100), allowNull: false },
      keywords: { type: DataTypes.STRING(200), allowNull: false },
      search_text: { type: DataTypes.TEXT, allowNull: false },
      sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('service_items', ['area', 'sort']);
};
