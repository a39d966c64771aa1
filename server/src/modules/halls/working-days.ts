import { addDays, nationalDay, periodEnd } from '../../platform/clock';

/**
 * Statutory periods counted in working days: the national calendar with 调休 (an adjusted
 * Saturday counts, a holiday weekday does not). Past the State Council's published
 * arrangement nobody knows which days will be holidays or 调休: such days are counted as an
 * ordinary week (Monday to Friday working), and the answer says it is provisional so that the
 * owner shows it as 暂定 and recomputes it once the calendar package carries that year.
 */
export interface CountedDay {
  date: string;
  /** True when a day counted lies past the published arrangement. */
  provisional: boolean;
}

/** The `days`th working day after `start` (the day of `start` itself is not counted). */
export function addWorkingDays(start: string, days: number): CountedDay {
  let date = start;
  let provisional = false;
  for (let counted = 0; counted < days; ) {
    date = addDays(date, 1);
    const day = nationalDay(date);
    if (!day.published) provisional = true;
    if (day.working) counted++;
  }
  return { date, provisional };
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
/** Counted spans, kept: inboxes ask for the same (today, due date) pairs on every request. */
const spans = new Map<string, number>();
const SPANS_MAX = 20_000;

export function workingDaysBetween(from: string, to: string): number {
  const key = `${from}|${to}`;
  const kept = spans.get(key);
  if (kept !== undefined) return kept;
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (nationalDay(date).working) count++;
  if (spans.size >= SPANS_MAX) spans.clear();
  spans.set(key, count);
  return count;
}

/** A period of calendar days that, ending on a rest day or holiday, ends on the next working day. */
export function calendarPeriodEnd(start: string, days: number): CountedDay {
  const date = periodEnd(start, days);
  return { date, provisional: !nationalDay(date).published };
}

/** Whether a date is a working day, and whether the calendar for it is published. */
export function workingDay(date: string): { working: boolean; published: boolean; festival?: string } {
  const day = nationalDay(date);
  return { working: day.working, published: day.published, festival: day.festival };
}
