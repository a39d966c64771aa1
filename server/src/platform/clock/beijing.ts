/**
 * Offices keep Beijing time whatever the server's zone. Dates travel as 'YYYY-MM-DD' strings
 * (a day, not an instant) and times of day as 'HH:MM'. China has kept UTC+8 all year since 1991,
 * so a fixed offset is exact.
 */
export const BEIJING_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

export interface BeijingTime {
  /** The calendar date in Beijing, 'YYYY-MM-DD'. */
  date: string;
  /** Minutes since Beijing midnight. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** The Beijing date and wall-clock time of an instant (milliseconds since the epoch). */
export function beijingTimeAt(instantMs: number): BeijingTime {
  const shifted = new Date(instantMs + BEIJING_OFFSET_MS);
  return {
    date: shifted.toISOString().slice(0, 10),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** The Beijing calendar date of an instant. */
export const beijingDateAt = (instantMs: number): string =>
  new Date(instantMs + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** The instant at which a Beijing wall-clock time happens. */
export function beijingInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00Z`) - BEIJING_OFFSET_MS);
}

/** The first instant of the Beijing day after the one `instantMs` falls in. */
export function nextBeijingMidnight(instantMs: number): Date {
  const day = Math.floor((instantMs + BEIJING_OFFSET_MS) / DAY_MS) + 1;
  return new Date(day * DAY_MS - BEIJING_OFFSET_MS);
}

/** An instant as a Beijing wall-clock reading for people: 2026/5/10 18:00:00. */
export const beijingDateTimeText = (instant: Date | number | string): string =>
  new Date(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

/** An instant's Beijing time of day for people: 09:05:00. */
export const beijingTimeText = (instant: Date | number | string): string =>
  new Date(instant).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' });

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 2026-08-31 + 6 months = 2027-02-28: the day of month is clamped, as calendars do. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
