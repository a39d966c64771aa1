import type { Platform } from '../../platform/platform';
import type { IdentityApi } from '../identity';
import { makeAccounts } from './accounts';
import { makeAuditLog } from './audit-log';
import { makeCitizenLookup } from './citizen-lookup';
import { makeLockout } from './lockout';
import { makeStaffLogin } from './login';
import { makeMyAccount } from './my-account';
import { defineStaffModels, toAccountState } from './models';
import { staffRoutes } from './routes';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type StaffModels = ReturnType<typeof defineStaffModels>;
export type { StaffView } from './models';
export type { CitizenPlacesSource } from './citizen-lookup';

function makeStaffApi(p: Platform, identity: IdentityApi) {
  const models = defineStaffModels(p.db);
  const lockout = makeLockout(p);
  // Every staff request reads the account as it is now (through the shared cache).
  p.staffSessions.useAccountLoader(async (id) => {
    const staff = await models.Staff.findByPk(id);
    return staff ? toAccountState(staff) : null;
  });
  return {
    login: makeStaffLogin(p, models, lockout),
    accounts: makeAccounts(p, models, lockout),
    myAccount: makeMyAccount(p, models, lockout),
    /** The audit trail, for the administrator. */
    auditLog: makeAuditLog(p, models),
    /** The citizen look-up by ID number; modules with citizens' records register where they are. */
    citizens: makeCitizenLookup(p, identity),
    /** For other modules: an active account's name, roles and scope (null when absent or disabled). */
    async profile(id: number) {
      const staff = await models.Staff.findByPk(id);
      if (!staff || staff.disabled) return null;
      const { roles, scope } = toAccountState(staff);
      return { id: staff.id, username: staff.username, displayName: staff.display_name, roles, scope };
    },
  };
}

export type StaffApi = ReturnType<typeof makeStaffApi>;

/** Staff accounts: password login with lockout, roles and scopes, the account lifecycle. */
export function createStaff(p: Platform, identity: IdentityApi) {
  const api = makeStaffApi(p, identity);
  return { api, router: staffRoutes(p, api) };
}
