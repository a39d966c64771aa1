import { namedMigrations } from '../../../platform/db/migrate';
import * as placenames from './202612200100-placenames';
import * as culture from './202612230200-placename-culture';
import * as listCover from './202701100100-placename-list-cover';
import * as binaryKeys from './202701200100-placename-binary-keys';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612200100-placenames': placenames,
  '202612230200-placename-culture': culture,
  '202701100100-placename-list-cover': listCover,
  '202701200100-placename-binary-keys': binaryKeys,
});
