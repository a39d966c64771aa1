import { Op, type WhereOptions } from 'sequelize';
import { coversDivision, divisionPrefixes } from '../../platform/auth/scope';
import type { StaffPrincipal } from '../../platform/context';
import { divisionOutOfScopeError } from './errors';

/**
 * Scope: every staff record here belongs to a division (a station's 乡镇, a worker's, a
 * project's). Staff act only inside their division prefixes; records outside answer 404 (the
 * callers throw their own not-found), so one place cannot learn another's records exist.
 */
export const covers = (staff: StaffPrincipal, divisionCode: string) => coversDivision(staff, divisionCode);

export function assertInScope(staff: StaffPrincipal, divisionCode: string) {
  if (!coversDivision(staff, divisionCode)) throw divisionOutOfScopeError();
}

/** A where clause on `division_code` for the staff member's lists (null: every row). */
export function divisionWhere(staff: StaffPrincipal, column = 'division_code'): WhereOptions | null {
  const prefixes = divisionPrefixes(staff);
  if (prefixes === null) return null;
  if (!prefixes.length) return { id: { [Op.in]: [] } };
  return { [Op.or]: prefixes.map((p) => ({ [column]: { [Op.like]: `${p}%` } })) };
}
