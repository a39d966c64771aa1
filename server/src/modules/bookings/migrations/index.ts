import { namedMigrations } from '../../../platform/db/migrate';
import * as bookings from './202611300120-bookings';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611300120-bookings': bookings,
});
