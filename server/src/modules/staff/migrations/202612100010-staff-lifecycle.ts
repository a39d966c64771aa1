import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

// session_version: sessions carry the value they were issued under; raising it ends them all
// (disabled, roles or scope changed, password reset or changed).
// login_epoch: names the failure counter and lock in the shared cache; raising it unlocks
// (an admin, a password reset, the CLI — which reaches the database, not the cache).
// failed_attempts and locked_until are no longer used: failures are counted in the cache,
// atomically, for unknown usernames alike.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('staff_accounts', 'session_version', {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 1,
  });
  await qi.addColumn('staff_accounts', 'login_epoch', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
  await qi.addColumn('staff_accounts', 'must_change_password', {
    type: DataTypes.BOOLEAN,
    allowNull: false,
    defaultValue: false,
  });
  await qi.addColumn('staff_accounts', 'password_changed_at', { type: DataTypes.DATE, allowNull: true });
};
