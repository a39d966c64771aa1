import { SERVICE_CODES } from '../catalogue';
import type { ConfigRow, Period } from './models';

/** Registrations both parties must attend and confirm (婚姻登记条例). */
export const TWO_PARTY = new Set<string>([SERVICE_CODES.marriage, SERVICE_CODES.divorce]);
export const INVITE_HOURS = 24;
/** Divorce: 30 days of cooling-off, then 30 days to come back (民法典 art. 1077). */
export const COOLING_OFF_DAYS = 30;
export const SECOND_VISIT_DAYS = 30;
export const MIN_MARRIAGE_AGE = { male: 22, female: 20 } as const;

export const DEFAULT_PERIODS: Period[] = [
  { key: 'am1', start: '09:00', end: '10:00', capacity: 10 },
  { key: 'am2', start: '10:00', end: '11:00', capacity: 10 },
  { key: 'am3', start: '11:00', end: '12:00', capacity: 10 },
  { key: 'pm1', start: '13:30', end: '14:30', capacity: 10 },
  { key: 'pm2', start: '14:30', end: '15:30', capacity: 10 },
  { key: 'pm3', start: '15:30', end: '17:00', capacity: 10 },
];

/** Defaults as many offices practise them; each hall × service may change every one. */
export const DEFAULT_CONFIG = {
  open_days_ahead: 14,
  cutoff_minutes: 60,
  cancel_minutes: 120,
  // Two no-shows without cancelling within 30 days → no new booking for 15 days.
  no_show_limit: 2,
  no_show_window_days: 30,
  no_show_ban_days: 15,
};

export const noShowRuleText = (c: Pick<ConfigRow, 'no_show_limit' | 'no_show_window_days' | 'no_show_ban_days'>) =>
  `预约后既未到场也未提前取消，${c.no_show_window_days}天内累计${c.no_show_limit}次的，${c.no_show_ban_days}天内不能再预约。`;

export const rulesText = (c: ConfigRow, twoParty: boolean) => [
  `可预约未来${c.open_days_ahead}天内的时段，时段开始前${c.cutoff_minutes}分钟停止预约。`,
  `如不能按时到场，请在时段开始前${c.cancel_minutes}分钟取消。`,
  noShowRuleText(c),
  '同一事项同一时间只能有一个有效预约；预约仅限本人实名使用。',
  ...(twoParty
    ? [`需双方到场：预约后请在${INVITE_HOURS}小时内邀请另一方用本人微信确认，逾期未确认的预约自动取消、号源释放。`]
    : []),
];

/** Birth date and sex from a GB 11643 number (position 17: odd = male). */
export function personOf(idNumber: string): { birth: string; male: boolean } {
  return {
    birth: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    male: Number(idNumber[16]) % 2 === 1,
  };
}

export function ageOn(birth: string, date: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Why these two may not register a marriage on `date`, or null when they may. */
export function marriageProblem(a: string, b: string, date: string): string | null {
  const pa = personOf(a);
  const pb = personOf(b);
  if (pa.male === pb.male) return '根据《中华人民共和国民法典》，结婚登记须由男女双方共同申请';
  for (const person of [pa, pb]) {
    const min = person.male ? MIN_MARRIAGE_AGE.male : MIN_MARRIAGE_AGE.female;
    if (ageOn(person.birth, date) < min)
      return `结婚年龄男不得早于${MIN_MARRIAGE_AGE.male}周岁、女不得早于${MIN_MARRIAGE_AGE.female}周岁，预约日期时一方尚未达到法定婚龄`;
  }
  return null;
}
