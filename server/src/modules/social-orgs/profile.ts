import type { Sequelize } from 'sequelize';
import { readRows } from '../../platform/db/read-rows';
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

/**
 * The organization and every part of its record in one round trip: one UNION ALL of
 * indexed lookups (by credit code, then by org_id), each row as a JSON object — JSON_OBJECT
 * and backquoted names are spelled the same on SQLite and MySQL/MariaDB.
 */
const PROFILE_SQL = (Object.entries(PARTS) as [Part, (typeof PARTS)[Part]][])
  .map(([part, { table, columns }]) => {
    const json = `JSON_OBJECT(${columns.map((c) => `'${c}', \`${c}\``).join(', ')})`;
    const where = part === 'org' ? 'uscc = :uscc' : 'org_id = (SELECT id FROM social_orgs WHERE uscc = :uscc)';
    return `SELECT '${part}' AS part, ${json} AS data FROM ${table} WHERE ${where}`;
  })
  .join(' UNION ALL ');

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

/** The profile for a day, built from the database; null when the code is not on record. */
async function loadProfile(db: Sequelize, uscc: string, asOf: string) {
  // Through mysql2 directly on MySQL (readRows): Sequelize's substitution over this long text
  // and its result building cost more Node time than the look-ups themselves.
  const rows = await readRows<{ part: Part; data: string | object }>(db, PROFILE_SQL, { uscc });
  const parts: Record<Part, any[]> = { org: [], inspection: [], penalty: [], rating: [], entry: [], transition: [] };
  for (const r of rows) parts[r.part].push(typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
  const org = parts.org[0] as OrgRow | undefined;
  if (!org) return null;
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
    asOf,
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

/**
 * The public profile of an organization: registration facts, the credit status derived for
 * the day asked (today by default) with the list history behind it, inspections, penalties
 * and the evaluation rating. Today's profile is served from the cache.
 */
export function makeProfile(m: SocialOrgModels, cache: OrgCache, clock: Clock) {
  const db = m.Org.sequelize!;
  const load = (uscc: string, asOf: string) => loadProfile(db, uscc, asOf);
  const orgNotFoundError = () => notFound('未找到该统一社会信用代码对应的社会组织，请核实代码或谨防假冒');

  /** The profile as JSON bytes, ready to send: today's comes from the cache. */
  async function profileJson(usccInput: string, asOf?: string): Promise<Buffer> {
    const uscc = parseUscc(usccInput);
    const today = clock.today();
    const day = asOf ?? today;
    if (day !== today) {
      const body = await load(uscc, day);
      if (!body) throw orgNotFoundError();
      return Buffer.from(JSON.stringify(body));
    }
    const bytes = await cache.profileJson(uscc, today, () => load(uscc, today));
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

export type Profile = NonNullable<Awaited<ReturnType<typeof loadProfile>>>;
