import { Op, type WhereOptions } from 'sequelize';
import { divisionPrefixes, reachWhere } from '../../platform/auth';
import { createMemo, type ScopedMemo, type VersionedMemo } from '../../platform/cache';
import { addDays, addMonths } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import type { ExportSheet } from '../../platform/exports';
import type { HallsApi } from '../halls';
import {
  BOOKING_METRICS,
  bucketLabel,
  COMPLAINT_METRICS,
  FOLLOWER_METRICS,
  NOTICE_CHANNELS,
  NOTICE_STEPS,
  type NoticeChannel,
  type NoticeStep,
  noticeMetric,
  monthly,
  quantile,
  WAIT_BUCKETS,
  waitMetric,
} from './metrics';
import type { StatsModels } from './models';

interface Range {
  from: string;
  to: string;
}
type Sum = { day: string; hall_id: number; metric: string; hour?: number; total: string | number };

/** How long the sums of past days are kept in a process (they do not change; this bounds memory). */
const PAST_TTL_MS = 10 * 60_000;

const scopeKey = (staff: StaffPrincipal) => JSON.stringify([divisionPrefixes(staff), [...staff.scope.halls].sort()]);

/**
 * The range as its whole months that are over (read from the monthly rows; `from`..`to` are
 * their first days) and the days left at either end (read day by day).
 */
export function splitByMonths(range: Range, today: string): { months: Range | null; days: Range[] } {
  const endOf = (monthStart: string) => addDays(addMonths(monthStart, 1), -1);
  let first = `${range.from.slice(0, 7)}-01`;
  if (first < range.from) first = addMonths(first, 1);
  let last: string | null = null;
  for (let month = first; endOf(month) <= range.to && endOf(month) < today; month = addMonths(month, 1)) last = month;
  if (last === null) return { months: null, days: [range] };
  const days: Range[] = [];
  if (range.from < first) days.push({ from: range.from, to: addDays(first, -1) });
  if (endOf(last) < range.to) days.push({ from: addDays(endOf(last), 1), to: range.to });
  return { months: { from: first, to: last }, days };
}

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/**
 * The dashboards: sums over the roll-up rows of the range, held to the staff member's scope
 * (their divisions and halls; admin: all). Never a scan of bookings, tickets or complaints.
 */
