import { Op, type WhereOptions } from 'sequelize';
import { assertDivision, divisionPrefixes } from '../../platform/auth/scope';
import type { StaffPrincipal } from '../../platform/context';

/**
 * Community staff act on the 村/社区 their scope covers: a 12-digit prefix is one community, a
 * 9-digit one every community of a 乡镇/街道, and so up. Anything outside answers 404, so staff
 * of one place cannot learn what another holds.
 */
export function assertCommunity(staff: StaffPrincipal, code: string, what = '村/社区'): void {
  assertDivision(staff, code, what);
}

/** A list query's filter on a division-code column for this staff member; null: no filter. */
export function scopeWhere(staff: StaffPrincipal, column = 'division_code'): WhereOptions | null {
  const prefixes = divisionPrefixes(staff);
  if (prefixes === null) return null;
  if (!prefixes.length) return { id: { [Op.in]: [] } };
  return { [Op.or]: prefixes.map((prefix) => ({ [column]: { [Op.like]: `${prefix}%` } })) };
}
