import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import type { Logger } from '../logger';
import type { DefineOptions, JobHandler, Jobs } from './types';

/**
 * BullMQ on Redis: one queue per job name, so a slow kind of work never delays another.
 * Any number of server and worker processes may enqueue; those that start() process.
 */
export function createBullJobs(redisUrl: string, prefix: string, logger: Logger): Jobs {
  // BullMQ needs its own connections with retries unlimited (blocking commands).
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => {});
  const queues = new Map<string, Queue>();
  const handlers = new Map<string, { handler: JobHandler; opts: DefineOptions }>();
  const workers: Worker[] = [];
  const scheduled = new Set<string>();
  const bullPrefix = `${prefix}bull`;

  const queue = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix: bullPrefix });
      q.on('error', () => {});
      queues.set(name, q);
    }
    return q;
  };

  return {
    kind: 'bullmq',
    define(name, handler, opts = {}) {
      handlers.set(name, { handler, opts });
    },
    async enqueue(name, data, opts = {}) {
      const d = handlers.get(name)?.opts ?? {};
      await queue(name).add(name, data, {
        jobId: opts.jobId,
        delay: opts.delayMs,
        attempts: opts.attempts ?? d.attempts ?? 1,
        backoff: { type: 'exponential', delay: opts.backoffMs ?? d.backoffMs ?? 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      });
    },
    async every(name, everyMs, data) {
      // A job scheduler is stored in Redis by id: every process may declare it, one runs.
      scheduled.add(name);
      await queue(name).upsertJobScheduler(`every:${name}`, { every: everyMs }, { name, data: data ?? {} });
    },
    async start() {
      for (const [name, { handler, opts }] of handlers) {
        const worker = new Worker(
          name,
          async (job) => handler(job.data, { attempt: job.attemptsMade + 1, id: String(job.id) }),
          {
            connection: new Redis(redisUrl, { maxRetriesPerRequest: null }),
            prefix: bullPrefix,
            concurrency: opts.concurrency ?? 1,
          },
        );
        worker.on('failed', (job, err) =>
          logger.warn({ job: name, id: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job attempt failed'),
        );
        worker.on('error', () => {});
        workers.push(worker);
      }
    },
    async drain(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let busy = 0;
        for (const name of handlers.keys()) {
          const c = await queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          // A repeatable job always has its next run delayed: that is not pending work.
          busy += c.waiting + c.active + (scheduled.has(name) ? 0 : c.delayed) + (c.prioritized ?? 0);
        }
        if (busy === 0) return;
        if (Date.now() > deadline) throw new Error('jobs did not drain in time');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
