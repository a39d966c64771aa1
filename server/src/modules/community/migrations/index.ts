import { namedMigrations } from '../../../platform/db/migrate';
import * as community from './202612200010-community';
import * as tellings from './202612210200-community-tellings';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612200010-community': community,
  '202612210200-community-tellings': tellings,
});
