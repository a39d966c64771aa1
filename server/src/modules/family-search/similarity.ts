import type { NoticeRow, SearchRow } from './models';

/** A score from this up tells the family at once. */
export const NOTIFY_THRESHOLD = 60;

const DAY_MS = 86_400_000;

/** Great-circle distance in km. */
function km(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

export const featureTokens = (text: string | null) =>
  (text ?? '')
    .split(/[，,、；;。\s]+/)
    .map((t) => t.trim())
    .filter((t) => t.length >= 2);

/** Endings an accent is written with (河南口音, 河南话): the core is what is left. */
export const ACCENT_SUFFIXES = ['口音', '话', '方言', '普通话'];
export const accentCore = (a: string | null) => (a ?? '').replace(/(口音|话|方言|普通话)$/, '').trim();

/** Ages further apart than this (after projecting to the found date) cannot be the same person. */
export const MAX_AGE_GAP = 8;
/** What shared physical features add at most. */
export const FEATURES_MAX = 10;

/**
 * How well a notice of a person in care fits what a family is looking for, 0–100, with the
 * reasons in Chinese (性别、年龄段、口音相符；走失地与发现地相距 120 公里). null: cannot be them
 * (another sex, found before they went missing, ages more than MAX_AGE_GAP years apart).
 */
export function similarity(search: SearchRow, notice: NoticeRow): { score: number; reasons: string[] } | null {
  if (search.sex !== notice.sex) return null;
  if (notice.found_date < search.last_seen_date) return null;
  const agree: string[] = ['性别'];
  const notes: string[] = [];
  let score = 25;
  // The age they would have when found: their age then plus the years since.
  const years = (Date.parse(notice.found_date) - Date.parse(search.last_seen_date)) / (365.25 * DAY_MS);
  const ageMin = search.age_min + years;
  const ageMax = search.age_max + years;
  const gap = Math.max(0, notice.age_min - ageMax, ageMin - notice.age_max);
  if (gap <= 3) {
    score += 25;
    agree.push('年龄段');
  } else if (gap <= MAX_AGE_GAP) {
    score += 10;
    notes.push(`年龄相差约${Math.round(gap)}岁`);
  } else return null;
  const a = accentCore(search.accent);
  const b = accentCore(notice.accent);
  if (a && b && (a.includes(b) || b.includes(a))) {
    score += 20;
    agree.push('口音');
  }
  if (search.height_cm && notice.height_cm) {
    const d = Math.abs(search.height_cm - notice.height_cm);
    if (d <= 5) {
      score += 10;
      agree.push('身高');
    }
  }
  if (search.ethnicity && notice.ethnicity && search.ethnicity === notice.ethnicity) {
    score += 5;
    agree.push('民族');
  }
  const features = featureTokens(search.features).filter((t) => (notice.features ?? '').includes(t));
  if (features.length) {
    score += Math.min(FEATURES_MAX, features.length * 5);
    notes.push(`体貌特征相符：${features.slice(0, 3).join('、')}`);
  }
  if (
    search.last_seen_lat !== null &&
    search.last_seen_lng !== null &&
    notice.found_lat !== null &&
    notice.found_lng !== null
  ) {
    const d = Math.round(km(search.last_seen_lat, search.last_seen_lng, notice.found_lat, notice.found_lng));
    score += d <= 50 ? 15 : d <= 300 ? 10 : d <= 1000 ? 5 : 0;
    notes.push(`走失地与发现地相距 ${d} 公里`);
  } else {
    const same = [6, 4, 2].find(
      (n) => search.last_seen_division_code.slice(0, n) === notice.found_division_code.slice(0, n),
    );
    if (same) {
      score += same === 6 ? 15 : same === 4 ? 10 : 5;
      notes.push(`走失地与发现地同在一${same === 6 ? '县（区）' : same === 4 ? '市' : '省'}`);
    }
  }
  const days = Math.round((Date.parse(notice.found_date) - Date.parse(search.last_seen_date)) / DAY_MS);
  notes.push(`走失后第 ${days} 天被发现`);
  return { score: Math.min(100, score), reasons: [`${agree.join('、')}相符`, ...notes] };
}
