import type { RouterContext } from '@koa/router';
import type Router from '@koa/router';
import type { StaffRole } from '@minzheng/contracts';
import type { Logger } from './logger';

// Roles and their Chinese names live once, in the contracts the console shares.
export type { StaffRole } from '@minzheng/contracts';
export { STAFF_ROLES } from '@minzheng/contracts';

export interface CitizenPrincipal {
  userId: number;
  openid: string;
}

export interface StaffPrincipal {
  id: number;
  username: string;
  roles: StaffRole[];
  /**
   * Division-code prefixes ('' = nationwide) and hall ids this account may act on. A prefix's
   * length is also the level the account acts at: 2 省, 4 市, 6 县, 9 乡镇/街道.
   */
  scope: { divisions: string[]; halls: number[] };
}

export interface AppState {
  requestId: string;
  log: Logger;
  citizen?: CitizenPrincipal;
  /** What `requireCitizen` read of the citizen with the session, in its round trip (see readWith). */
  citizenCompanions?: (string | null)[] | null;
  staff?: StaffPrincipal;
}

export type AppContext = RouterContext<AppState>;
export type AppRouter = Router<AppState>;
