import type { Platform } from '../../../platform/platform';
import type { MpApi } from '../../mp';
import type { NoticeModels } from '../index';

/**
 * The user no longer follows the public account (their unsubscribe push, or a send answered
 * "not following"): nothing more goes out to them through it; what was queued is cancelled.
 */
export function makeUnfollowed(p: Platform, { Outbox }: NoticeModels, mp: MpApi) {
  return async function unfollowed(openid: string) {
    await mp.subscribers.unfollowed(openid);
    await Outbox.update(
      { status: 'cancelled', reason: '用户已取消关注', finished_at: p.clock.date() },
      { where: { openid, channel: 'mp_template', status: 'queued' } },
    );
  };
}
