import { namedMigrations } from '../../../platform/db/migrate';
import * as funeral from './202612150010-funeral';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612150010-funeral': funeral,
});
