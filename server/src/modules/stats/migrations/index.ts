import { namedMigrations } from '../../../platform/db/migrate';
import * as stats from './202612061000-stats';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612061000-stats': stats,
});
