import { divisionPrefixes } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import type { ManageOrgs } from './manage-orgs';
import type { Profile } from './profile';
import type { SearchInput } from './search';
import { COMPLAINT_CATEGORIES, CREDIT_LISTS, INSPECTION_KINDS, INSPECTION_RESULTS, LIST_REASONS } from './views';

/**
 * The officers' register: the same search as the public one, held to the officer's divisions,
 * and an organization's full record once it is known to be theirs (another region's
 * organization answers 404, as every out-of-scope record does).
 */
export function makeRegister(
  searchJson: (input: SearchInput) => Promise<Buffer>,
  profile: (uscc: string) => Promise<Profile>,
  orgs: ManageOrgs,
) {
  return {
    /**
     * One page of the register. `division` narrows within the scope; without it, an officer of
     * several divisions sees the first (the console offers the others), an officer of all of
     * them (or the admin) the whole country.
     */
    async list(actor: StaffPrincipal, input: SearchInput): Promise<Buffer> {
      const prefixes = divisionPrefixes(actor);
      if (!prefixes) return searchJson(input);
      if (!prefixes.length) throw badRequest('NO_SCOPE', '您的账号没有管辖区划，请联系管理员设置');
      const division = input.division ?? prefixes[0];
      if (!prefixes.some((pre) => division.startsWith(pre)))
        throw badRequest('DIVISION_OUT_OF_SCOPE', '该区划不在您的管辖范围内');
      return searchJson({ ...input, division });
    },

    /** An organization's record with what its forms offer (list reasons, inspection kinds). */
    async detail(actor: StaffPrincipal, uscc: string) {
      const org = await orgs.findInScope(actor, uscc);
      return {
        ...(await profile(org.uscc)),
        choices: {
          creditLists: CREDIT_LISTS,
          listReasons: LIST_REASONS,
          inspectionKinds: INSPECTION_KINDS,
          inspectionResults: INSPECTION_RESULTS,
          complaintCategories: COMPLAINT_CATEGORIES,
        },
      };
    },
  };
}
