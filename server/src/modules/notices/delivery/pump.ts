import type { Platform } from '../../../platform/platform';
import type { OutboxRow } from '../models';
import type { Claims } from './claims';
import type { Recording } from './recording';
import type { Send } from './sending';

const MAX_BATCH = 500;
const MIN_SENDERS = 4;
const MAX_SENDERS = 100;
/** Rows whose lease ends sooner than this are not sent by the pump that claimed them. */
const LEASE_MARGIN_MS = 1000;
const PUMP_BUDGET_MS = 15_000;
/** How many pumps run at once when there is plenty to send. */
export const PUMP_SLOTS = 4;

/**
 * One pump (a job; any number of workers run them): senders take rows from a local queue that
 * is topped up by the next claim while the current rows are still going out, so the senders
 * never wait for a claim, a batch's slowest send or the recording of outcomes. How many
 * senders: enough to keep the shared rate busy while each WeChat call takes its round trip
 * (1/20 s of the rate per pump, and several pumps run at once). A pump stops when the outbox
 * has nothing due or its time budget is spent (then a fresh job carries on).
 */
export function makePump(
  p: Platform,
  parts: { claims: Claims; send: Send; recording: Recording; kick: (slots?: number) => Promise<void> },
) {
  const { claims, send, recording, kick } = parts;

  return async function pump() {
    const started = Date.now();
    const rate = p.config.notices.ratePerSec;
    // About a quarter second of the shared rate per claim: a slow rate never strands a big batch.
    const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(rate / 4)));
    const senders = Math.max(MIN_SENDERS, Math.min(MAX_SENDERS, Math.ceil(rate / 20)));
    const queue: OutboxRow[] = [];
    let claiming: Promise<void> | null = null;
    let drained = false; // the outbox had fewer due rows than we asked for
    let failed: unknown = null;
    const outcomes = recording.recorder();
    const budgetLeft = () => Date.now() - started < PUMP_BUDGET_MS;

    const refill = (): Promise<void> | null => {
      if (claiming || drained || failed || !budgetLeft()) return claiming;
      claiming = claims
        .claim(batch)
        .then(async (rows) => {
          queue.push(...rows);
          if (rows.length < batch) drained = true;
          else await kick(PUMP_SLOTS); // plenty left: wake the other pumps
        })
        .catch((err) => {
          failed = err;
        })
        .finally(() => {
          claiming = null;
        });
      return claiming;
    };

    await Promise.all(
      Array.from({ length: senders }, async () => {
        for (;;) {
          if (queue.length <= senders) void refill(); // claim ahead
          const row = queue.shift();
          if (!row) {
            const pending = claiming ?? refill();
            if (!pending) return;
            await pending;
            continue;
          }
          // A row that waited here past its lease may be another pump's now: leave it to them.
          if (new Date(row.next_attempt_at).getTime() - p.clock.now() < LEASE_MARGIN_MS) continue;
          outcomes.add(await send(row));
        }
      }),
    );
    await outcomes.close();
    if (failed) throw failed;
    if (!drained) await kick(1); // budget spent: carry on in a fresh job
  };
}