export function makeRead(
  m: StatsModels,
  halls: Pick<HallsApi, 'names'>,
  today: () => string,
  queueAnswers: VersionedMemo<QueueAnswer>,
  kept: {
    bookings: ScopedMemo<BookingsAnswer>;
    complaints: ScopedMemo<ComplaintsAnswer>;
    notices: ScopedMemo<NoticesAnswer>;
    followers: ScopedMemo<FollowersAnswer>;
  },
) {
  // Days before today never change (an event is counted on the day it happens, and the fold
  // keeps every sum): their sums are kept per scope and range, and only today's are read each
  // time. A year's dashboard is then one small query, and today's counts stay live.
  const past = createMemo<Sum[]>(PAST_TTL_MS, 2000);

  function query(
    model: StatsModels['Daily'],
    staff: StaffPrincipal,
    range: Range,
    metrics: string[],
    group: string[],
  ): Promise<Sum[]> {
    const scope = reachWhere(staff, { division: 'division_code', hall: 'hall_id' });
    const where: WhereOptions = {
      metric: { [Op.in]: metrics },
      day: { [Op.between]: [range.from, range.to] },
      ...(scope ? { [Op.and]: [scope] } : {}),
    };
    return model.findAll({
      where,
      attributes: [...group, 'metric', [model.sequelize!.fn('SUM', model.sequelize!.col('value')), 'total']],
      group: [...group, 'metric'],
      raw: true,
    }) as unknown as Promise<Sum[]>;
  }

  /** Sums per group and metric over the range; a group may come twice (past and today): add them up. */
  async function sums(
    model: StatsModels['Daily'],
    staff: StaffPrincipal,
    range: Range,
    metrics: string[],
    group: string[],
  ): Promise<Sum[]> {
    const now = today();
    const lastPast = addDays(now, -1);
    const pastRange = range.to < now ? range : { from: range.from, to: lastPast };
    const todays =
      range.to >= now && range.from <= now ? query(model, staff, { from: now, to: now }, metrics, group) : [];
    const key = [
      model.tableName,
      metrics.join(','),
      group.join(','),
      scopeKey(staff),
      pastRange.from,
      pastRange.to,
    ].join('|');
    const before =
      pastRange.from <= pastRange.to ? past.get(key, () => query(model, staff, pastRange, metrics, group)) : [];
    const [a, b] = await Promise.all([before, todays]);
    return [...a, ...b];
  }

  /**
   * The bookings answer is kept whole in each process until a booking event in the reader's
   * scope commits (its hall's versions: the hall, its division and every level above it, which
   * `record.booking` bumps after the commit) or the Beijing day turns. A warm read reads no row.
   */
  function bookings(staff: StaffPrincipal, range: Range): Promise<BookingsAnswer> {
    const key = [today(), scopeKey(staff), range.from, range.to].join('|');
    return kept.bookings.get(scopeParts(staff), key, () => foldBookings(staff, range));
  }

  /**
   * The complaints, notices and followers answers are kept the same way: until an event they
   * count commits in the reader's scope (`record.complaint` / `notices` / `follower` bump the
   * versions of the event's division, hall and every level above it after the commit) or the
   * Beijing day turns. A warm read reads no row.
   */
  function keptAnswer<T>(memo: ScopedMemo<T>, fold: (staff: StaffPrincipal, range: Range) => Promise<T>) {
    return (staff: StaffPrincipal, range: Range): Promise<T> =>
      memo.get(scopeParts(staff), [today(), scopeKey(staff), range.from, range.to].join('|'), () => fold(staff, range));
  }

  async function foldBookings(staff: StaffPrincipal, range: Range): Promise<BookingsAnswer> {
    const metrics = Object.values(BOOKING_METRICS);
    // Two small groupings in the database (days, halls) rather than days × halls here: a year of
    // a province's halls is tens of thousands of (day, hall) pairs. Per hall, the range's whole
    // past months come from the monthly rows and only the days at either end from the daily ones.
    const { months, days } = splitByMonths(range, today());
    const [dayRows, ...hallParts] = await Promise.all([
      sums(m.Daily, staff, range, metrics, ['day']),
      ...days.map((r) => sums(m.Daily, staff, r, metrics, ['hall_id'])),
      months ? sums(m.Daily, staff, months, metrics.map(monthly), ['hall_id']) : [],
    ]);
    const hallRows = hallParts.flat();
    const blank = () => ({ made: 0, cancelled: 0, noShow: 0 });
    const keyOf = new Map<string, keyof ReturnType<typeof blank>>(
      Object.entries(BOOKING_METRICS).flatMap(([k, v]) => [
        [v, k as keyof ReturnType<typeof blank>],
        [monthly(v), k as keyof ReturnType<typeof blank>],
      ]),
    );
    const key = (metric: string) => keyOf.get(metric) ?? 'made';
    const byDay = new Map<string, ReturnType<typeof blank>>();
    const byHall = new Map<number, ReturnType<typeof blank>>();
    const totals = blank();
    for (const r of dayRows) {
      const n = Number(r.total);
      const d = byDay.get(r.day) ?? blank();
      d[key(r.metric)] += n;
      byDay.set(r.day, d);
      totals[key(r.metric)] += n;
    }
    for (const r of hallRows) {
      const h = byHall.get(r.hall_id) ?? blank();
      h[key(r.metric)] += Number(r.total);
      byHall.set(r.hall_id, h);
    }
    const names = await halls.names([...byHall.keys()]);
    return {
      ...range,
      days: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, c]) => ({ date, ...c })),
      halls: [...byHall.entries()]
        .sort(([a], [b]) => a - b)
        .map(([hallId, c]) => ({
          hallId,
          hallName: names.get(hallId) ?? `大厅${hallId}`,
          ...c,
          noShowRate: rate(c.noShow, c.made),
        })),
      totals: { ...totals, noShowRate: rate(totals.noShow, totals.made) },
    };
  }

  /**
   * The queue's answer is kept whole in each process until the next ticket is called anywhere
   * (the version `record.ticketCalled` bumps after its commit) or the Beijing day turns: a
   * year of a province's halls is thousands of histogram cells to fold, and the dashboard is
   * read far more often than a ticket is called.
   */
  function queue(staff: StaffPrincipal, range: Range): Promise<QueueAnswer> {
    const key = [today(), scopeKey(staff), range.from, range.to].join('|');
    return queueAnswers.get(key, () => foldQueue(staff, range));
  }

  async function foldQueue(staff: StaffPrincipal, range: Range) {
    // The histogram's buckets are all it needs (the number called is their sum): the range's
    // whole past months from the monthly rows, its other days from the daily ones.
    const waits = WAIT_BUCKETS.map((_, i) => waitMetric(i));
    const { months, days } = splitByMonths(range, today());
    const parts = await Promise.all([
      ...days.map((r) => sums(m.Hourly, staff, r, waits, ['hall_id', 'hour'])),
      months ? sums(m.Hourly, staff, months, waits.map(monthly), ['hall_id', 'hour']) : [],
    ]);
    const rows = parts.flat();
    const histograms = new Map<string, number[]>();
    const bump = (key: string, bucket: number, n: number) => {
      const h = histograms.get(key) ?? WAIT_BUCKETS.map(() => 0);
      h[bucket] += n;
      histograms.set(key, h);
    };
    for (const r of rows) {
      const bucket = Number(r.metric.slice(r.metric.lastIndexOf('.') + 1));
      const n = Number(r.total);
      bump(`hall:${r.hall_id}`, bucket, n);
      bump(`hour:${r.hour}`, bucket, n);
      bump(`cell:${r.hall_id}:${r.hour}`, bucket, n);
      bump('all', bucket, n);
    }
    const summary = (h: number[] | undefined) => {
      const counts = h ?? WAIT_BUCKETS.map(() => 0);
      return {
        called: counts.reduce((a, b) => a + b, 0),
        medianMinutes: quantile(counts, 0.5),
        p90Minutes: quantile(counts, 0.9),
      };
    };
    const hallIds = [...new Set(rows.map((r) => r.hall_id))].sort((a, b) => a - b);
    const hours = [...new Set(rows.map((r) => Number(r.hour)))].sort((a, b) => a - b);
    const names = await halls.names(hallIds);
    return {
      ...range,
      halls: hallIds.map((hallId) => ({
        hallId,
        hallName: names.get(hallId) ?? `大厅${hallId}`,
        ...summary(histograms.get(`hall:${hallId}`)),
      })),
      hours: hours.map((hour) => ({ hour, ...summary(histograms.get(`hour:${hour}`)) })),
      byHallHour: hallIds.flatMap((hallId) =>
        hours
          .filter((hour) => histograms.has(`cell:${hallId}:${hour}`))
          .map((hour) => ({ hallId, hour, ...summary(histograms.get(`cell:${hallId}:${hour}`)) })),
      ),
      buckets: (histograms.get('all') ?? WAIT_BUCKETS.map(() => 0)).map((count, i) => ({
        label: bucketLabel(i),
        count,
      })),
      totals: summary(histograms.get('all')),
    };
  }

  async function foldComplaints(staff: StaffPrincipal, range: Range): Promise<ComplaintsAnswer> {
    const rows = await sums(m.Daily, staff, range, Object.values(COMPLAINT_METRICS), ['day']);
    const blank = () => ({ submitted: 0, accepted: 0, answered: 0, rejected: 0, closeHours: 0 });
    type Counts = ReturnType<typeof blank>;
    const key = (metric: string) =>
      Object.entries(COMPLAINT_METRICS).find(([, v]) => v === metric)?.[0] as keyof Counts;
    const byDay = new Map<string, Counts>();
    const totals = blank();
    for (const r of rows) {
      const d = byDay.get(r.day) ?? blank();
      d[key(r.metric)] += Number(r.total);
      byDay.set(r.day, d);
      totals[key(r.metric)] += Number(r.total);
    }
    const closed = totals.answered + totals.rejected;
    const { closeHours, ...counts } = totals;
    return {
      ...range,
      days: [...byDay.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, { closeHours: _h, ...c }]) => ({ date, ...c })),
      totals: { ...counts, averageDaysToClose: closed ? Math.round((closeHours / closed / 24) * 10) / 10 : null },
    };
  }

  /**
   * WeChat sends per channel. A template message's end is known from its delivery report, so its
   * rate is delivered over the ends known; a subscribe message has no report, so its rate is
   * how many WeChat took (and says so: `rateOf`).
   */
  async function foldNotices(staff: StaffPrincipal, range: Range): Promise<NoticesAnswer> {
    const metrics = NOTICE_CHANNELS.flatMap((c) => NOTICE_STEPS.map((step) => noticeMetric(c, step)));
    const rows = await sums(m.Daily, staff, range, metrics, ['day']);
    const blank = () => ({ sent: 0, delivered: 0, failed: 0 });
    const byChannel = new Map<NoticeChannel, ReturnType<typeof blank>>(NOTICE_CHANNELS.map((c) => [c, blank()]));
    const byDay = new Map<string, Record<NoticeChannel, ReturnType<typeof blank>>>();
    for (const r of rows) {
      const [, channel, step] = r.metric.split('.') as [string, NoticeChannel, NoticeStep];
      const n = Number(r.total);
      byChannel.get(channel)![step] += n;
      const day =
        byDay.get(r.day) ??
        (Object.fromEntries(NOTICE_CHANNELS.map((c) => [c, blank()])) as Record<
          NoticeChannel,
          ReturnType<typeof blank>
        >);
      day[channel][step] += n;
      byDay.set(r.day, day);
    }
    return {
      ...range,
      channels: NOTICE_CHANNELS.map((channel) => {
        const c = byChannel.get(channel)!;
        const reported = channel === 'mp_template';
        return {
          channel,
          ...c,
          rateOf: reported ? ('delivered' as const) : ('accepted' as const),
          rate: reported ? rate(c.delivered, c.delivered + c.failed) : rate(c.sent, c.sent + c.failed),
        };
      }),
      days: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, c]) => ({ date, ...c })),
    };
  }

  /**
   * Followers of the public account within one's scope, day by day: follows, unfollows and the
   * number following at the end of each day (everything counted before the range, plus the
   * range's changes). Every day of the range is listed, so the line has no gaps.
   */
  async function foldFollowers(staff: StaffPrincipal, range: Range): Promise<FollowersAnswer> {
    const metrics = Object.values(FOLLOWER_METRICS);
    const [before, rows] = await Promise.all([
      sums(m.Daily, staff, { from: '0000-01-01', to: addDays(range.from, -1) }, metrics, []),
      sums(m.Daily, staff, range, metrics, ['day']),
    ]);
    const net = (list: Sum[]) =>
      list.reduce((n, r) => n + (r.metric === FOLLOWER_METRICS.followed ? 1 : -1) * Number(r.total), 0);
    const byDay = new Map<string, { followed: number; unfollowed: number }>();
    for (const r of rows) {
      const d = byDay.get(r.day) ?? { followed: 0, unfollowed: 0 };
      d[r.metric === FOLLOWER_METRICS.followed ? 'followed' : 'unfollowed'] += Number(r.total);
      byDay.set(r.day, d);
    }
    let following = net(before);
    const days: Array<{ date: string; followed: number; unfollowed: number; following: number }> = [];
    for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
      const d = byDay.get(day) ?? { followed: 0, unfollowed: 0 };
      following += d.followed - d.unfollowed;
      days.push({ date: day, ...d, following });
    }
    const totals = days.reduce(
      (t, d) => ({ followed: t.followed + d.followed, unfollowed: t.unfollowed + d.unfollowed }),
      {
        followed: 0,
        unfollowed: 0,
      },
    );
    return { ...range, days, totals: { ...totals, following } };
  }

  return {
    bookings,
    queue,
    complaints: keptAnswer(kept.complaints, foldComplaints),
    notices: keptAnswer(kept.notices, foldNotices),
    followers: keptAnswer(kept.followers, foldFollowers),
  };
}

