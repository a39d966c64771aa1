/**
 * Credit status (社会组织信用信息管理办法): derived for a date from the list entries, never
 * stored as the truth. The rules that move an organization without a decision —
 *  - an abnormal-list entry that needs no correction leaves it 6 months after it came in,
 *    and a new violation meanwhile restarts those 6 months;
 *  - an abnormal-list entry still open 2 years after it came in moves to the serious list —
 * are applied virtually here for any date, and persisted (with their cause) by the daily job.
 */
import { addMonths } from '../../platform/clock';
export type CreditList = 'abnormal' | 'serious';
export type CreditStatus = 'normal' | CreditList;

export const CREDIT_STATUS_NAMES: Record<CreditStatus, string> = {
  normal: '正常',
  abnormal: '活动异常',
  serious: '严重违法失信',
};

export interface CreditEntryFacts {
  id: number;
  list: CreditList;
  dateIn: string; // YYYY-MM-DD
  dateOut: string | null;
  correctionRequired: boolean;
}

export type DueTransition =
  | { kind: 'auto_exit'; entryId: number; date: string; cause: string }
  | { kind: 'escalate'; entryId: number; date: string; cause: string };

export const AUTO_EXIT_CAUSE = '列入活动异常名录满6个月且无需整改，期满自动移出';
export const ESCALATE_CAUSE = '列入活动异常名录满2年，转入严重违法失信名单';

/** The automatic transitions that have fallen due on or before `asOf` for open entries. */
export function dueTransitions(entries: CreditEntryFacts[], asOf: string): DueTransition[] {
  const abnormal = entries.filter((e) => e.list === 'abnormal');
  const due: DueTransition[] = [];
  for (const e of abnormal) {
    if (e.dateOut !== null) continue;
    const escalateAt = addMonths(e.dateIn, 24);
    let exitAt: string | null = null;
    if (!e.correctionRequired) {
      // A new violation (a later abnormal entry) before the exit date restarts the clock.
      exitAt = addMonths(e.dateIn, 6);
      for (let changed = true; changed; ) {
        changed = false;
        for (const f of abnormal) {
          if (f.id !== e.id && f.dateIn > e.dateIn && f.dateIn < exitAt! && addMonths(f.dateIn, 6) > exitAt!) {
            exitAt = addMonths(f.dateIn, 6);
            changed = true;
          }
        }
      }
    }
    if (exitAt !== null && exitAt < escalateAt) {
      if (exitAt <= asOf) due.push({ kind: 'auto_exit', entryId: e.id, date: exitAt, cause: AUTO_EXIT_CAUSE });
    } else if (escalateAt <= asOf) {
      due.push({ kind: 'escalate', entryId: e.id, date: escalateAt, cause: ESCALATE_CAUSE });
    }
  }
  return due.sort((a, b) => a.date.localeCompare(b.date) || a.entryId - b.entryId);
}

/** The entries as they stand on `asOf` once the due automatic transitions are applied. */
export function effectiveEntries(entries: CreditEntryFacts[], asOf: string): CreditEntryFacts[] {
  const due = new Map(dueTransitions(entries, asOf).map((t) => [t.entryId, t]));
  const out: CreditEntryFacts[] = [];
  for (const e of entries) {
    const t = due.get(e.id);
    out.push(t ? { ...e, dateOut: t.date } : e);
    if (t?.kind === 'escalate')
      out.push({ id: -e.id, list: 'serious', dateIn: t.date, dateOut: null, correctionRequired: false });
  }
  return out;
}

export function deriveCreditStatus(entries: CreditEntryFacts[], asOf: string): CreditStatus {
  const active = effectiveEntries(entries, asOf).filter(
    (e) => e.dateIn <= asOf && (e.dateOut === null || e.dateOut > asOf),
  );
  if (active.some((e) => e.list === 'serious')) return 'serious';
  if (active.some((e) => e.list === 'abnormal')) return 'abnormal';
  return 'normal';
}
