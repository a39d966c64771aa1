/** What the roll-ups count. Every name is a row key: renaming one orphans the rows counted so far. */
export const BOOKING_METRICS = {
  made: 'bookings.made',
  cancelled: 'bookings.cancelled',
  noShow: 'bookings.no_show',
} as const;

export const COMPLAINT_METRICS = {
  submitted: 'complaints.submitted',
  accepted: 'complaints.accepted',
  answered: 'complaints.answered',
  rejected: 'complaints.rejected',
  /** Sum of whole hours from filing to answer or rejection, for the average time to close. */
  closeHours: 'complaints.close_hours',
} as const;

export const QUEUE_CALLED = 'queue.called';

/**
 * A notice's WeChat send, per channel: `sent` when WeChat took it, `delivered` or `failed` when
 * its end is known (a template message's delivery report; a subscribe message has no report, so
 * `sent` is as far as it goes). Counted on the day each step happened.
 */
export const NOTICE_STEPS = ['sent', 'delivered', 'failed'] as const;
export type NoticeStep = (typeof NOTICE_STEPS)[number];
export const NOTICE_CHANNELS = ['mp_template', 'mini_subscribe'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export const noticeMetric = (channel: NoticeChannel, step: NoticeStep) => `notices.${channel}.${step}`;

/** Followers of the public account: a follow (or a return) and an unfollow, per day. */
export const FOLLOWER_METRICS = {
  followed: 'followers.followed',
  unfollowed: 'followers.unfollowed',
} as const;

/**
 * Waiting time (taken → first called) is counted in buckets, per hall and hour: the median and
 * the 90th percentile are read from the histogram (interpolated inside a bucket), exact to the
 * bucket's width. Upper bounds in minutes; the last bucket is open.
 */
export const WAIT_BUCKETS = [5, 10, 15, 20, 30, 45, 60, 90, 120, Number.POSITIVE_INFINITY] as const;
export const waitMetric = (bucket: number) => `queue.wait.${bucket}`;

/**
 * The waits are also counted per month (row `day` = the month's first day, metric
 * `month.queue.wait.<bucket>`), so a year's dashboard sums twelve months of (hall, hour) keys
 * and only the days of the range's partial months, not 365 days of them. A different metric,
 * so no daily sum ever reads a month row.
 */
export const monthly = (metric: string) => `month.${metric}`;
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

export function waitBucket(minutes: number): number {
  const i = WAIT_BUCKETS.findIndex((upper) => minutes < upper);
  return i === -1 ? WAIT_BUCKETS.length - 1 : i;
}

export const bucketLabel = (i: number) => {
  const lower = i === 0 ? 0 : WAIT_BUCKETS[i - 1];
  const upper = WAIT_BUCKETS[i];
  return Number.isFinite(upper) ? `${lower}–${upper}分钟` : `${lower}分钟以上`;
};

/** The q-quantile (0..1) of a histogram over WAIT_BUCKETS, in minutes; null when empty. */
export function quantile(counts: number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i];
    if (n && seen + n >= rank) {
      const lower = i === 0 ? 0 : WAIT_BUCKETS[i - 1];
      const upper = WAIT_BUCKETS[i];
      if (!Number.isFinite(upper)) return lower;
      return Math.round((lower + ((rank - seen) / n) * (upper - lower)) * 10) / 10;
    }
    seen += n;
  }
  return WAIT_BUCKETS[WAIT_BUCKETS.length - 2];
}
