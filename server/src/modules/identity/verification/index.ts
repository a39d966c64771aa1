import type { Config } from '../../../../../config';
import type { IdentityVerifier } from './contract';
import { createVerifyHttpClient, verifyUnavailableError } from './http-client';
import { createVerifySimulator } from './simulator';

export type * from './contract';
export { createVerifySimulator, SIMULATED_PEOPLE } from './simulator';
export { createVerifyHttpClient, verifyUnavailableError } from './http-client';

/**
 * The provider the environment names: `IDENTITY_VERIFY_URL` (a provider over HTTP), else the
 * simulator outside production. Production without a provider refuses to start (config), and
 * this never hands production the simulator: every verification would be a 503.
 */
export function identityVerifierFor(config: Config): IdentityVerifier {
  const { provider, url, token } = config.identityVerify;
  if (provider === 'http' && url) return createVerifyHttpClient(url, token);
  if (provider === 'simulator' && !config.production) return createVerifySimulator();
  return {
    provider: 'none',
    async verify() {
      throw verifyUnavailableError();
    },
  };
}
