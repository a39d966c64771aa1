import type { Transaction } from 'sequelize';
import { createScopedMemo, type ScopedMemo } from '../../platform/cache';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { prefixesByLevel } from './levels';
import { LEVEL_DIGITS } from './types';

/** Every kept answer depends on this part: a change the clock makes across the country bumps it. */
const EVERYWHERE = 'all';
const DIGITS = Object.values(LEVEL_DIGITS).sort((a, b) => a - b);

/**
 * The version parts a change to a case touches: its division at every level (乡镇, county,
 * city, province, and the nation's), so the inboxes whose scope covers it retire, and the named
 * workers it was and is assigned to (their own inbox part).
 */
export function caseParts(divisionCode: string, assignees: Array<number | null | undefined>): string[] {
  return [
    'd:',
    ...DIGITS.filter((n) => n <= divisionCode.length).map((n) => `d:${divisionCode.slice(0, n)}`),
    ...assignees.filter((id): id is number => typeof id === 'number').map((id) => `a:${id}`),
  ];
}

/**
 * The parts a reader's inbox depends on: each scope prefix the inbox reads cases at (a 乡镇
 * prefix, a county prefix; the nation's for admin and nationwide accounts, whose inbox every
 * case change touches) and the reader's own assignments.
 */
export function readerParts(staff: StaffPrincipal): string[] {
  const byLevel = prefixesByLevel(staff);
  if (byLevel === null) return [EVERYWHERE, 'd:'];
  const prefixes = [...byLevel.values()].flat().map((prefix) => `d:${prefix}`);
  return [...new Set([EVERYWHERE, ...prefixes, `a:${staff.id}`])].sort();
}

export interface KeptInbox {
  /** Inbox pages as the JSON bytes the endpoint sends (serialized once, not per request). */
  memo: ScopedMemo<Buffer>;
  /**
   * After `transaction` commits (the outermost one when it is a savepoint's): the kept inbox
   * answers covering the case retire. Awaited by the commit, so the writer's own answer leaves
   * after them; a bump that cannot reach the shared cache is logged (the minute bounds it).
   */
  retireAfterCommit(transaction: Transaction, divisionCode: string, assignees: Array<number | null>): void;
  /** Every kept answer retires (the daily clock changed flags or deadlines somewhere). */
  retireAll(): Promise<void>;
}

export function createKeptInbox(p: Platform): KeptInbox {
  // Kept until a case they cover changes (in any process: seen here within the versions' poll,
  // 250 ms), the Beijing day turns (the date is in the key) or a minute passes (a bound for a
  // bump that could not reach the shared cache, and for a colleague's new display name).
  const memo = createScopedMemo<Buffer>(p.cache, 'cases:inbox:v', { ttlMs: 60_000, maxEntries: 2000 });
  const retire = (parts: string[]) =>
    memo.bump(parts).catch((err) => p.logger.warn({ err, parts }, 'cases: kept inbox answers not retired'));
  return {
    memo,
    retireAfterCommit(transaction, divisionCode, assignees) {
      let outermost = transaction as Transaction & { parent?: Transaction };
      while (outermost.parent) outermost = outermost.parent as Transaction & { parent?: Transaction };
      outermost.afterCommit(() => retire(caseParts(divisionCode, assignees)));
    },
    async retireAll() {
      await retire([EVERYWHERE]);
    },
  };
}
