import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 身后一件事: a citizen's checklist for a deceased relative (the name encrypted and masked), one
 * row per step with its state, its last day and whether its reminder went out; the 丧葬补助 step
 * names the case it opened on the case engine.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  await qi.createTable(
    'funeral_checklists',
    {
      id,
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      deceased_name_enc: { type: DataTypes.TEXT, allowNull: false },
      deceased_name_masked: { type: DataTypes.STRING(16), allowNull: false },
      death_date: { type: DataTypes.STRING(10), allowNull: false },
      death_place: { type: DataTypes.STRING(16), allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_checklists', ['user_id'], { name: 'funeral_checklists_user' });
  await qi.createTable(
    'funeral_checklist_steps',
    {
      id,
      checklist_id: { type: DataTypes.INTEGER, allowNull: false },
      step_key: { type: DataTypes.STRING(16), allowNull: false },
      state: { type: DataTypes.STRING(12), allowNull: false },
      due_on: { type: DataTypes.STRING(10), allowNull: true },
      done_on: { type: DataTypes.STRING(10), allowNull: true },
      case_number: { type: DataTypes.STRING(32), allowNull: true },
      reminded_at: { type: DataTypes.DATE, allowNull: true },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_checklist_steps', ['checklist_id', 'step_key'], {
    unique: true,
    name: 'funeral_checklist_steps_key',
  });
  await qi.addIndex('funeral_checklist_steps', ['state', 'due_on'], { name: 'funeral_checklist_steps_due' });
};
