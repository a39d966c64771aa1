import { namedMigrations } from '../../../platform/db/migrate';
import * as assistance from './202612120010-assistance';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612120010-assistance': assistance,
});
