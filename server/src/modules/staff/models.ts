import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { StaffAccountState } from '../../platform/auth';
import type { StaffRole } from '../../platform/context';

export interface StaffRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  roles: StaffRole[];
  scope_divisions: string[];
  scope_halls: number[];
  disabled: boolean;
  session_version: number;
  login_epoch: number;
  must_change_password: boolean;
  password_changed_at: Date | null;
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
      disabled: DataTypes.BOOLEAN,
      session_version: DataTypes.INTEGER,
      login_epoch: DataTypes.INTEGER,
      must_change_password: DataTypes.BOOLEAN,
      password_changed_at: DataTypes.DATE,
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

export const toAccountState = (s: StaffRow): StaffAccountState => ({
  id: s.id,
  username: s.username,
  roles: s.roles,
  scope: { divisions: s.scope_divisions, halls: s.scope_halls },
  disabled: Boolean(s.disabled),
  mustChangePassword: Boolean(s.must_change_password),
  sessionVersion: s.session_version,
});

/** The one shape a staff account leaves the server in (never its password hash). */
export const toStaffView = (s: StaffRow, locked = false) => ({
  id: s.id,
  username: s.username,
  displayName: s.display_name,
  roles: s.roles,
  scope: { divisions: s.scope_divisions, halls: s.scope_halls },
  locked,
  disabled: Boolean(s.disabled),
  mustChangePassword: Boolean(s.must_change_password),
});

export type StaffView = ReturnType<typeof toStaffView>;
