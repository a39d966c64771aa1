import { namedMigrations } from '../../../platform/db/migrate';
import * as halls from './202611300100-halls';
import * as hallDisplayToken from './202612061200-hall-display-token';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611300100-halls': halls,
  '202612061200-hall-display-token': hallDisplayToken,
});
