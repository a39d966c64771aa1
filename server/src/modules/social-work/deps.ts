import type { Platform } from '../../platform/platform';
import type { NoticesApi } from '../notices';
import type { SocialOrgsApi } from '../social-orgs';
import type { StaffApi } from '../staff';
import type { SocialWorkModels } from './models';

export interface SocialWorkDeps {
  p: Platform;
  models: SocialWorkModels;
  socialOrgs: SocialOrgsApi;
  staff: StaffApi;
  notices: NoticesApi;
}
