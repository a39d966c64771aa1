import type { NamedMigration } from './platform/db/migrate';
import { migrations as platform } from './platform/migrations';
import { migrations as assistance } from './modules/assistance';
import { migrations as bookings } from './modules/bookings';
import { migrations as cases } from './modules/cases';
import { migrations as catalogue } from './modules/catalogue';
import { migrations as elderly } from './modules/elderly';
import { migrations as halls } from './modules/halls';
import { migrations as identity } from './modules/identity';
import { migrations as matrix } from './modules/matrix';
import { migrations as mp } from './modules/mp';
import { migrations as notices } from './modules/notices';
import { migrations as placeNames } from './modules/placenames';
import { migrations as familySearch } from './modules/family-search';
import { migrations as queue } from './modules/queue';
import { migrations as socialOrgs } from './modules/social-orgs';
import { migrations as socialWork } from './modules/social-work';
import { migrations as staff } from './modules/staff';
import { migrations as stats } from './modules/stats';
import { migrations as funeral } from './modules/funeral';
import { migrations as volunteer } from './modules/volunteer';
import { migrations as community } from './modules/community';

/**
 * Every migration of the platform and of each module, as the modules' roots hand them over.
 * The migrator runs them in name (timestamp) order. A module with migrations adds its list
 * here; `test/platform/migrations.test.ts` fails on a migration file nobody handed over.
 */
export const MIGRATIONS: readonly NamedMigration[] = [
  ...platform,
  ...identity,
  ...staff,
  ...notices,
  ...mp,
  ...catalogue,
  ...halls,
  ...bookings,
  ...queue,
  ...socialOrgs,
  ...socialWork,
  ...matrix,
  ...cases,
  ...assistance,
  ...elderly,
  ...stats,
  ...funeral,
  ...volunteer,
  ...placeNames,
  ...familySearch,
  ...community,
];