interface ComplaintCounts {
  submitted: number;
  accepted: number;
  answered: number;
  rejected: number;
}
/** The complaints dashboard: per day filed / accepted / answered / rejected, and the days to close. */
export interface ComplaintsAnswer extends Range {
  days: Array<{ date: string } & ComplaintCounts>;
  totals: ComplaintCounts & { averageDaysToClose: number | null };
}

interface NoticeCounts {
  sent: number;
  delivered: number;
  failed: number;
}
/** The notices dashboard: per channel and per day, sent / delivered / failed and the rate. */
export interface NoticesAnswer extends Range {
  channels: Array<{ channel: NoticeChannel; rateOf: 'delivered' | 'accepted'; rate: number | null } & NoticeCounts>;
  days: Array<{ date: string } & Record<NoticeChannel, NoticeCounts>>;
}

interface FollowerCounts {
  followed: number;
  unfollowed: number;
}
/** The followers dashboard: every day of the range with its follows, unfollows and the number following. */
export interface FollowersAnswer extends Range {
  days: Array<{ date: string; following: number } & FollowerCounts>;
  totals: FollowerCounts & { following: number };
}

interface BookingCounts {
  made: number;
  cancelled: number;
  noShow: number;
}
/** The bookings dashboard: per day and per hall, made / cancelled / no-show and the no-show rate. */
export interface BookingsAnswer extends Range {
  days: Array<{ date: string } & BookingCounts>;
  halls: Array<{ hallId: number; hallName: string; noShowRate: number | null } & BookingCounts>;
  totals: BookingCounts & { noShowRate: number | null };
}

