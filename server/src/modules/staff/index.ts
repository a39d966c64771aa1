import type { Platform } from '../../platform/platform';
import type { IdentityApi } from '../identity';
import { makeAccounts } from './accounts';
import { makeStaffLogin } from './login';
import { defineStaffModels } from './models';
import { staffRoutes } from './routes';

export type StaffModels = ReturnType<typeof defineStaffModels>;

function makeStaffApi(p: Platform) {
  const models = defineStaffModels(p.db);
  return { login: makeStaffLogin(p, models), accounts: makeAccounts(p, models) };
}

export type StaffApi = ReturnType<typeof makeStaffApi>;

/** Staff accounts: password login with lockout, roles and scopes, admin management. */
export function createStaff(p: Platform, identity: IdentityApi) {
  const api = makeStaffApi(p);
  return { api, router: staffRoutes(p, api, identity) };
}
