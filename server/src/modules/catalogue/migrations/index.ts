import { namedMigrations } from '../../../platform/db/migrate';
import * as serviceItems from './202611300110-service-items';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611300110-service-items': serviceItems,
});
