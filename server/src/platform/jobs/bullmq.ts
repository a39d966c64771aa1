import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { COMMAND_TIMEOUT_MS } from '../cache/redis';
import { within } from '../deadline';
import { serviceUnavailable } from '../errors';
import type { Logger } from '../logger';
import type { DefineOptions, JobHandler, Jobs } from './types';

/**
 * BullMQ on Redis: one queue per job name, so a slow kind of work never delays another.
 * Any number of server and worker processes may enqueue; those that start() process.
 */
const CLOSE_WAIT_MS = 10_000;

export function createBullJobs(redisUrl: string, prefix: string, logger: Logger): Jobs {
  // Enqueueing happens inside requests: with Redis down it fails fast (a 503), as the cache
  // does. Workers block on their own connections, whose retries BullMQ needs unlimited.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5000 });
  connection.on('error', () => {});
  const queues = new Map<string, Queue>();
  const handlers = new Map<string, { handler: JobHandler; opts: DefineOptions }>();
  const workers: Worker[] = [];
  const workerConnections: Redis[] = [];
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
      const added = queue(name).add(name, data, {
        jobId: opts.jobId,
        delay: opts.delayMs,
        attempts: opts.attempts ?? d.attempts ?? 1,
        backoff: { type: 'exponential', delay: opts.backoffMs ?? d.backoffMs ?? 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      });
      await within(added, COMMAND_TIMEOUT_MS * 2, () => new Error('Redis did not take the job in time')).catch(
        (err) => {
          throw serviceUnavailable(err);
        },
      );
    },
    async every(name, everyMs, data) {
      // A job scheduler is stored in Redis by id: every process may declare it, one runs.
      scheduled.add(name);
      await queue(name).upsertJobScheduler(`every:${name}`, { every: everyMs }, { name, data: data ?? {} });
    },
    async start() {
      for (const [name, { handler, opts }] of handlers) {
        const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
        workerConnection.on('error', () => {}); // the worker reconnects; its own 'error' is below
        workerConnections.push(workerConnection);
        const worker = new Worker(
          name,
          async (job) => handler(job.data, { attempt: job.attemptsMade + 1, id: String(job.id) }),
          {
            connection: workerConnection,
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
      // Running jobs finish; with Redis gone nothing can, so the connections are cut after a while.
      const closed = (async () => {
        await Promise.all(workers.map((w) => w.close()));
        await Promise.all([...queues.values()].map((q) => q.close()));
        await connection.quit();
      })();
      await within(closed, CLOSE_WAIT_MS, () => new Error('jobs did not close in time')).catch(() => {
        for (const c of [connection, ...workerConnections]) c.disconnect();
      });
    },
  };
}
