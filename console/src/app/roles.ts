import { STAFF_ROLE_NAMES } from '@minzheng/contracts';
import type { StaffRole } from './types';

export const ROLE_NAMES: Record<StaffRole, string> = STAFF_ROLE_NAMES;

export const ALL_ROLES = Object.keys(ROLE_NAMES) as StaffRole[];

/**
 * Whether an account holding `held` may use something that needs one of `needed` (none needed:
 * every signed-in account). The admin holds every role, as on the server.
 */
export function canUse(held: readonly StaffRole[], needed: readonly StaffRole[] | undefined): boolean {
  if (!needed || needed.length === 0) return true;
  if (held.includes('admin')) return true;
  return needed.some((r) => held.includes(r));
}
