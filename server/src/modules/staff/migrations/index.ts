import { namedMigrations } from '../../../platform/db/migrate';
import * as staffAccounts from './202611290020-staff-accounts';
import * as staffLifecycle from './202612100010-staff-lifecycle';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611290020-staff-accounts': staffAccounts,
  '202612100010-staff-lifecycle': staffLifecycle,
});
