import { Op, type WhereOptions } from 'sequelize';
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

/**
 * Where something reaches: a division prefix ('' = nationwide) and, when it is one hall's,
 * that hall (a broadcast to a hall's followers, a hall's QR code).
 */
export interface Reach {
  divisionCode: string;
  hallId: number | null;
}
export const NATIONWIDE: Reach = { divisionCode: '', hallId: null };

/**
 * A staff member may act on what reaches only inside their scope: a hall they hold (by id or
 * division), or a prefix inside one of their divisions. Nationwide reach needs a nationwide
 * account ('' prefix) or an admin.
 */
export function coversReach(staff: StaffPrincipal, reach: Reach): boolean {
  return reach.hallId !== null
    ? coversHall(staff, { id: reach.hallId, divisionCode: reach.divisionCode })
    : coversDivision(staff, reach.divisionCode);
}

export function assertReach(staff: StaffPrincipal, reach: Reach, what = '记录'): void {
  if (!coversReach(staff, reach)) throw notFound(`未找到该${what}`);
}

/**
 * The list-query form of `coversReach`, for rows that keep their reach in a division column
 * and a hall column; null means no filter (admins and nationwide accounts).
 */
export function reachWhere(staff: StaffPrincipal, columns: { division: string; hall: string }): WhereOptions | null {
  const prefixes = divisionPrefixes(staff);
  if (prefixes === null) return null;
  const any: WhereOptions[] = prefixes.map((prefix) => ({ [columns.division]: { [Op.like]: `${prefix}%` } }));
  if (staff.scope.halls.length) any.push({ [columns.hall]: { [Op.in]: staff.scope.halls } });
  // No scope at all: nothing (an IN over no values matches no row).
  return any.length ? { [Op.or]: any } : { [columns.hall]: { [Op.in]: [] } };
}
