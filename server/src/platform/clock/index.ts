import { type BeijingTime, beijingTimeAt, DAY_MS, BEIJING_OFFSET_MS } from './beijing';

export * from './beijing';
export * from './working-days';

/**
 * The one "now" of the server. Every rule about dates and deadlines (today's tickets, a
 * booking's cutoff, an invitation's expiry, credit-list periods, a row's timestamp) reads it,
 * so a test moves time by moving the clock instead of rewriting rows. What the process measures
 * for itself — request budgets, lock waits, cache lifetimes, WeChat token expiry — stays on the
 * real clock: those are durations, not dates.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** `now()` as a Date, for timestamps written to rows. */
  date(): Date;
  /** Beijing's calendar date, wall-clock minutes and weekday now. */
  beijing(): BeijingTime;
  /** Beijing's calendar date now, 'YYYY-MM-DD'. */
  today(): string;
}

/** A clock that tests can move: in-process through `app.platform.clock`, spawned processes by `CLOCK_OFFSET_MS`. */
export interface MovableClock extends Clock {
  /** Moves time forward (or back, negative) for everything that reads this clock. */
  advance(ms: number): void;
  /** How far this clock runs ahead of the system's. */
  readonly offsetMs: number;
}

/** The system clock, `offsetMs` ahead (0 outside tests: configuration refuses an offset in production). */
export function createClock(offsetMs = 0): MovableClock {
  let offset = offsetMs;
  // Every profile asks for today; formatting a date costs more than the rest of a cached
  // look-up, so the day is kept with the span of instants it covers.
  let day = { from: 0, until: 0, date: '' };
  const now = () => Date.now() + offset;
  return {
    now,
    date: () => new Date(now()),
    beijing: () => beijingTimeAt(now()),
    today() {
      const at = now();
      if (at < day.from || at >= day.until) {
        const from = Math.floor((at + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
        day = { from, until: from + DAY_MS, date: beijingTimeAt(at).date };
      }
      return day.date;
    },
    advance(ms: number) {
      offset += ms;
    },
    get offsetMs() {
      return offset;
    },
  };
}
