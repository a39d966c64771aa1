import chineseDays from 'chinese-days';
import data from 'chinese-days/dist/chinese-days.json';
import { addDays, weekdayOf } from './beijing';

/**
 * The national calendar: statutory holidays and adjusted working days (调休) as published by
 * the State Council, from the maintained `chinese-days` package (upgrade it each December when
 * the next year's arrangement is announced). It belongs to no module: halls add their own
 * overrides on top of it, and legal periods (the divorce cooling-off) end by it.
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface NationalDay {
  date: string;
  working: boolean;
  kind: DayKind;
  /** 国庆节, 春节 … for holidays and their 调休 days. */
  festival?: string;
  /** False when the State Council's arrangement for that year is not in the package yet. */
  published: boolean;
}

const holidays = (data as { holidays: Record<string, string> }).holidays;
const workdays = (data as { workdays: Record<string, string> }).workdays;
export const lastPublishedYear = Math.max(...Object.keys(holidays).map((date) => Number(date.slice(0, 4))));

const festivalName = (raw: string | undefined) => raw?.split(',')[1];

/**
 * Each date's answer, kept: the calendar is static data, and a clerk's inbox asks for the same
 * few hundred dates on every request (chinese-days and the date arithmetic were most of its CPU).
 */
const known = new Map<string, NationalDay>();
const KNOWN_MAX = 50_000;

export function nationalDay(date: string): NationalDay {
  let day = known.get(date);
  if (!day) {
    if (known.size >= KNOWN_MAX) known.clear();
    day = Object.freeze(computeNationalDay(date));
    known.set(date, day);
  }
  return day;
}

function computeNationalDay(date: string): NationalDay {
  const published = Number(date.slice(0, 4)) <= lastPublishedYear;
  const weekend = [0, 6].includes(weekdayOf(date));
  if (holidays[date])
    return { date, working: false, kind: 'holiday', festival: festivalName(holidays[date]), published };
  if (workdays[date] && weekend)
    return { date, working: true, kind: 'adjusted_workday', festival: festivalName(workdays[date]), published };
  // chinese-days answers isWorkday for every date; we only trust it beyond the maps for weekdays.
  const working = chineseDays.isWorkday(date);
  return { date, working, kind: working ? 'workday' : 'weekend', published };
}

export const isStatutoryWorkingDay = (date: string) => nationalDay(date).working;

/** The next working day on or after `date` (statutory calendar). */
export function workingDayOnOrAfter(date: string): string {
  let day = date;
  for (let i = 0; i < 60 && !isStatutoryWorkingDay(day); i++) day = addDays(day, 1);
  return day;
}

/**
 * A period of `days` days counted from the day after `start`; when its last day is not a
 * working day (a statutory holiday, or a rest day — 民法典 art. 203 reads 法定休假日 as both),
 * it ends on the next working day instead.
 */
export function periodEnd(start: string, days: number): string {
  return workingDayOnOrAfter(addDays(start, days));
}
