import { Op, type Transaction } from 'sequelize';
import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import type { IdentityApi } from '../identity';
import type { MpModels } from './index';
import type { SubscriberRow } from './models';
import type { makeScenes } from './scenes';

export const ENRICH_JOB = 'mp.subscriber.enrich';

/** Counts a follow (or a return) or an unfollow, inside the transaction that recorded it. */
export type FollowerCounter = (
  t: Transaction,
  what: 'followed' | 'unfollowed',
  origin: { hallId: number | null; divisionCode: string | null },
) => Promise<void>;

/**
 * The account's followers. A follow or unfollow is recorded the moment its event arrives
 * (unfollow stops every notice at once); the unionid that links a follower to the
 * mini-program's user is fetched afterwards, on the job queue, because it costs a WeChat call.
 */
export function makeSubscribers(
  p: Platform,
  wechat: Wechat,
  identity: IdentityApi,
  { Subscriber }: MpModels,
  scenes: ReturnType<typeof makeScenes>,
) {
  const appid = p.config.wechat.mp.appid;
  // The statistics count follows as they happen; the app assembly plugs the counter in.
  let counter: FollowerCounter | null = null;
  const count: FollowerCounter = async (t, what, origin) => {
    if (counter) await counter(t, what, origin);
  };
  const originOf = (row: Pick<SubscriberRow, 'hall_id' | 'division_code'>) => ({
    hallId: row.hall_id,
    divisionCode: row.division_code,
  });

  async function upsertFollowing(openid: string, scene?: string) {
    const now = p.clock.date();
    const origin = scene ? await scenes.resolve(scene) : null;
    return p.db.transaction(async (transaction) => {
      const [row, created] = await Subscriber.findOrCreate({
        where: { appid, openid },
        defaults: {
          appid,
          openid,
          subscribed: true,
          subscribed_at: now,
          source_scene: origin?.scene ?? null,
          hall_id: origin?.hall_id ?? null,
          division_code: origin?.division_code ?? null,
        },
        transaction,
      });
      if (created) await count(transaction, 'followed', originOf(row));
      else {
        const changes: Partial<SubscriberRow> = {};
        const returning = !row.subscribed;
        if (returning) Object.assign(changes, { subscribed: true, subscribed_at: now, unsubscribed_at: null });
        // The latest hall or campaign that brought them back is the one that counts.
        if (origin)
          Object.assign(changes, {
            source_scene: origin.scene,
            hall_id: origin.hall_id,
            division_code: origin.division_code,
          });
        if (Object.keys(changes).length) await row.update(changes, { transaction });
        if (returning) await count(transaction, 'followed', originOf(row));
      }
      return row;
    });
  }

  const api = {
    /** `subscribe` event, with `qrscene_<scene>` when a parameter QR code brought them. */
    async followed(openid: string, eventKey?: string) {
      const scene = eventKey?.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : undefined;
      const row = await upsertFollowing(openid, scene);
      await p.jobs.enqueue(
        ENRICH_JOB,
        { openid },
        { jobId: `mp-enrich-${openid}-${Date.now()}`, attempts: 5, backoffMs: 2000 },
      );
      return row;
    },

    /** `SCAN`: an existing follower scanned a parameter QR code. */
    async scanned(openid: string, scene: string) {
      return upsertFollowing(openid, scene || undefined);
    },

    async unfollowed(openid: string) {
      await p.db.transaction(async (transaction) => {
        const row = await Subscriber.findOne({ where: { appid, openid }, transaction });
        const [changed] = await Subscriber.update(
          { subscribed: false, unsubscribed_at: p.clock.date() },
          { where: { appid, openid, subscribed: true }, transaction },
        );
        // Counted where they counted when they followed (their hall or region).
        if (row && changed) await count(transaction, 'unfollowed', originOf(row));
      });
    },

    /** Plugs in who counts follows and unfollows (the statistics). */
    useFollowerCounter(c: FollowerCounter) {
      counter = c;
    },

    /** Fetches the unionid and links the follower to the mini-program user who shares it. */
    async enrich(openid: string) {
      const row = await Subscriber.findOne({ where: { appid, openid } });
      if (!row) return;
      const info = await wechat.mp.userInfo(openid);
      const unionid = info.unionid ?? row.unionid;
      const userId = unionid ? await identity.userIdByUnionid(unionid) : null;
      await row.update({ unionid: unionid ?? null, user_id: userId ?? row.user_id });
    },

    /**
     * The follower record of a citizen, if they follow the account: linked by user id, or
     * linked now through the unionid their mini-program login gave us.
     */
    async followerOf(userId: number, transaction?: Transaction): Promise<SubscriberRow | null> {
      const linked = await Subscriber.findOne({ where: { appid, user_id: userId }, transaction });
      if (linked) return linked.subscribed ? linked : null;
      const ids = await identity.wechatIdsOf(userId, transaction);
      if (!ids?.unionid) return null;
      const byUnion = await Subscriber.findOne({
        where: { appid, unionid: ids.unionid, user_id: { [Op.is]: null } },
        transaction,
      });
      if (!byUnion) return null;
      await byUnion.update({ user_id: userId }, { transaction });
      return byUnion.subscribed ? byUnion : null;
    },

    async byOpenid(openid: string): Promise<SubscriberRow | null> {
      return Subscriber.findOne({ where: { appid, openid } });
    },

    async counts() {
      const [following, total] = await Promise.all([
        Subscriber.count({ where: { appid, subscribed: true } }),
        Subscriber.count({ where: { appid } }),
      ]);
      return { following, total };
    },
  };

  p.jobs.define<{ openid: string }>(ENRICH_JOB, async ({ openid }) => api.enrich(openid), { concurrency: 4 });
  return api;
}
