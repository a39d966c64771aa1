import { namedMigrations } from '../../../platform/db/migrate';
import * as cases from './202612100010-cases';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612100010-cases': cases,
});
