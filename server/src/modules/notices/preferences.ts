import type { Clock } from '../../platform/clock';
import type { Transaction } from 'sequelize';
import type { NoticeModels } from './index';
import { NOTICE_KINDS, type NoticeKind } from './templates';

/**
 * Which kinds of notice a citizen receives through WeChat (on unless turned off). The 消息
 * list keeps everything regardless: turning a kind off silences WeChat, not the record.
 */
export function makePreferences({ Preference }: NoticeModels, clock: Clock) {
  return {
    async get(userId: number) {
      const rows = await Preference.findAll({ where: { user_id: userId } });
      const off = new Set(rows.filter((r) => !r.enabled).map((r) => r.kind));
      return {
        preferences: Object.fromEntries(NOTICE_KINDS.map((k) => [k, !off.has(k)])) as Record<NoticeKind, boolean>,
      };
    },
    async set(userId: number, changes: Partial<Record<NoticeKind, boolean>>) {
      for (const [kind, enabled] of Object.entries(changes)) {
        await Preference.upsert({ user_id: userId, kind, enabled: Boolean(enabled), updated_at: clock.date() });
      }
      return this.get(userId);
    },
    async wants(userId: number, kind: NoticeKind, transaction?: Transaction): Promise<boolean> {
      const row = await Preference.findOne({ where: { user_id: userId, kind }, transaction });
      return row ? Boolean(row.enabled) : true;
    },
  };
}

export type Preferences = ReturnType<typeof makePreferences>;
