import type { Sequelize } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { readRows } from '../../platform/db/read-rows';
import { RawJson } from '../../platform/cache';
import { badRequest, notFound } from '../../platform/errors';
import type { Clock } from '../../platform/clock';
import { CREDIT_STATUS_NAMES, deriveCreditStatus, dueTransitions, effectiveEntries } from './credit';
import type {
  CreditEntryRow,
  InspectionRow,
  OrgRow,
  PenaltyRow,
  RatingRow,
  SocialOrgModels,
  TransitionRow,
} from './models';
import type { OrgCache } from './org-cache';
import { answerFor, type KeptProfile, keepProfiles, profileHoldsUntil } from './kept-profiles';
import { checkUscc, normalizeUscc, USCC_MESSAGES, usccWarnings } from './uscc';
import {
  toEntryFacts,
  toEntryView,
  toInspectionView,
  toOrgDetail,
  toPenaltyView,
  toRatingView,
  toTransitionView,
} from './views';

/** A credit code from a URL or a form: forgiving of case and spaces, strict on the check. */
export function parseUscc(input: string): string {
  const code = normalizeUscc(input);
  const problem = checkUscc(code);
  if (problem) throw badRequest('INVALID_USCC', USCC_MESSAGES[problem]);
  return code;
}

/** Each part of a profile, its columns (what the views read) and its order. */
const PARTS = {
  org: {
    table: 'social_orgs',
    columns: [
      'id',
      'uscc',
      'name',
      'type',
      'authority',
      'authority_level',
      'division_code',
      'supervisor',
      'legal_rep',
      'registered_at',
      'registered_capital',
      'address',
      'business_scope',
      'cert_valid_from',
      'cert_valid_to',
      'status',
      'credit_status',
    ],
  },
  inspection: { table: 'org_inspections', columns: ['id', 'year', 'kind', 'result', 'remark'] },
  penalty: {
    table: 'org_penalties',
    columns: ['id', 'decision_no', 'authority', 'decided_at', 'kind', 'reason', 'amount'],
  },
  rating: { table: 'org_ratings', columns: ['id', 'level', 'valid_from', 'valid_to', 'authority'] },
  entry: {
    table: 'org_credit_entries',
    columns: [
      'id',
      'list',
      'reason_category',
      'reason',
      'decision_no',
      'authority',
      'date_in',
      'correction_required',
      'date_out',
      'reason_out',
    ],
  },
  transition: {
    table: 'org_credit_transitions',
    columns: ['id', 'kind', 'from_status', 'to_status', 'cause', 'effective_date'],
  },
} as const;
type Part = keyof typeof PARTS;

/** An organization's record: its row and each part's rows, and the kept profile's revision then. */
type Record_ = Record<Part, any[]> & { orgId: number; rev: number };

/**
 * The records of many organizations in one statement: one row per organization, found by its
 * credit code (the unique index), its own columns as one JSON object and each part as a JSON
 * array from an indexed look-up by org_id (NULL or [] when it has none). JSON_OBJECT and
 * backquoted names are spelled the same on SQLite and MySQL/MariaDB; the aggregate is not.
 */
function recordsSql(sqlite: boolean, where = 'o.uscc IN (:codes)'): string {
  const object = (alias: string, columns: readonly string[]) =>
    `JSON_OBJECT(${columns.map((c) => `'${c}', ${alias}.\`${c}\``).join(', ')})`;
  const parts = (Object.entries(PARTS) as [Part, (typeof PARTS)[Part]][])
    .filter(([part]) => part !== 'org')
    .map(
      ([part, { table, columns }]) =>
        `(SELECT ${sqlite ? 'json_group_array' : 'JSON_ARRAYAGG'}(${object('x', columns)}) FROM ${table} x WHERE x.org_id = o.id) AS \`${part}\``,
    );
  // The kept profile's revision in the same statement: one read of the record and of it.
  return `SELECT o.uscc AS code, o.id AS org_id, (SELECT k.rev FROM org_profiles k WHERE k.org_id = o.id) AS rev, ${object('o', PARTS.org.columns)} AS \`org\`, ${parts.join(', ')} FROM social_orgs o WHERE ${where}`;
}

/** At most this many codes in one statement. */
const MAX_BATCH = 200;

/**
 * Look-ups by key answered together: the ones asked in the same turn of the event loop
 * (concurrent first look-ups arrive together: their requests are parsed, and their cache misses
 * answered, in one turn) go to the database as one statement — one round trip, one statement
 * for the database to parse, for all of them. `run` answers the keys it found.
 */
