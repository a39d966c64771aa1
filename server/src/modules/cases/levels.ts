import type { StaffPrincipal, StaffRole } from '../../platform/context';
import { LEVEL_DIGITS, type Level } from './types';

const LEVEL_BY_DIGITS = new Map(Object.entries(LEVEL_DIGITS).map(([level, digits]) => [digits, level as Level]));

/** The level a scope prefix stands for: 9 digits 乡镇/街道, 6 县级, 4 市级, 2 省级; '' nationwide. */
export function levelOfPrefix(prefix: string): Level | 'national' | null {
  if (prefix === '') return 'national';
  return LEVEL_BY_DIGITS.get(prefix.length) ?? null;
}

const nationwide = (staff: StaffPrincipal) => staff.roles.includes('admin') || staff.scope.divisions.includes('');

export const holdsRole = (staff: StaffPrincipal, role: StaffRole) =>
  staff.roles.includes('admin') || staff.roles.includes(role);

/**
 * The organ through which `staff` acts on a case at `level`: their scope prefix of exactly
 * that level covering the case's division (a 乡镇 account covers its 乡镇's communities; a
 * county account acts at county stages only). Admin and nationwide accounts act at every level
 * as the organ of that level. Null when the account has no such prefix.
 */
export function organAt(staff: StaffPrincipal, divisionCode: string, level: Level): string | null {
  const digits = LEVEL_DIGITS[level];
  if (nationwide(staff)) return divisionCode.slice(0, digits);
  return staff.scope.divisions.find((prefix) => prefix.length === digits && divisionCode.startsWith(prefix)) ?? null;
}

/** The prefixes of `staff` grouped by level, for list queries (null: every division). */
export function prefixesByLevel(staff: StaffPrincipal): Map<Level, string[]> | null {
  if (nationwide(staff)) return null;
  const byLevel = new Map<Level, string[]>();
  for (const prefix of staff.scope.divisions) {
    const level = levelOfPrefix(prefix);
    if (!level || level === 'national') continue;
    byLevel.set(level, [...(byLevel.get(level) ?? []), prefix]);
  }
  return byLevel;
}
