import type { Platform } from '../../platform/platform';
import type { CasesApi } from '../cases';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { HouseholdCheckAdapter } from './household-check';
import type { Materials } from './materials';
import type { AssistanceModels } from './models';

export interface AssistanceDeps {
  p: Platform;
  models: AssistanceModels;
  cases: CasesApi;
  identity: IdentityApi;
  notices: NoticesApi;
  check: HouseholdCheckAdapter;
  materials: Materials;
}
