import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 近亲属备案: staff register their close relatives; an application naming one of them is marked
 * and must pass a county-level home visit before approval. The relative's name and ID number are
 * encrypted; the keyed hash finds them in an application's household.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'assistance_kin',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      staff_id: { type: DataTypes.INTEGER, allowNull: false },
      relation: { type: DataTypes.STRING(12), allowNull: false },
      name_enc: { type: DataTypes.TEXT, allowNull: false },
      id_number_enc: { type: DataTypes.TEXT, allowNull: false },
      id_number_hash: { type: DataTypes.CHAR(64), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_kin', ['id_number_hash'], { name: 'assistance_kin_person' });
  await qi.addIndex('assistance_kin', ['staff_id', 'id_number_hash'], { unique: true, name: 'assistance_kin_entry' });
};
