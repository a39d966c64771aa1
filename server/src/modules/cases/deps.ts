import type { Platform } from '../../platform/platform';
import type { NoticesApi } from '../notices';
import type { StaffApi } from '../staff';
import type { KeptInbox } from './kept';
import type { CaseModels } from './models';
import type { CaseTypeRegistry } from './registry';

/** What every use case of the engine works with. */
export interface CaseDeps {
  p: Platform;
  models: CaseModels;
  types: CaseTypeRegistry;
  notices: NoticesApi;
  staff: StaffApi;
  /** The inbox answers kept until a case they cover changes: every write to a case retires them. */
  kept: KeptInbox;
}
