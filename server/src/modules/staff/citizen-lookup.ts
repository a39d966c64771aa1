import { coversDivision, coversReach, divisionPrefixes, type Reach } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { IdentityApi } from '../identity';

/**
 * Where a citizen has records a module keeps: the halls of their bookings and queue tickets,
 * the divisions of their applications. Modules register one source each (app.ts wires them).
 */
export type CitizenPlacesSource = (userId: number) => Promise<Reach[]>;

const notFoundError = () => notFound('未找到该身份证号对应的实名用户');

/**
 * Staff look a citizen up by ID number (the hall desk: who is this person in front of me?).
 * A citizen is in a staff member's scope when the county of their ID number (its first six
 * digits, where it was issued) lies in one of the staff member's divisions, or when they have a
 * booking, a queue ticket or an application at a hall or in a division of that scope. Anyone
 * else answers exactly as a number nobody holds does (404), and every look-up is audited, with
 * what it found.
 */
export function makeCitizenLookup(p: Platform, identity: IdentityApi) {
  const sources: CitizenPlacesSource[] = [];

  async function inScope(staff: StaffPrincipal, idNumber: string, userId: number): Promise<boolean> {
    if (divisionPrefixes(staff) === null) return true; // admins and nationwide accounts
    if (coversDivision(staff, idNumber.slice(0, 6))) return true;
    for (const source of sources) {
      if ((await source(userId)).some((place) => coversReach(staff, place))) return true;
    }
    return false;
  }

  return {
    registerPlaces(source: CitizenPlacesSource) {
      sources.push(source);
    },
    async lookUp(staff: StaffPrincipal, idNumber: string) {
      const user = await identity.findByIdNumber(idNumber);
      const visible = user !== null && (await inScope(staff, idNumber, user.id));
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'citizen.lookup',
        target: user ? { type: 'user', id: user.id } : undefined,
        detail: { found: visible, ...(user && !visible ? { outOfScope: true } : {}) },
      });
      if (!visible) throw notFoundError();
      return { user };
    },
  };
}
