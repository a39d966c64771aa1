import type { RouterContext } from '@koa/router';
import type Router from '@koa/router';
import type { Logger } from './logger';

export interface CitizenPrincipal {
  userId: number;
  openid: string;
}

export type StaffRole = 'admin' | 'hall_staff' | 'org_officer' | 'editor' | 'approver';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'hall_staff', 'org_officer', 'editor', 'approver'];

export interface StaffPrincipal {
  id: number;
  username: string;
  roles: StaffRole[];
  /** Division-code prefixes ('' = nationwide) and hall ids this account may act on. */
  scope: { divisions: string[]; halls: number[] };
}

export interface AppState {
  requestId: string;
  log: Logger;
  citizen?: CitizenPrincipal;
  staff?: StaffPrincipal;
}

export type AppContext = RouterContext<AppState>;
export type AppRouter = Router<AppState>;
