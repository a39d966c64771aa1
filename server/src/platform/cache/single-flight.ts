/**
 * One read in flight at a time. `any()` shares the read out now (or starts one); `afterNow()`
 * gives a read that began after the call: the read out now may have left before a change the
 * caller must see, so the callers arriving while it is out share the one sent when it returns.
 */
export function singleFlight<T>(read: () => Promise<T>) {
  let reading: Promise<T> | undefined;
  /** The read to send once `reading` returns, for the callers who arrived while it was out. */
  let next: Promise<T> | undefined;
  const start = (): Promise<T> =>
    (reading ??= read().finally(() => {
      reading = undefined;
    }));
  return {
    any: start,
    afterNow(): Promise<T> {
      if (!reading) return start();
      next ??= reading
        .catch(() => undefined)
        .then(() => {
          next = undefined;
          return start();
        });
      return next;
    },
  };
}
