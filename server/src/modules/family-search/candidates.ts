import { Op, QueryTypes, type Sequelize } from 'sequelize';
import type { FamilySearchModels, NoticeRow, SearchRow } from './models';
import { PUBLIC_STATUSES } from './notices';
import { ACCENT_SUFFIXES, accentCore, FEATURES_MAX, featureTokens, MAX_AGE_GAP, similarity } from './similarity';

const BATCH = 100;
const MAX_BATCHES = 20;

/** A SQL string literal (the values are ours: digits, or accent words escaped here). */
const quote = (db: Sequelize, v: string | number) => db.escape(v);

/** The most the place can add in each ring (same county or within 50 km, city or 300 km, province or 1,000 km, beyond). */
const RING_PLACE_MAX = [15, 10, 5, 0];

/**
 * Open notices that could be the person a family looks for, read ring by ring around where they
 * were last seen — the county (or 50 km of the point), the city (300 km), the province (1,000 km),
 * then beyond — narrowed by sex, the found-after-missing date and an age band within MAX_AGE_GAP years
 * once projected. A distance ring names the 2° cells its box covers: on (status, sex, found_cell,
 * found_date, age_min, age_max) each cell is a key followed by the range of found dates, the ages
 * checked in the index (the old latitude band read every notice of the band, of any date, and a
 * family missing for weeks re-read the same date range ring after ring). Notices without a point
 * (found_cell NULL) go by division: a range on (status, sex, found_division_code) or the NULL key
 * with its dates. In a ring, an upper bound of each notice's score is computed in SQL from the cheap
 * columns (age band, accent, height, 民族, shared features, a bounding box of each distance step or
 * the shared division) and the best ids by that bound are read 100 at a time and scored exactly
 * (similarity.ts), until no remaining notice of the ring could beat the last of the top. The next
 * ring is read only while the most a notice there can score (the place adds less further out) could
 * still beat it; a ring read after the top is full keeps only notices whose bound could (and, when
 * that needs it, an age band within 3 years, again an index range). The same top scores as scoring
 * every notice (among equal scores at the last place of the top the notices may differ), reading the
 * notices near the place rather than every candidate of the country.
 */
export async function rankedMatches(
  db: Sequelize,
  m: FamilySearchModels,
  search: SearchRow,
  today: string,
  limit: number,
) {
  const yearsMax = Math.max(0, (Date.parse(today) - Date.parse(search.last_seen_date)) / (365.25 * 86_400_000));
  const q = (v: string | number) => quote(db, v);
  const mysql = db.getDialect() !== 'sqlite';
  const ageTop = (gap: number) => Math.ceil(search.age_max + yearsMax + gap);
  const common = [
    `status IN (${PUBLIC_STATUSES.map(q).join(',')})`,
    `sex = ${q(search.sex)}`,
    `found_date >= ${q(search.last_seen_date)}`,
    `age_max >= ${search.age_min - MAX_AGE_GAP}`,
    `age_min <= ${ageTop(MAX_AGE_GAP)}`,
  ];
  const { bound, slack } = upperBound(db, search, yearsMax);
  // The most a notice can score apart from the place: sex, a close age, and what the family gave.
  const core = accentCore(search.accent);
  const features = Math.min(FEATURES_MAX, featureTokens(search.features).length * 5);
  const baseMax = 25 + 25 + (core ? 20 : 0) + (search.height_cm ? 10 : 0) + (search.ethnicity ? 5 : 0) + features;
  const code = search.last_seen_division_code;
  const like = (n: number) => `found_division_code LIKE ${q(`${code.slice(0, n)}%`)}`;
  const divisionRings = [like(6), `${like(4)} AND NOT ${like(6)}`, `${like(2)} AND NOT ${like(4)}`, `NOT ${like(2)}`];
  const point = search.last_seen_lat !== null && search.last_seen_lng !== null;
  const box = (km: number) => `(${boxSql(search, km)})`;
  // Near rings name the 2° cells their box covers (an index key each, then a range of found dates);
  // the ring beyond is every other point, read by the date or age range instead.
  const near = (km: number) => `found_cell IN (${cellsOf(search, km).join(',')}) AND ${box(km)}`;
  const pointRings = [
    near(51),
    `${near(301)} AND NOT ${box(51)}`,
    `${near(1001)} AND NOT ${box(301)}`,
    `found_cell IS NOT NULL AND NOT ${box(1001)}`,
  ];

  const top: { n: NoticeRow; score: number; reasons: string[] }[] = [];
  const full = () => top.length === limit;
  for (let ring = 0; ring < RING_PLACE_MAX.length; ring++) {
    const most = Math.min(100, baseMax + RING_PLACE_MAX[ring]);
    if (full() && most <= top[limit - 1].score) break; // nobody further out can rank higher (at best tie)
    const where = [...common];
    if (full()) {
      const need = top[limit - 1].score;
      where.push(`${bound} + ${slack} > ${need}`);
      // Without an age band within 3 years a notice loses 15: when that cannot beat the top, ask the index for the band.
      if (most - 15 <= need) where.push(`age_max >= ${search.age_min - 3}`, `age_min <= ${ageTop(3)}`);
    }
    // MariaDB misjudges a box with a NOT box in it and scans the table: it picks among the indexes instead.
    const byPoint = mysql && ring < 3 ? ' FORCE INDEX (fs_notices_cell, fs_notices_public, fs_notices_age)' : '';
    const parts = point
      ? [
          `${byPoint} WHERE ${where.join(' AND ')} AND ${pointRings[ring]}`,
          // Notices without a point (found_cell NULL: one index key, then the found dates) by division.
          ` WHERE ${where.join(' AND ')} AND found_cell IS NULL AND ${divisionRings[ring]}`,
        ]
      : [` WHERE ${where.join(' AND ')} AND ${divisionRings[ring]}`];
    const order = (await db.query(
      `SELECT id, bound FROM (${parts
        .map((w) => `SELECT id, ${bound} AS bound FROM family_search_notices${w}`)
        .join(' UNION ALL ')}) ring ORDER BY bound DESC, id DESC LIMIT ${BATCH * MAX_BATCHES}`,
      { type: QueryTypes.SELECT },
    )) as { id: number; bound: number }[];
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
      // The next rows score at most their bound plus the slack (features not in the SQL): once that
      // cannot beat the last of the top, no unread notice of this ring ranks higher (at best it ties).
      const next = order[at + BATCH];
      if (!next || (full() && Number(next.bound) + slack <= top[limit - 1].score)) break;
    }
  }
  return top;
}

