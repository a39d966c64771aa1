import { namedMigrations } from '../../../platform/db/migrate';
import * as volunteer from './202612140010-volunteer';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612140010-volunteer': volunteer,
});
