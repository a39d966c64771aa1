import { type BeijingTime, type DayKind, nationalDay, toMinutes, WEEKDAY_NAMES, weekdayOf } from '../../platform/clock';
import type { HallRow, OverrideRow, Sessions } from './models';

export interface HallDay {
  date: string;
  open: boolean;
  sessions: Sessions;
  kind: DayKind;
  /** Why it is open or closed, in the citizen's words. */
  note: string;
  festival?: string;
  /** False when the national arrangement for that year is not published yet: closed until staff confirm the day. */
  published: boolean;
  /** Staff set this day themselves (a special opening, a closure, or confirming an unpublished day). */
  override: boolean;
}

/** One hall's day: the national calendar, the hall's weekly closures, then its overrides. */
export function hallDay(
  hall: Pick<HallRow, 'hours' | 'closed_weekdays'>,
  override: OverrideRow | undefined,
  date: string,
): HallDay {
  const n = nationalDay(date);
  const base = { date, kind: n.kind, festival: n.festival, published: n.published };
  if (override) {
    return {
      ...base,
      open: override.open,
      sessions: override.open ? (override.hours ?? hall.hours) : [],
      note: override.note ?? (override.open ? '特别开放' : '临时闭馆'),
      override: true,
    };
  }
  // Past the State Council's published arrangement nobody knows which days are holidays (元旦
  // 2027 would pass for a Friday like any other): such a day opens only once staff confirm it.
  if (!n.published) {
    return { ...base, open: false, sessions: [], note: '节假日安排待公布，暂不开放预约', override: false };
  }
  if (!n.working) {
    const note = n.kind === 'holiday' ? `${n.festival ?? '法定节假日'}放假` : '周末休息';
    return { ...base, open: false, sessions: [], note, override: false };
  }
  if (hall.closed_weekdays.includes(weekdayOf(date))) {
    return {
      ...base,
      open: false,
      sessions: [],
      note: `本大厅每${WEEKDAY_NAMES[weekdayOf(date)]}不对外办公`,
      override: false,
    };
  }
  const note = n.kind === 'adjusted_workday' ? `${n.festival ?? ''}调休上班` : '正常办公';
  return { ...base, open: true, sessions: hall.hours, note, override: false };
}

export interface OpenNow {
  open: boolean;
  text: string;
  until?: string;
  opensAt?: string;
}

/** Is the hall open at this Beijing minute, and what does the sign on the door say? */
export function openAt(day: HallDay, now: BeijingTime): OpenNow {
  if (now.date !== day.date) throw new Error('openAt: day and now differ');
  if (!day.open) return { open: false, text: `今日不办公（${day.note}）` };
  const m = now.minutes;
  const current = day.sessions.find(([s, e]) => toMinutes(s) <= m && m < toMinutes(e));
  if (current) return { open: true, text: `办公中，${current[1]} 前可取号`, until: current[1] };
  const next = day.sessions.find(([s]) => toMinutes(s) > m);
  if (!next) return { open: false, text: '今日已下班' };
  const isLunch = day.sessions.some(([, e]) => toMinutes(e) <= m);
  return {
    open: false,
    text: isLunch ? `午休中，${next[0]} 恢复办公` : `尚未开门，${next[0]} 开始办公`,
    opensAt: next[0],
  };
}

export const sessionsText = (s: Sessions) => s.map(([a, b]) => `${a}-${b}`).join('，');

/** The gap between two sessions, shown as the lunch break. */
export const lunchBreak = (s: Sessions): [string, string] | null => (s.length >= 2 ? [s[0][1], s[1][0]] : null);
