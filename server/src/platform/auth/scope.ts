import type { StaffPrincipal } from '../context';
import { notFound } from '../errors';

/** Admins and nationwide accounts ('' prefix) see every division. */
export function coversDivision(staff: StaffPrincipal, divisionCode: string): boolean {
  if (staff.roles.includes('admin')) return true;
  return staff.scope.divisions.some((prefix) => divisionCode.startsWith(prefix));
}

export function coversHall(staff: StaffPrincipal, hall: { id: number; divisionCode: string }): boolean {
  if (staff.roles.includes('admin')) return true;
  return staff.scope.halls.includes(hall.id) || coversDivision(staff, hall.divisionCode);
}

/**
 * Out-of-scope records answer 404, not 403: staff of one region must not learn that another
 * region's record exists.
 */
export function assertDivision(staff: StaffPrincipal, divisionCode: string, what = '记录'): void {
  if (!coversDivision(staff, divisionCode)) throw notFound(`未找到该${what}`);
}

export function assertHall(staff: StaffPrincipal, hall: { id: number; divisionCode: string }): void {
  if (!coversHall(staff, hall)) throw notFound('未找到该服务大厅');
}

/** Division prefixes to filter list queries by; null means no filter. */
export function divisionPrefixes(staff: StaffPrincipal): string[] | null {
  if (staff.roles.includes('admin') || staff.scope.divisions.includes('')) return null;
  return staff.scope.divisions;
}
