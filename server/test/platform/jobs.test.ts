import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createBullJobs } from '../../src/platform/jobs/bullmq';
import { createMemoryJobs } from '../../src/platform/jobs/memory';
import type { Jobs } from '../../src/platform/jobs';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const silent = pino({ level: 'silent' });

for (const [name, make] of [
  ['in-process', () => createMemoryJobs(silent)],
  ['BullMQ', () => createBullJobs(REDIS_URL, `mz:test:jobs:${randomBytes(4).toString('hex')}:`, silent)],
] as const) {
  describe(`${name} jobs`, () => {
    let jobs: Jobs;
    const seen: string[] = [];
    let flaky = 0;
    before(async () => {
      jobs = make();
      jobs.define<{ v: string }>(
        'record',
        async ({ v }) => {
          seen.push(v);
        },
        { concurrency: 2 },
      );
      jobs.define(
        'flaky',
        async () => {
          flaky++;
          if (flaky < 3) throw new Error('transient');
        },
        { attempts: 3, backoffMs: 20 },
      );
      await jobs.start();
    });
    after(async () => jobs.close());

    it('runs what is enqueued, once per job id', async () => {
      await jobs.enqueue('record', { v: 'a' });
      await jobs.enqueue('record', { v: 'b' }, { jobId: 'same' });
      await jobs.enqueue('record', { v: 'b-again' }, { jobId: 'same' });
      await jobs.drain(20_000);
      assert.deepEqual([...seen].sort(), ['a', 'b']);
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      await jobs.enqueue('flaky', {});
      await jobs.drain(20_000);
      assert.equal(flaky, 3);
    });

    it('runs delayed jobs after their delay', async () => {
      await jobs.enqueue('record', { v: 'later' }, { delayMs: 100 });
      assert.equal(seen.includes('later'), false);
      await jobs.drain(20_000);
      assert.equal(seen.includes('later'), true);
    });
  });
}
