import { createMemoryCache } from './memory';
import { createRedisCache } from './redis';
import type { Cache } from './types';

export * from './types';
export { createMemo, type Memo } from './memo';
export { createSeatStock, type SeatStock } from './seat-stock';
export { createVersionedAnswers, RawJson, type AnswerOptions, type Answers, type VersionedAnswers } from './answers';
export { createStampedCopies, type StampedCopies } from './stamped';
export { createScopedMemo, type ScopedMemo } from './scoped-memo';
export { createLiveRows, type LiveRows, type LiveRowsSource } from './live-rows';
export { createVersionedMemo, type VersionedMemo } from './versioned-memo';
export { createAskedLately } from './asked-lately';
export { createSharedReads } from './version';

/** Redis when a URL is configured, the in-process map otherwise. */
export function createCache(redisUrl: string | undefined, prefix = 'mz:'): Cache {
  return redisUrl ? createRedisCache(redisUrl, prefix) : createMemoryCache();
}
