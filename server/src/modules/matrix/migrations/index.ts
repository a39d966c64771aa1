import { namedMigrations } from '../../../platform/db/migrate';
import * as matrix from './202612060010-matrix';
import * as feedSearch from './202612060020-feed-search';
import * as distributionCovers from './202612080010-distribution-covers';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612060010-matrix': matrix,
  '202612060020-feed-search': feedSearch,
  '202612080010-distribution-covers': distributionCovers,
});
