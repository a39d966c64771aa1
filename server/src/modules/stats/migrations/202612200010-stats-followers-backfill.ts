import { QueryTypes } from 'sequelize';
import { beijingTimeAt } from '../../../platform/clock';
import type { Migration } from '../../../platform/db/migrate';

const BATCH = 5000;

/**
 * Followers were counted from this release on (`followers.*` roll-ups, kept by the public
 * account's follow events). The followers already on record are counted once here, on the day
 * of their latest follow (and unfollow), so the dashboard's 关注人数 starts from the true
 * number instead of zero. Earlier comings and goings of one person are not on record; the net
 * count per day from then on is.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const db = qi.sequelize;
  let after = 0;
  for (;;) {
    const rows = await db.query<{
      id: number;
      subscribed: number | boolean;
      subscribed_at: string | Date | null;
      unsubscribed_at: string | Date | null;
      hall_id: number | null;
      division_code: string | null;
    }>(
      `SELECT id, subscribed, subscribed_at, unsubscribed_at, hall_id, division_code FROM mp_subscribers WHERE id > ? ORDER BY id LIMIT ${BATCH}`,
      { replacements: [after], type: QueryTypes.SELECT },
    );
    if (!rows.length) return;
    after = Number(rows[rows.length - 1].id);
    const values: Array<[string, number, string, string, number]> = [];
    const dayOf = (at: string | Date) => beijingTimeAt(new Date(at).getTime()).date;
    for (const r of rows) {
      const where: [number, string] = [Number(r.hall_id ?? 0), r.division_code ?? ''];
      if (r.subscribed_at) values.push([dayOf(r.subscribed_at), ...where, 'followers.followed', 1]);
      if (!r.subscribed && r.unsubscribed_at)
        values.push([dayOf(r.unsubscribed_at), ...where, 'followers.unfollowed', 1]);
    }
    if (values.length)
      await db.query(
        `INSERT INTO stats_daily (day, hall_id, division_code, metric, value) VALUES ${values.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        { replacements: values.flat() },
      );
  }
};
