import { Op, type Sequelize, type WhereOptions } from 'sequelize';
import type { FamilySearchModels, NoticeRow, SearchRow } from './models';
import { PUBLIC_STATUSES } from './notices';
import { ACCENT_SUFFIXES, accentCore, FEATURES_MAX, featureTokens, MAX_AGE_GAP, similarity } from './similarity';

const BATCH = 250;
const MAX_BATCHES = 8;

/** A SQL string literal (the values are ours: digits, or accent words escaped here). */
const quote = (db: Sequelize, v: string | number) => db.escape(v);

/**
 * Open notices that could be the person a family looks for, in SQL on indexed columns (sex,
 * status, found after they went missing, an age band within MAX_AGE_GAP years once projected),
 * each with an upper bound of its score computed in SQL from the cheap columns (age band, accent,
 * height, 民族, a bounding box of the distance or the shared division) in one query that keeps the
 * best 2,000 ids by that bound; their rows are read and scored exactly (similarity.ts), batch by batch, until no remaining notice
 * could score higher than the last of the top: the same scores as scoring every row (ties between
 * equal scores may be other notices), without reading 200,000 of them.
 */
export async function rankedMatches(
  db: Sequelize,
  m: FamilySearchModels,
  search: SearchRow,
  today: string,
  limit: number,
) {
  const yearsMax = Math.max(0, (Date.parse(today) - Date.parse(search.last_seen_date)) / (365.25 * 86_400_000));
  const where: WhereOptions = {
    status: { [Op.in]: PUBLIC_STATUSES },
    sex: search.sex,
    found_date: { [Op.gte]: search.last_seen_date },
    age_max: { [Op.gte]: search.age_min - MAX_AGE_GAP },
    age_min: { [Op.lte]: Math.ceil(search.age_max + yearsMax + MAX_AGE_GAP) },
  };
  const bound = db.literal(upperBound(db, search, yearsMax));
  // What shared features can add beyond the bound: nothing when the family gave none.
  const slack = featureTokens(search.features).length ? FEATURES_MAX : 0;
  const top: { n: NoticeRow; score: number; reasons: string[] }[] = [];
  // One pass computes the bound over the candidates and keeps the best ids; rows are read per batch.
  const order = (await m.Notice.findAll({
    where,
    attributes: ['id', [bound, 'bound']],
    order: [
      [bound, 'DESC'],
      ['id', 'DESC'],
    ],
    limit: BATCH * MAX_BATCHES,
    raw: true,
  })) as unknown as { id: number; bound: number }[];
  for (let at = 0; at < order.length; at += BATCH) {
    const ids = order.slice(at, at + BATCH);
    const rows = (await m.Notice.findAll({
      where: { id: { [Op.in]: ids.map((r) => r.id) } },
      raw: true,
    })) as NoticeRow[];
    for (const n of rows) {
      const s = similarity(search, n);
      if (s) top.push({ n, ...s });
    }
    top.sort((a, b) => b.score - a.score || b.n.id - a.n.id);
    top.length = Math.min(top.length, limit);
    // The next rows score at most their bound plus the shared features (not in SQL): once that
    // cannot beat the last of the top, no unread notice ranks higher (at best it ties).
    const next = order[at + BATCH];
    if (!next || (top.length === limit && Number(next.bound) + slack <= top[limit - 1].score)) break;
  }
  return top;
}

/** The SQL for an upper bound of similarity() without the features (which add up to FEATURES_MAX). */
function upperBound(db: Sequelize, s: SearchRow, yearsMax: number): string {
  const parts: string[] = ['25'];
  // Age: 25 when the projected band can come within 3 years, else 10 (the WHERE keeps ≤ MAX_AGE_GAP).
  parts.push(
    `CASE WHEN age_max >= ${s.age_min - 3} AND age_min <= ${Math.ceil(s.age_max + yearsMax + 3)} THEN 25 ELSE 10 END`,
  );
  // Accent: the notice's contains the family's core, or its core is a part of the family's.
  const core = accentCore(s.accent);
  if (core) {
    if (core.length <= 8 && !/[\\%_]/.test(core)) {
      const subs = new Set<string>();
      for (let i = 0; i < core.length; i++) for (let j = i + 1; j <= core.length; j++) subs.add(core.slice(i, j));
      const values = [...subs].flatMap((sub) => ['', ...ACCENT_SUFFIXES].map((suffix) => sub + suffix));
      const like = `%${core}%`;
      parts.push(
        `CASE WHEN accent LIKE ${quote(db, like)} OR accent IN (${values.map((v) => quote(db, v)).join(',')}) THEN 20 ELSE 0 END`,
      );
    } else parts.push('CASE WHEN accent IS NOT NULL THEN 20 ELSE 0 END');
  }
  if (s.height_cm)
    parts.push(`CASE WHEN height_cm BETWEEN ${s.height_cm - 5} AND ${s.height_cm + 5} THEN 10 ELSE 0 END`);
  if (s.ethnicity) parts.push(`CASE WHEN ethnicity = ${quote(db, s.ethnicity)} THEN 5 ELSE 0 END`);
  // Where: a box around the last-seen point holds every point within d km, so it never underestimates.
  const code = s.last_seen_division_code;
  const division = `CASE WHEN found_division_code LIKE ${quote(db, `${code.slice(0, 6)}%`)} THEN 15 WHEN found_division_code LIKE ${quote(db, `${code.slice(0, 4)}%`)} THEN 10 WHEN found_division_code LIKE ${quote(db, `${code.slice(0, 2)}%`)} THEN 5 ELSE 0 END`;
  if (s.last_seen_lat !== null && s.last_seen_lng !== null) {
    const box = (km: number) => {
      const dLat = km / 110.5;
      const cos = Math.cos((Math.min(89, Math.abs(s.last_seen_lat!) + dLat) * Math.PI) / 180);
      const dLng = km / (111.0 * cos);
      return `found_lat BETWEEN ${s.last_seen_lat! - dLat} AND ${s.last_seen_lat! + dLat} AND found_lng BETWEEN ${s.last_seen_lng! - dLng} AND ${s.last_seen_lng! + dLng}`;
    };
    parts.push(
      `CASE WHEN found_lat IS NULL OR found_lng IS NULL THEN ${division} WHEN ${box(51)} THEN 15 WHEN ${box(301)} THEN 10 WHEN ${box(1001)} THEN 5 ELSE 0 END`,
    );
  } else parts.push(division);
  return `(${parts.join(' + ')})`;
}
