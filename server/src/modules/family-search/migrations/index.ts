import { namedMigrations } from '../../../platform/db/migrate';
import * as familySearch from './202612200200-family-search';
import * as age from './202612200300-family-search-age';
import * as wanderersPushes from './202612230100-family-search-wanderers-pushes';
import * as rings from './202612310200-family-search-rings';
import * as searchPhotos from './202701060100-family-search-search-photos';
import * as cells from './202701070100-family-search-cells';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612200200-family-search': familySearch,
  '202612200300-family-search-age': age,
  '202612230100-family-search-wanderers-pushes': wanderersPushes,
  '202612310200-family-search-rings': rings,
  '202701060100-family-search-search-photos': searchPhotos,
  '202701070100-family-search-cells': cells,
});