/** Division code lengths of the levels (省 2, 市 4, 县 6, 乡镇 9, 村/社区 12). */
const LEVELS = [2, 4, 6, 9, 12];

/**
 * The version parts a hall's events bump: the hall, the nation, and its division at every level
 * (a scope prefix of any level covering the hall finds its own among them).
 */
export function hallParts(hall: { hallId: number; divisionCode: string }): string[] {
  const code = hall.divisionCode;
  return [`h:${hall.hallId}`, 'd:', ...LEVELS.filter((n) => n <= code.length).map((n) => `d:${code.slice(0, n)}`)];
}

/**
 * The version parts an answer for this reader depends on: nationwide accounts the nation's; a
 * prefix the one of its level (a prefix between levels, the level above it, which every event
 * under the prefix bumps too); each hall held by id its hall's.
 */
export function scopeParts(staff: StaffPrincipal): string[] {
  const prefixes = divisionPrefixes(staff);
  if (prefixes === null) return ['d:'];
  const level = (p: string) => [...LEVELS].reverse().find((n) => n <= p.length) ?? 0;
  return [
    ...new Set([...prefixes.map((p) => `d:${p.slice(0, level(p))}`), ...staff.scope.halls.map((id) => `h:${id}`)]),
  ].sort();
}

interface QueueSummary {
  called: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}
