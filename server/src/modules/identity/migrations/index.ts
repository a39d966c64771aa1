import { namedMigrations } from '../../../platform/db/migrate';
import * as users from './202611290010-users';
import * as identityClaims from './202612120010-identity-claims';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611290010-users': users,
  '202612120010-identity-claims': identityClaims,
});
