import { namedMigrations } from '../../../platform/db/migrate';
import * as volunteer from './202612140010-volunteer';
import * as members from './202612170010-volunteer-members';
import * as reminders from './202612170020-volunteer-reminders';
import * as searchPlace from './202612220010-volunteer-search-place';
import * as latBand from './202612310300-volunteer-lat-band';
import * as signupsTaken from './202701090010-volunteer-signups-taken';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612140010-volunteer': volunteer,
  '202612170010-volunteer-members': members,
  '202612170020-volunteer-reminders': reminders,
  '202612220010-volunteer-search-place': searchPlace,
  '202612310300-volunteer-lat-band': latBand,
  '202701090010-volunteer-signups-taken': signupsTaken,
});
