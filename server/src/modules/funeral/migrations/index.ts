import { namedMigrations } from '../../../platform/db/migrate';
import * as funeral from './202612150010-funeral';
import * as checklists from './202612150020-funeral-checklists';
import * as visits from './202612150030-funeral-visits';
import * as visitGate from './202612150040-funeral-visit-gate';
import * as memorials from './202612220020-funeral-memorials';
import * as memorialEdit from './202612310100-funeral-memorial-edit';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612150010-funeral': funeral,
  '202612150020-funeral-checklists': checklists,
  '202612150030-funeral-visits': visits,
  '202612150040-funeral-visit-gate': visitGate,
  '202612220020-funeral-memorials': memorials,
  '202612310100-funeral-memorial-edit': memorialEdit,
});
