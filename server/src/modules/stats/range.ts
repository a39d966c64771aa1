import { addDays, daysBetween, isRealDate } from '../../platform/clock';
import { badRequest } from '../../platform/errors';

/** The longest range one statistics query may cover, in days. */
export const MAX_RANGE_DAYS = 366;
const DEFAULT_DAYS = 30;

/** From/to as asked (default: the last 30 days to today), or 400 BAD_RANGE in words staff understand. */
export function statsRange(today: string, from?: string, to?: string) {
  const end = to ?? today;
  const start = from ?? addDays(end, -(DEFAULT_DAYS - 1));
  for (const d of [start, end]) if (!isRealDate(d)) throw badRequest('BAD_RANGE', `日期「${d}」不存在，请检查后重试`);
  if (start > end) throw badRequest('BAD_RANGE', '开始日期不能晚于结束日期');
  if (daysBetween(start, end) + 1 > MAX_RANGE_DAYS)
    throw badRequest('BAD_RANGE', `统计范围最长${MAX_RANGE_DAYS}天，请缩短日期范围`);
  return { from: start, to: end };
}
