import { namedMigrations } from '../../../platform/db/migrate';
import * as mpSubscribers from './202611290050-mp-subscribers';
import * as sceneDivisions from './202612120320-scene-divisions';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611290050-mp-subscribers': mpSubscribers,
  '202612120320-scene-divisions': sceneDivisions,
});
