import type { Sequelize, Transaction } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { addDays } from '../../platform/clock';
import { dueTransitions } from './credit';
import type { CreditEntryRow, PenaltyRow, RatingRow, TransitionRow } from './models';
import { toEntryFacts } from './views';

/**
 * Each organization's profile kept as one row (`org_profiles`): the answer's JSON without its
 * day (`{"asOf":…,` is put in front when it is sent), built for a day and holding until the
 * first later day on which anything in it depends (an entry coming in or going out, an
 * automatic exit or escalation falling due, a penalty or transition dated later, a rating
 * starting or ending). A first look-up reads that row instead of the record's six parts.
 *
 * Kept current by revision: every change to an organization's record retires its row (rev + 1,
 * body NULL) in the change's own transaction (OrgCache.retire), so the two commit together; the
 * register's cached answers retire after the commit (OrgCache.invalidate). A profile
 * is kept only under the revision it was read with — the record and the revision are read in
 * one statement, and the write is conditional on the revision being unchanged — so a profile
 * built from before a change is never kept after it. A row missing or out of its days is
 * rebuilt from the parts by the look-up that finds it so.
 */

export const NO_END = '9999-12-31';

/** What the days a profile holds for depend on. */
export interface DatedParts {
  entry: CreditEntryRow[];
  transition: TransitionRow[];
  penalty: PenaltyRow[];
  rating: RatingRow[];
}

/** The first day after `day` on which a profile built for `day` may read differently (NO_END: none). */
export function profileHoldsUntil(parts: DatedParts, day: string): string {
  let until = NO_END;
  const consider = (d: string | null | undefined) => {
    if (d && d > day && d < until) until = d;
  };
  for (const e of parts.entry) {
    consider(e.date_in);
    consider(e.date_out);
  }
  for (const t of dueTransitions(parts.entry.map(toEntryFacts), NO_END)) consider(t.date);
  for (const t of parts.transition) consider(t.effective_date);
  for (const x of parts.penalty) consider(x.decided_at);
  for (const r of parts.rating) {
    consider(r.valid_from);
    if (r.valid_to) consider(addDays(r.valid_to, 1));
  }
  return until;
}

/** The answer sent for a day, from a kept body. */
export const answerFor = (day: string, body: string): string => `{"asOf":"${day}",${body.slice(1)}`;

export interface KeptProfile {
  orgId: number;
  /** The revision the record was read under (0 when no row was there). */
  rev: number;
  body: string;
  validFrom: string;
  validUntil: string;
}

const KEEP_BATCH = 500;

/**
 * Keeps profiles, each only if its row's revision is still the one it was built under (a row
 * that is not there yet is made at that revision; one a change has moved on is left alone).
 */
export async function keepProfiles(db: Sequelize, kept: KeptProfile[]): Promise<void> {
  const sqlite = isSqlite(db);
  for (let i = 0; i < kept.length; i += KEEP_BATCH) {
    const batch = kept.slice(i, i + KEEP_BATCH);
    const same = sqlite ? 'org_profiles.rev = excluded.rev' : 'rev = VALUES(rev)';
    const col = (c: string) =>
      sqlite
        ? `${c} = CASE WHEN ${same} THEN excluded.${c} ELSE org_profiles.${c} END`
        : `${c} = IF(${same}, VALUES(${c}), ${c})`;
    const sql = `INSERT INTO org_profiles (org_id, rev, body, valid_from, valid_until) VALUES ${batch
      .map(() => '(?, ?, ?, ?, ?)')
      .join(', ')} ${sqlite ? 'ON CONFLICT(org_id) DO UPDATE SET' : 'ON DUPLICATE KEY UPDATE'} ${[
      'body',
      'valid_from',
      'valid_until',
    ]
      .map(col)
      .join(', ')}`;
    await db.query(sql, {
      replacements: batch.flatMap((k) => [k.orgId, k.rev, k.body, k.validFrom, k.validUntil]),
    });
  }
}

/**
 * After (or with) a change to these organizations' records: their kept profiles retire and
 * any profile read before the change can no longer be kept.
 */
export async function retireProfiles(db: Sequelize, usccs: string[], transaction?: Transaction): Promise<void> {
  const sqlite = isSqlite(db);
  for (let i = 0; i < usccs.length; i += KEEP_BATCH) {
    const codes = usccs.slice(i, i + KEEP_BATCH);
    await db.query(
      `INSERT INTO org_profiles (org_id, rev, body) SELECT id, 1, NULL FROM social_orgs WHERE uscc IN (:codes) ${
        sqlite
          ? 'ON CONFLICT(org_id) DO UPDATE SET rev = org_profiles.rev + 1, body = NULL'
          : 'ON DUPLICATE KEY UPDATE rev = rev + 1, body = NULL'
      }`,
      { replacements: { codes }, transaction },
    );
  }
}
