/**
 * Queued and scheduled work behind one interface: BullMQ on Redis (several worker processes
 * share it), an in-process runner in the embedded mode. Handlers must be idempotent: a job
 * may run again after a crash (at-least-once), so its effects are keyed, not counted.
 */
export type JobHandler<T = any> = (data: T, meta: { attempt: number; id: string }) => Promise<void>;

export interface JobOptions {
  /** Same id, same job: a second enqueue with an id still pending is ignored. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export interface DefineOptions {
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
}

export interface Jobs {
  readonly kind: 'bullmq' | 'memory';
  define<T>(name: string, handler: JobHandler<T>, opts?: DefineOptions): void;
  enqueue<T>(name: string, data: T, opts?: JobOptions): Promise<void>;
  /** Runs `name` every `everyMs` on exactly one worker (repeatable job / in-process timer). */
  every<T>(name: string, everyMs: number, data?: T): Promise<void>;
  /** Starts processing the defined jobs in this process. */
  start(): Promise<void>;
  /** Resolves when nothing is queued, delayed or running (tests and benches). */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
