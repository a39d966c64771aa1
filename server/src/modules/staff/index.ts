import type { Platform } from '../../platform/platform';
import type { IdentityApi } from '../identity';
import { makeAccounts } from './accounts';
import { makeStaffLogin } from './login';
import { defineStaffModels } from './models';
import { staffRoutes } from './routes';

export type StaffModels = ReturnType<typeof defineStaffModels>;

/** Staff accounts: password login with lockout, roles and scopes, admin management. */
export function createStaff(p: Platform, identity: IdentityApi) {
  const models = defineStaffModels(p.db);
  const api = { login: makeStaffLogin(p, models), accounts: makeAccounts(p, models) };
  return { api, router: staffRoutes(p, api, identity) };
}

export type StaffApi = ReturnType<typeof createStaff>['api'];
