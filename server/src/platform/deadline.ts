/**
 * Rejects with `timeout()` when `work` has not settled within `ms`. The check runs after the
 * I/O of the turn in which the time ran out: a process that was busy (or not scheduled) past
 * the deadline reads the answer waiting in its socket before deciding it never came, so a slow
 * turn of our own is not taken for an outage of the other side.
 */
export function within<T>(work: Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () =>
        setImmediate(() => {
          if (!settled) reject(timeout());
        }),
      ms,
    );
    work.then(
      (value) => {
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        settled = true;
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