/** A box around the last-seen point that holds every point within `km` (so it never underestimates). */
function boxOf(s: SearchRow, km: number) {
  const dLat = km / 110.5;
  const cos = Math.cos((Math.min(89, Math.abs(s.last_seen_lat!) + dLat) * Math.PI) / 180);
  const dLng = km / (111.0 * cos);
  return {
    lat: [s.last_seen_lat! - dLat, s.last_seen_lat! + dLat],
    lng: [s.last_seen_lng! - dLng, s.last_seen_lng! + dLng],
  };
}

function boxSql(s: SearchRow, km: number): string {
  const { lat, lng } = boxOf(s, km);
  return `found_lat BETWEEN ${lat[0]} AND ${lat[1]} AND found_lng BETWEEN ${lng[0]} AND ${lng[1]}`;
}

/**
 * Every found_cell a point in the box around the last-seen point can lie in: FLOOR(lat/2)·1000 +
 * FLOOR(lng/2), as the database computes it (migration 202701070100-family-search-cells).
 */
function cellsOf(s: SearchRow, km: number): number[] {
  const { lat, lng } = boxOf(s, km);
  const cells: number[] = [];
  for (let i = Math.floor(lat[0] / 2); i <= Math.floor(lat[1] / 2); i++)
    for (let j = Math.floor(lng[0] / 2); j <= Math.floor(lng[1] / 2); j++) cells.push(i * 1000 + j);
  return cells;
}

/**
 * The SQL for an upper bound of similarity(), and the slack: what the features may add beyond it. The
 * shared features are in the bound (a token the notice's features contain adds 5, at most
 * FEATURES_MAX; the collation's LIKE matches at least what includes() does), unless a token has a
 * LIKE wildcard in it: then they are left out and the slack is what they can add.
 */
function upperBound(db: Sequelize, s: SearchRow, yearsMax: number): { bound: string; slack: number } {
  const parts: string[] = ['25'];
  const tokens = featureTokens(s.features);
  let slack = Math.min(FEATURES_MAX, tokens.length * 5);
  if (tokens.length && tokens.every((t) => !/[\\%_]/.test(t))) {
    const shared = tokens.map((t) => `CASE WHEN features LIKE ${quote(db, `%${t}%`)} THEN 5 ELSE 0 END`).join(' + ');
    parts.push(`CASE WHEN ${shared} > ${FEATURES_MAX} THEN ${FEATURES_MAX} ELSE ${shared} END`);
    slack = 0;
  }
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
    const box = (km: number) => boxSql(s, km);
    parts.push(
      `CASE WHEN found_lat IS NULL OR found_lng IS NULL THEN ${division} WHEN ${box(51)} THEN 15 WHEN ${box(301)} THEN 10 WHEN ${box(1001)} THEN 5 ELSE 0 END`,
    );
  } else parts.push(division);
  return { bound: `(${parts.join(' + ')})`, slack };
}
