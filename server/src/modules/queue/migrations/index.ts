import { namedMigrations } from '../../../platform/db/migrate';
import * as queue from './202611300130-queue';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611300130-queue': queue,
});
