import { namedMigrations } from '../db/migrate';
import * as auditLog from './202611290001-audit-log';

/** The migrations of the platform, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611290001-audit-log': auditLog,
});
