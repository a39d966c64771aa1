import type { Platform } from '../../platform/platform';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { SocialOrgsApi } from '../social-orgs';
import type { StaffApi } from '../staff';
import type { VolunteerModels } from './models';

export interface VolunteerDeps {
  p: Platform;
  models: VolunteerModels;
  identity: IdentityApi;
  staff: StaffApi;
  socialOrgs: SocialOrgsApi;
  notices: NoticesApi;
}

/** Dates kept to whole seconds: MariaDB's DATETIME keeps no fraction, and the ledger hashes them. */
export const wholeSeconds = (d: Date | number) => new Date(Math.floor(new Date(d).getTime() / 1000) * 1000);
