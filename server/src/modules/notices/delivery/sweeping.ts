import { Op } from 'sequelize';
import type { Platform } from '../../../platform/platform';
import type { NoticeModels } from '../index';
import { PUMP_SLOTS } from './pump';
import type { Receipts } from './receipts';

/**
 * The sweeper (a job every 2 s, on one worker): wakes pumps when rows are due — retries whose
 * time has come, leases a dead worker abandoned — and applies delivery reports kept aside.
 */
export function makeSweeper(
  p: Platform,
  { Outbox }: NoticeModels,
  parts: { receipts: Receipts; kick: (slots?: number) => Promise<void> },
) {
  return async function sweep() {
    const due = await Outbox.findOne({
      where: { status: { [Op.in]: ['queued', 'sending'] }, next_attempt_at: { [Op.lte]: p.clock.date() } },
      attributes: ['id'],
    });
    if (due) await parts.kick(PUMP_SLOTS);
    await parts.receipts.applyKept();
  };
}
