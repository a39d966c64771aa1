import type { Platform } from '../../platform/platform';
import type { DivisionsApi } from '../divisions';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { CommunityModels } from './models';

export interface CommunityDeps {
  p: Platform;
  models: CommunityModels;
  divisions: DivisionsApi;
  identity: IdentityApi;
  notices: NoticesApi;
}

export const parseJson = <T>(s: string | null, fallback: T): T => {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};