/** The queue dashboard: per hall, per hour of day, per hall × hour, the wait histogram and the totals. */
export interface QueueAnswer extends Range {
  halls: Array<{ hallId: number; hallName: string } & QueueSummary>;
  hours: Array<{ hour: number } & QueueSummary>;
  byHallHour: Array<{ hallId: number; hour: number } & QueueSummary>;
  buckets: Array<{ label: string; count: number }>;
  totals: QueueSummary;
}

/** Each dashboard's data as the spreadsheet its Excel download gives. */
export const sheets = {
  bookings(r: BookingsAnswer): ExportSheet[] {
    return [
      {
        name: '按日',
        title: `预约统计 ${r.from} 至 ${r.to}`,
        header: ['日期', '预约', '取消', '未到场'],
        rows: r.days.map((d) => [d.date, d.made, d.cancelled, d.noShow]),
      },
      {
        name: '按大厅',
        header: ['大厅', '预约', '取消', '未到场', '未到场率(%)'],
        rows: r.halls.map((h) => [h.hallName, h.made, h.cancelled, h.noShow, h.noShowRate]),
      },
    ];
  },
  queue(r: QueueAnswer): ExportSheet[] {
    return [
      {
        name: '按大厅',
        title: `排队等候 ${r.from} 至 ${r.to}`,
        header: ['大厅', '叫号数', '等候中位数(分钟)', '等候90%分位(分钟)'],
        rows: r.halls.map((h) => [h.hallName, h.called, h.medianMinutes, h.p90Minutes]),
      },
      {
        name: '按时段',
        header: ['时段', '叫号数', '等候中位数(分钟)', '等候90%分位(分钟)'],
        rows: r.hours.map((h) => [`${h.hour}:00–${h.hour + 1}:00`, h.called, h.medianMinutes, h.p90Minutes]),
      },
    ];
  },
  notices(r: NoticesAnswer): ExportSheet[] {
    const label = (c: NoticeChannel) => (c === 'mp_template' ? '公众号消息' : '小程序订阅消息');
    return [
      {
        name: '按渠道',
        title: `通知送达 ${r.from} 至 ${r.to}`,
        header: ['渠道', '已发送', '已送达', '失败', '成功率(%)', '成功率口径'],
        rows: r.channels.map((c) => [
          label(c.channel),
          c.sent,
          c.delivered,
          c.failed,
          c.rate,
          c.rateOf === 'delivered' ? '已送达/(已送达+失败)' : '微信已接收/(已接收+失败)，订阅消息无送达回执',
        ]),
      },
      {
        name: '按日',
        header: [
          '日期',
          ...NOTICE_CHANNELS.flatMap((c) => [`${label(c)}已发送`, `${label(c)}已送达`, `${label(c)}失败`]),
        ],
        rows: r.days.map((d) => [d.date, ...NOTICE_CHANNELS.flatMap((c) => [d[c].sent, d[c].delivered, d[c].failed])]),
      },
    ];
  },
  followers(r: FollowersAnswer): ExportSheet[] {
    return [
      {
        name: '按日',
        title: `公众号关注 ${r.from} 至 ${r.to}`,
        header: ['日期', '新关注', '取消关注', '关注人数'],
        rows: r.days.map((d) => [d.date, d.followed, d.unfollowed, d.following]),
      },
    ];
  },
  complaints(r: ComplaintsAnswer): ExportSheet[] {
    return [
      {
        name: '按日',
        title: `投诉统计 ${r.from} 至 ${r.to}`,
        header: ['日期', '新收', '受理', '答复', '不予受理'],
        rows: r.days.map((d) => [d.date, d.submitted, d.accepted, d.answered, d.rejected]),
      },
    ];
  },
};
