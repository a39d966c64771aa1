import { namedMigrations } from '../../../platform/db/migrate';
import * as stats from './202612061000-stats';
import * as statsCovering from './202612140010-stats-covering';
import * as followersBackfill from './202612200010-stats-followers-backfill';
import * as queueMonths from './202612210100-stats-queue-months';
import * as bookingMonths from './202612310200-stats-booking-months';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612061000-stats': stats,
  '202612140010-stats-covering': statsCovering,
  '202612200010-stats-followers-backfill': followersBackfill,
  '202612210100-stats-queue-months': queueMonths,
  '202612310200-stats-booking-months': bookingMonths,
});
