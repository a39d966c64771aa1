import type { Transaction } from 'sequelize';
import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import type { MpApi } from '../mp';
import { makeClaims } from './delivery/claims';
import { makeCounting } from './delivery/counting';
import { makePump } from './delivery/pump';
import { makeReceipts } from './delivery/receipts';
import { makeRecording } from './delivery/recording';
import { makeSender } from './delivery/sending';
import { makeSweeper } from './delivery/sweeping';
import { makeUnfollowed } from './delivery/unfollowed';
import type { NoticeModels } from './index';

export const PUMP_JOB = 'notices.pump';
export const SWEEP_JOB = 'notices.sweep';

/**
 * Delivery of the outbox through WeChat, in parts (`delivery/`): claims under a lease, sending
 * under the shared rate, failures classified (technical / temporary / permanent), outcomes
 * recorded, TEMPLATESENDJOBFINISH receipts applied, and a sweeper. A worker that dies mid-batch
 * leaves rows whose lease runs out; another pump takes them again and resends with the same
 * client_msg_id, which WeChat answers with the original msgid instead of a second message.
 */
export function makeDispatcher(p: Platform, wechat: Wechat, models: NoticeModels, mp: MpApi) {
  const log = p.logger.child({ part: 'notices.dispatch' });

  async function kick(slots = 1) {
    const second = Math.floor(Date.now() / 1000);
    for (let slot = 0; slot < slots; slot++) await p.jobs.enqueue(PUMP_JOB, {}, { jobId: `pump-${slot}-${second}` });
  }

  const unfollowed = makeUnfollowed(p, models, mp);
  const counting = makeCounting();
  const receipts = makeReceipts(p, models, counting);
  const recording = makeRecording(p, models, receipts, unfollowed, counting);
  const pump = makePump(p, { claims: makeClaims(p, models), send: makeSender(p, wechat), recording, kick });
  const sweep = makeSweeper(p, models, { receipts, kick });

  p.jobs.define(PUMP_JOB, async () => pump(), { concurrency: 2 });
  p.jobs.define(SWEEP_JOB, async () => sweep());

  return {
    /** Wakes a pump once the transaction that queued rows commits (now, without one). */
    kickAfter(transaction?: Transaction) {
      const go = () => void kick().catch((err) => log.warn({ err }, 'could not wake a notice pump; the sweeper will'));
      if (transaction) transaction.afterCommit(go);
      else go();
    },
    kick,
    receipt: receipts.receipt,
    /** Plugs in who counts delivery steps (the statistics), called in the recording transaction. */
    useDeliveryCounter: counting.use,
    unfollowed,
    /** Schedules the sweeper (every 2 s, on one worker). */
    async schedule() {
      await p.jobs.every(SWEEP_JOB, 2000);
    },
  };
}

export type Dispatcher = ReturnType<typeof makeDispatcher>;
