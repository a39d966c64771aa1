import type { Config } from '../../../../../config';
import type { HouseholdCheckAdapter } from './contract';
import { checkUnavailableError, createCheckHttpClient } from './http-client';
import { createCheckSimulator } from './simulator';

export type * from './contract';
export { createCheckSimulator } from './simulator';
export { createCheckHttpClient, checkUnavailableError } from './http-client';

/**
 * The real centre when ASSISTANCE_CHECK_URL is set; the simulator outside production; in
 * production without a URL every call is a 503 (applications wait, nothing is guessed).
 */
export function householdCheckFor(config: Config, now: () => Date): HouseholdCheckAdapter {
  if (config.assistance.checkUrl)
    return createCheckHttpClient(config.assistance.checkUrl, config.assistance.checkToken);
  if (!config.production) return createCheckSimulator(now);
  const refuse = async (): Promise<never> => {
    throw checkUnavailableError();
  };
  return { verifyPersons: refuse, submit: refuse, fetch: refuse };
}
