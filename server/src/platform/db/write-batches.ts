/**
 * Writes that arrive together, written together: items under the same key (a slot) that arrive
 * while this process' previous write for that key is in flight are handed to `write` as the next
 * batch (at most `max`; one item per `who` in a batch — a person twice would refuse the whole
 * batch, so the second waits for the next one). A batch of one is a write alone.
 *
 * `write` answers a batch: `{ done: results }` (committed; results in the batch's order),
 * `{ refused: err }` (rolled back, nothing written) or `undefined` (it answered every item
 * itself). A batch refused as a whole is tried again item by item, so each gets its own answer;
 * an item refused alone goes to `refused`, which rejects or resolves it (and gives back what it
 * held). Used by the 祭扫 winners (modules/funeral/winners.ts) and the booking winners
 * (modules/bookings/book.ts).
 */
export interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

export type BatchOutcome<R> = { done: R[] } | { refused: unknown } | undefined;

export function makeWriteBatches<T, R>(o: {
  max: number;
  who: (item: T) => unknown;
  write: (key: string, batch: Pending<T, R>[]) => Promise<BatchOutcome<R>>;
  refused: (key: string, one: Pending<T, R>, err: unknown) => Promise<void>;
}) {
  const waiting = new Map<string, Pending<T, R>[]>();
  const flushing = new Set<string>();

  async function settle(key: string, batch: Pending<T, R>[]): Promise<void> {
    const out = await o.write(key, batch);
    if (out === undefined) return;
    if ('done' in out) {
      batch.forEach((c, i) => c.resolve(out.done[i]));
      return;
    }
    if (batch.length > 1) {
      // Refused as a whole, nothing written: each alone says which of them it was.
      for (const c of batch) await settle(key, [c]);
      return;
    }
    await o.refused(key, batch[0], out.refused);
  }

  async function flush(key: string) {
    flushing.add(key);
    try {
      for (;;) {
        const queue = waiting.get(key) ?? [];
        if (!queue.length) break;
        const batch: Pending<T, R>[] = [];
        const later: Pending<T, R>[] = [];
        const seen = new Set<unknown>();
        for (const c of queue.splice(0, o.max)) {
          const w = o.who(c.item);
          if (seen.has(w)) later.push(c);
          else {
            seen.add(w);
            batch.push(c);
          }
        }
        queue.unshift(...later);
        await settle(key, batch).catch((err) => {
          for (const c of batch) c.reject(err);
        });
      }
    } finally {
      waiting.delete(key);
      flushing.delete(key);
    }
  }

  return {
    /** Queues `item` under `key`; settles once its batch (or it alone) is written or refused. */
    add(key: string, item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        let queue = waiting.get(key);
        if (!queue) waiting.set(key, (queue = []));
        queue.push({ item, resolve, reject });
        if (!flushing.has(key)) void flush(key);
      });
    },
  };
}
