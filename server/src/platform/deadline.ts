/**
 * Work being watched, by when it is due. One timer sweeps them all (every cache command of
 * every request is watched: a timer set and cleared for each cost more than the command's own
 * bookkeeping, and nearly all settle in well under a millisecond).
 */
class Watch<T> {
  settled = false;
  constructor(
    readonly due: number,
    readonly timeout: () => Error,
    readonly resolve: (value: T) => void,
    readonly reject: (err: unknown) => void,
    readonly failure: ((err: unknown) => unknown) | undefined,
  ) {}
  fail(err: unknown) {
    this.reject(this.failure ? this.failure(err) : err);
  }
}

/** How often the watched work is looked at: a deadline is kept to within this much. */
const SWEEP_MS = 25;
const watching = new Set<Watch<any>>();
let sweeper: NodeJS.Timeout | undefined;

function sweep() {
  const now = performance.now();
  let late: Watch<any>[] | undefined;
  for (const w of watching) {
    if (w.due > now) continue;
    watching.delete(w);
    (late ??= []).push(w);
  }
  if (watching.size === 0) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
  // After the I/O of this turn: an answer already waiting in a socket settles its work first.
  if (late) {
    const overdue = late;
    setImmediate(() => {
      for (const w of overdue) if (!w.settled) w.fail(w.timeout());
    });
  }
}

/**
 * Rejects with `timeout()` when `work` has not settled within `ms` (checked every SWEEP_MS).
 * The check runs after the I/O of the turn in which the time ran out: a process that was busy
 * (or not scheduled) past the deadline reads the answer waiting in its socket before deciding
 * it never came, so a slow turn of our own is not taken for an outage of the other side.
 * `failure`, when given, says what a rejection (the work's, or the timeout) rejects with.
 */
export function within<T>(
  work: Promise<T>,
  ms: number,
  timeout: () => Error,
  failure?: (err: unknown) => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = new Watch<T>(performance.now() + ms, timeout, resolve, reject, failure);
    watching.add(w);
    sweeper ??= setInterval(sweep, SWEEP_MS);
    work.then(
      (value) => {
        w.settled = true;
        watching.delete(w);
        w.resolve(value);
      },
      (err) => {
        w.settled = true;
        watching.delete(w);
        w.fail(err);
      },
    );
  });
}
