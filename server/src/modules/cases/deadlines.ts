import { addDays } from '../../platform/clock';
import { addWorkingDays, calendarPeriodEnd } from '../halls';
import type { Flag } from './models';
import type { StageClock } from './types';

export const DEFAULT_NEAR_DAYS = 2;

/**
 * The last day of a stage entered on `enteredOn` (the day of entry is not counted, as the
 * 民法典 counts periods). Working days follow the national calendar with 调休; a period
 * reaching past the published holiday arrangement is provisional (暂定) and recomputed by the
 * daily clock once the calendar carries that year.
 */
export function dueOf(clock: StageClock, enteredOn: string): { dueOn: string; provisional: boolean } {
  const counted =
    clock.unit === 'working' ? addWorkingDays(enteredOn, clock.days) : calendarPeriodEnd(enteredOn, clock.days);
  return { dueOn: counted.date, provisional: counted.provisional };
}

/** The last day that still counts as "nearly overdue" today for a stage warning `nearDays` ahead. */
export const nearLimit = (today: string, nearDays = DEFAULT_NEAR_DAYS) => addWorkingDays(today, nearDays).date;

export function flagOf(dueOn: string | null, today: string, nearDays = DEFAULT_NEAR_DAYS): Flag {
  if (!dueOn) return 'none';
  if (dueOn < today) return 'overdue';
  return dueOn <= nearLimit(today, nearDays) ? 'near' : 'none';
}

/** A stage that ends by itself wakes up the day after its last day. */
export const dayAfter = (date: string) => addDays(date, 1);
