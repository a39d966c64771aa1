import type { Logger } from '../logger';
import { createBullJobs } from './bullmq';
import { createMemoryJobs } from './memory';
import type { Jobs } from './types';

export * from './types';

export function createJobs(redisUrl: string | undefined, prefix: string, logger: Logger): Jobs {
  return redisUrl ? createBullJobs(redisUrl, prefix, logger) : createMemoryJobs(logger);
}
