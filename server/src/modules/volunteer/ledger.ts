import { Op, QueryTypes, type Transaction } from 'sequelize';
import { LEDGER_KIND_NAMES, starLevel } from '@minzheng/contracts';
import { type VolunteerDeps, wholeSeconds } from './deps';
import { hoursOverlapError } from './errors';
import type { LedgerKind, LedgerRow } from './models';

const GENESIS = '0'.repeat(64);

export interface NewEntry {
  volunteerId: number;
  activityId: number;
  orgId: number;
  kind: LedgerKind;
  minutes: number;
  startAt: Date;
  endAt: Date;
  attendanceId: number | null;
  correctsId: number | null;
  reason: string | null;
  approvedBy: number;
}

/**
 * The hours ledger: append-only (a correction is a new entry), each entry chained to the
 * volunteer's previous one by a keyed hash over its canonical content, so an edit or a deleted
 * row in the database is detected by `verify`. Appending holds the volunteer's lock (every
 * process) and the unique (volunteer, seq) index refuses a fork.
 */
export function makeLedger(deps: VolunteerDeps) {
  const { p, models } = deps;
  const iso = (d: Date | string) => new Date(d).toISOString();
  const canonical = (e: Omit<LedgerRow, 'id' | 'entry_hash'>) =>
    JSON.stringify([
      e.volunteer_id,
      e.seq,
      e.activity_id,
      e.org_id,
      e.kind,
      e.minutes,
      iso(e.start_at),
      iso(e.end_at),
      e.attendance_id ?? null,
      e.corrects_id ?? null,
      e.reason ?? null,
      e.approved_by,
      iso(e.created_at),
      e.prev_hash,
    ]);
  const hashOf = (e: Omit<LedgerRow, 'id' | 'entry_hash'>) => p.pii.hash(`volunteer-ledger-v1|${canonical(e)}`);

  const lockOf = (volunteerId: number) => `volunteer:person:${volunteerId}`;

  return {
    lockOf,
    /** Appends one entry; the caller holds `lockOf(volunteerId)` and passes its transaction. */
    async append(entry: NewEntry, transaction: Transaction): Promise<LedgerRow> {
      const startAt = wholeSeconds(entry.startAt);
      const endAt = wholeSeconds(entry.endAt);
      if (entry.kind !== 'correction') {
        // One person cannot be credited twice for the same minutes, whatever the activities.
        const overlapping = await models.Ledger.count({
          where: {
            volunteer_id: entry.volunteerId,
            kind: { [Op.in]: ['scan', 'manual'] },
            start_at: { [Op.lt]: endAt },
            end_at: { [Op.gt]: startAt },
          },
          transaction,
        });
        if (overlapping > 0) throw hoursOverlapError();
      }
      const last = await models.Ledger.findOne({
        where: { volunteer_id: entry.volunteerId },
        order: [['seq', 'DESC']],
        transaction,
      });
      const row = {
        volunteer_id: entry.volunteerId,
        seq: (last?.seq ?? 0) + 1,
        activity_id: entry.activityId,
        org_id: entry.orgId,
        kind: entry.kind,
        minutes: entry.minutes,
        start_at: startAt,
        end_at: endAt,
        attendance_id: entry.attendanceId,
        corrects_id: entry.correctsId,
        reason: entry.reason,
        approved_by: entry.approvedBy,
        created_at: wholeSeconds(p.clock.now()),
        prev_hash: last?.entry_hash ?? GENESIS,
      };
      return models.Ledger.create({ ...row, entry_hash: hashOf(row) }, { transaction });
    },
    /** Walks a volunteer's chain: the first entry whose content, link or order does not hold. */
    async verify(volunteerId: number) {
      const rows = await models.Ledger.findAll({ where: { volunteer_id: volunteerId }, order: [['seq', 'ASC']] });
      let prev = GENESIS;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        const { id: _id, entry_hash, ...rest } = r.get({ plain: true }) as LedgerRow;
        const intact = r.seq === i + 1 && r.prev_hash === prev && hashOf(rest) === entry_hash;
        if (!intact) return { intact: false, entries: rows.length, brokenAtSeq: r.seq ?? i + 1 };
        prev = entry_hash;
      }
      return { intact: true, entries: rows.length, brokenAtSeq: null };
    },
    async totals(volunteerId: number) {
      const [row] = (await p.db.query(
        `SELECT COALESCE(SUM(minutes), 0) AS total,
                COALESCE(SUM(CASE WHEN kind = 'manual' THEN minutes ELSE 0 END), 0) AS manual
           FROM volunteer_hours_ledger WHERE volunteer_id = :id`,
        { replacements: { id: volunteerId }, type: QueryTypes.SELECT },
      )) as { total: number | string; manual: number | string }[];
      const minutes = Number(row.total);
      const approvedHours = Math.round((minutes / 60) * 100) / 100;
      return {
        approvedMinutes: minutes,
        approvedHours,
        manualMinutes: Number(row.manual),
        manualHours: Math.round((Number(row.manual) / 60) * 100) / 100,
        star: starLevel(approvedHours),
      };
    },
    entryView: (e: LedgerRow, activityTitle: string) => ({
      id: e.id,
      activityId: e.activity_id,
      activityTitle,
      kind: e.kind,
      kindName: LEDGER_KIND_NAMES[e.kind],
      /** 补录: entered by the organizer, not from scans — marked on every view and certificate. */
      manual: e.kind === 'manual',
      minutes: e.minutes,
      hours: Math.round((e.minutes / 60) * 100) / 100,
      startAt: new Date(e.start_at).toISOString(),
      endAt: new Date(e.end_at).toISOString(),
      reason: e.reason,
      recordedAt: new Date(e.created_at).toISOString(),
    }),
  };
}

export type Ledger = ReturnType<typeof makeLedger>;