function batched<T>(run: (keys: string[]) => Promise<Map<string, T>>) {
  type Waiter = { resolve: (r: T | null) => void; reject: (e: unknown) => void };
  let waiting = new Map<string, Waiter[]>();
  let scheduled = false;

  async function flush() {
    scheduled = false;
    const batch = waiting;
    waiting = new Map();
    try {
      const found = await run([...batch.keys()]);
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key) ?? null);
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    }
  }

  return function read(key: string): Promise<T | null> {
    return new Promise((resolve, reject) => {
      const waiters = waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      if (waiting.size >= MAX_BATCH) void flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          if (scheduled) void flush();
        });
      }
    });
  };
}

const json = (v: unknown): any[] =>
  v === null || v === undefined ? [] : typeof v === 'string' ? JSON.parse(v) : (v as any[]);

/** Organizations' records in one statement, by code or (`where`) otherwise, keyed by code. */
async function readRecords(db: Sequelize, sql: string, params: Record<string, unknown>): Promise<Map<string, Record_>> {
  // Through mysql2 directly on MySQL (readRows): Sequelize's substitution over this long
  // text and its result building cost more Node time than the look-ups themselves.
  const rows = await readRows<Record<string, unknown>>(db, sql, params);
  const found = new Map<string, Record_>();
  for (const r of rows) {
    const org = typeof r.org === 'string' ? JSON.parse(r.org) : r.org;
    found.set(String(r.code).toUpperCase(), {
      orgId: Number(r.org_id),
      rev: r.rev === null || r.rev === undefined ? 0 : Number(r.rev),
      org: [org],
      inspection: json(r.inspection),
      penalty: json(r.penalty),
      rating: json(r.rating),
      entry: json(r.entry),
      transition: json(r.transition),
    });
  }
  return found;
}

type Cmp<T> = (a: T, b: T) => number;
const desc =
  <T>(key: keyof T): Cmp<T> =>
  (a, b) =>
    a[key] < b[key] ? 1 : a[key] > b[key] ? -1 : 0;
const asc =
  <T>(key: keyof T): Cmp<T> =>
  (a, b) =>
    -desc<T>(key)(a, b);
const by =
  <T>(...cmps: Cmp<T>[]): Cmp<T> =>
  (a, b) =>
    cmps.reduce((r, c) => r || c(a, b), 0);

/** The profile for a day, built from the organization's record, without the day itself. */
function buildProfile(parts: Record_, uscc: string, asOf: string) {
  const org = parts.org[0] as OrgRow;
  const inspections = (parts.inspection as InspectionRow[]).sort(by(desc('year'), asc('kind')));
  const penalties = (parts.penalty as PenaltyRow[]).sort(by(desc('decided_at'), desc('id')));
  const ratings = (parts.rating as RatingRow[]).sort(by(desc('valid_from'), desc('id')));
  const entries = (parts.entry as CreditEntryRow[]).sort(by(desc('date_in'), desc('id')));
  const transitions = (parts.transition as TransitionRow[]).sort(by(desc('effective_date'), desc('id')));
  const facts = entries.map(toEntryFacts);
  const creditStatus = deriveCreditStatus(facts, asOf);
  const effectiveOut = new Map(effectiveEntries(facts, asOf).map((e) => [e.id, e.dateOut]));
  const automatic = new Map(dueTransitions(facts, asOf).map((t) => [t.entryId, t.cause]));
  const ratingViews = ratings.filter((r) => r.valid_from <= asOf).map((r) => toRatingView(r, asOf));
  return {
    org: toOrgDetail({ ...org, credit_status: creditStatus }),
    creditStatus,
    creditStatusName: CREDIT_STATUS_NAMES[creditStatus],
    creditHistory: entries
      .filter((e) => e.date_in <= asOf)
      .map((e) => {
        const out = effectiveOut.get(e.id) ?? null;
        return toEntryView(e, out !== null && out <= asOf ? out : null, automatic.get(e.id) ?? e.reason_out);
      }),
    transitions: transitions.filter((t) => t.effective_date <= asOf).map(toTransitionView),
    inspections: inspections.map(toInspectionView),
    penalties: penalties.filter((x) => x.decided_at <= asOf).map(toPenaltyView),
    rating: ratingViews.find((r) => r.valid) ?? null,
    ratingHistory: ratingViews,
    codeWarnings: usccWarnings(uscc),
  };
}

/** A profile to keep, and the answer for its day, from a record read with its kept revision. */
function profileToKeep(record: Record_, uscc: string, day: string): KeptProfile {
  const body = JSON.stringify(buildProfile(record, uscc, day));
  return { orgId: record.orgId, rev: record.rev, body, validFrom: day, validUntil: profileHoldsUntil(record, day) };
}

/**
 * Today's profiles as the answers' JSON bytes, read together: each organization's kept profile
 * when it holds for the day (one indexed row, sent as it is: on MySQL its bytes as they come,
 * never decoded into a string and encoded again), else built from its record and kept.
 */
