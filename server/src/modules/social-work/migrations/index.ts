import { namedMigrations } from '../../../platform/db/migrate';
import * as socialWork from './202612210010-social-work';
import * as complaints from './202612230010-social-work-complaints';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612210010-social-work': socialWork,
  '202612230010-social-work-complaints': complaints,
});
