import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { outsideRequest } from '../request-source';
import type { DefineOptions, JobHandler, JobOptions, Jobs } from './types';

interface Defined {
  handler: JobHandler;
  opts: DefineOptions;
  running: number;
  waiting: Array<() => void>;
}

/** The embedded mode's runner: one process, timers and promises, same retry semantics. */
export function createMemoryJobs(logger: Logger): Jobs {
  const defined = new Map<string, Defined>();
  const pendingIds = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let inflight = 0;
  let started = false;
  let closed = false;
  const backlog: Array<() => void> = [];

  // A job runs as no request's work, even when a request enqueued it (its audit rows and logs
  // must not carry that request's id and address), as it would on a BullMQ worker.
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      outsideRequest(fn);
    }, ms);
    timers.add(t);
  };

  async function run(name: string, data: unknown, opts: JobOptions, attempt: number, id: string) {
    const d = defined.get(name);
    if (!d || closed) return;
    const limit = d.opts.concurrency ?? 1;
    if (d.running >= limit) await new Promise<void>((r) => d.waiting.push(r));
    d.running++;
    try {
      await d.handler(data, { attempt, id });
      if (opts.jobId) pendingIds.delete(opts.jobId);
    } catch (err) {
      const attempts = opts.attempts ?? d.opts.attempts ?? 1;
      if (attempt < attempts && !closed) {
        const backoff = (opts.backoffMs ?? d.opts.backoffMs ?? 1000) * 2 ** (attempt - 1);
        inflight++;
        later(backoff, () => void run(name, data, opts, attempt + 1, id).finally(() => inflight--));
      } else {
        if (opts.jobId) pendingIds.delete(opts.jobId);
        logger.error({ err, job: name, id, attempt }, 'job failed');
      }
    } finally {
      d.running--;
      d.waiting.shift()?.();
    }
  }

  const submit = (name: string, data: unknown, opts: JobOptions) => {
    const id = opts.jobId ?? randomUUID();
    inflight++;
    const go = () => later(opts.delayMs ?? 0, () => void run(name, data, opts, 1, id).finally(() => inflight--));
    if (started) go();
    else backlog.push(go);
  };

  return {
    kind: 'memory',
    define(name, handler, opts = {}) {
      defined.set(name, { handler, opts, running: 0, waiting: [] });
    },
    async enqueue(name, data, opts = {}) {
      if (opts.jobId) {
        if (pendingIds.has(opts.jobId)) return;
        pendingIds.add(opts.jobId);
      }
      submit(name, data, opts);
    },
    async every(name, everyMs, data) {
      const tick = () => {
        if (closed) return;
        submit(name, data, {});
        later(everyMs, tick);
      };
      later(everyMs, tick);
    },
    async start() {
      started = true;
      backlog.splice(0).forEach((go) => go());
    },
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (inflight > 0) {
        if (Date.now() > deadline) throw new Error('jobs did not drain in time');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
