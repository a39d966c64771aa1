import type { Clock } from '../../platform/clock';
import { Op } from 'sequelize';
import { notFound } from '../../platform/errors';
import type { NoticeModels } from './index';
import { toMessageView } from './models';

/** The citizen's 消息 list: newest first, with the unread count for the tab badge. */
export function makeInbox({ Message, Outbox }: NoticeModels, clock: Clock) {
  return {
    async list(userId: number, page: number, pageSize: number) {
      const { rows, count } = await Message.findAndCountAll({
        where: { user_id: userId },
        order: [
          ['created_at', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const unread = await Message.count({ where: { user_id: userId, read_at: null } });
      return { items: rows.map(toMessageView), total: count, unread };
    },
    async unreadCount(userId: number) {
      return { unread: await Message.count({ where: { user_id: userId, read_at: null } }) };
    },
    /** One notice, with how it also went out through WeChat (if it did). */
    async get(userId: number, id: number) {
      const m = await Message.findOne({ where: { id, user_id: userId } });
      if (!m) throw notFound('未找到该消息');
      const out = await Outbox.findOne({ where: { message_id: id }, attributes: ['channel', 'status'], raw: true });
      return { message: { ...toMessageView(m), delivery: out ? { channel: out.channel, status: out.status } : null } };
    },
    async markRead(userId: number, id: number) {
      const m = await Message.findOne({ where: { id, user_id: userId } });
      if (!m) throw notFound('未找到该消息');
      if (!m.read_at) await m.update({ read_at: clock.date() });
      return { message: toMessageView(m) };
    },
    async markAllRead(userId: number) {
      const [updated] = await Message.update(
        { read_at: clock.date() },
        { where: { user_id: userId, read_at: { [Op.is]: null } } },
      );
      return { updated };
    },
  };
}
