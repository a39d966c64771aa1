import { namedMigrations } from '../../../platform/db/migrate';
import * as cases from './202612100010-cases';
import * as inboxCover from './202612310300-cases-inbox-cover';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612100010-cases': cases,
  '202612310300-cases-inbox-cover': inboxCover,
});
