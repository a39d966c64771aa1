import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { StaffPrincipal, StaffRole } from '../../platform/context';

export interface StaffRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  roles: StaffRole[];
  scope_divisions: string[];
  scope_halls: number[];
  failed_attempts: number;
  locked_until: Date | null;
  disabled: boolean;
}
export type StaffModel = Model<StaffRow, Partial<StaffRow>> & StaffRow;

// Lists are small and read whole: JSON text columns work the same on SQLite and MySQL.
const jsonList = (field: string) => ({
  type: DataTypes.STRING,
  get(this: Model) {
    return JSON.parse((this.getDataValue(field as never) as string) ?? '[]');
  },
  set(this: Model, v: unknown[]) {
    this.setDataValue(field as never, JSON.stringify(v) as never);
  },
});

export function defineStaffModels(db: Sequelize) {
  const Staff = db.define<StaffModel>(
    'StaffAccount',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      username: DataTypes.STRING,
      display_name: DataTypes.STRING,
      password_hash: DataTypes.STRING,
      roles: jsonList('roles'),
      scope_divisions: jsonList('scope_divisions'),
      scope_halls: jsonList('scope_halls'),
      failed_attempts: DataTypes.INTEGER,
      locked_until: DataTypes.DATE,
      disabled: DataTypes.BOOLEAN,
    },
    {
      tableName: 'staff_accounts',
      underscored: true,
      timestamps: true,
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
  );
  return { Staff: Staff as ModelStatic<StaffModel> };
}

export const toPrincipal = (s: StaffRow): StaffPrincipal => ({
  id: s.id,
  username: s.username,
  roles: s.roles,
  scope: { divisions: s.scope_divisions, halls: s.scope_halls },
});

export const toStaffView = (s: StaffRow) => ({
  id: s.id,
  username: s.username,
  displayName: s.display_name,
  roles: s.roles,
  scope: { divisions: s.scope_divisions, halls: s.scope_halls },
  locked: Boolean(s.locked_until && s.locked_until > new Date()),
  disabled: s.disabled,
});