function createTodayReader(db: Sequelize) {
  const sqlite = isSqlite(db);
  const keptSql = `SELECT o.uscc AS code, ${sqlite ? 'k.body' : 'CAST(k.body AS BINARY) AS body'}, k.valid_from, k.valid_until FROM social_orgs o LEFT JOIN org_profiles k ON k.org_id = o.id WHERE o.uscc IN (:codes)`;
  const recordsByCode = recordsSql(sqlite);
  type KeptRow = { code: string; body: Buffer | string | null; valid_from: string | null; valid_until: string | null };
  // Keys are `<day> <code>`: a turn that spans midnight answers each for its own day.
  return batched<Buffer>(async (keys) => {
    const days = new Map<string, string[]>();
    for (const key of keys) {
      const [day, code] = key.split(' ');
      const codes = days.get(day);
      if (codes) codes.push(code);
      else days.set(day, [code]);
    }
    const found = new Map<string, Buffer>();
    for (const [day, codes] of days) {
      const rows = await readRows<KeptRow>(db, keptSql, { codes });
      const stale: string[] = [];
      const head = Buffer.from(`{"asOf":"${day}",`);
      for (const r of rows) {
        const code = String(r.code).toUpperCase();
        if (r.body !== null && r.valid_from! <= day && day < r.valid_until!)
          found.set(
            `${day} ${code}`,
            typeof r.body === 'string'
              ? Buffer.from(answerFor(day, r.body))
              : Buffer.concat([head, r.body.subarray(1)], head.length + r.body.length - 1),
          );
        else stale.push(code);
      }
      if (!stale.length) continue;
      const kept: KeptProfile[] = [];
      for (const [code, record] of await readRecords(db, recordsByCode, { codes: stale })) {
        const k = profileToKeep(record, code, day);
        found.set(`${day} ${code}`, Buffer.from(answerFor(day, k.body)));
        kept.push(k);
      }
      // Not awaited: the answers are known; a failed write only means the next look-up builds again.
      keepProfiles(db, kept).catch(() => undefined);
    }
    return found;
  });
}

/**
 * Builds and keeps the profiles (for `day`) of the organizations that have none kept, in id
 * order, `batch` at a time: what `seed:orgs` runs after a load, so first look-ups find them.
 */
export async function keepMissingProfiles(
  db: Sequelize,
  day: string,
  progress: (done: number) => void = () => undefined,
  batch = 1000,
): Promise<number> {
  const sql = recordsSql(
    isSqlite(db),
    'o.id > :after AND o.id <= :upto AND NOT EXISTS (SELECT 1 FROM org_profiles p WHERE p.org_id = o.id)',
  );
  const [{ maxId }] = await readRows<{ maxId: number | null }>(db, 'SELECT MAX(id) AS maxId FROM social_orgs', []);
  let done = 0;
  for (let after = 0; after < Number(maxId ?? 0); after += batch) {
    const records = await readRecords(db, sql, { after, upto: after + batch });
    await keepProfiles(
      db,
      [...records].map(([code, record]) => profileToKeep(record, code, day)),
    );
    done += records.size;
    progress(done);
  }
  return done;
}

/**
 * The public profile of an organization: registration facts, the credit status derived for
 * the day asked (today by default) with the list history behind it, inspections, penalties
 * and the evaluation rating. Today's profile is served from the cache, else from its kept row.
 */
export function makeProfile(m: SocialOrgModels, cache: OrgCache, clock: Clock) {
  const db = m.Org.sequelize!;
  const recordsByCode = recordsSql(isSqlite(db));
  const readRecord = batched<Record_>((codes) => readRecords(db, recordsByCode, { codes }));
  const readToday = createTodayReader(db);
  const orgNotFoundError = () => notFound('未找到该统一社会信用代码对应的社会组织，请核实代码或谨防假冒');

  /** The profile as JSON bytes, ready to send: today's comes from the process's copy or its kept row. */
  async function profileJson(usccInput: string, asOf?: string): Promise<Buffer> {
    const uscc = parseUscc(usccInput);
    const today = clock.today();
    const day = asOf ?? today;
    if (day !== today) {
      const record = await readRecord(uscc);
      if (!record) throw orgNotFoundError();
      return Buffer.from(answerFor(day, JSON.stringify(buildProfile(record, uscc, day))));
    }
    const bytes = await cache.profileJson(uscc, today, async () => {
      const bytes = await readToday(`${today} ${uscc}`);
      return bytes === null ? null : new RawJson(bytes);
    });
    if (!bytes.length) throw orgNotFoundError();
    return bytes;
  }

  return {
    profileJson,
    async profile(usccInput: string, asOf?: string): Promise<Profile> {
      return JSON.parse((await profileJson(usccInput, asOf)).toString()) as Profile;
    },
  };
}

export type Profile = { asOf: string } & ReturnType<typeof buildProfile>;
