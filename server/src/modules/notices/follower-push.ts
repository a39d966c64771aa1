import { Op } from 'sequelize';
import type { Platform } from '../../platform/platform';
import type { MpApi, Segment } from '../mp';
import type { Dispatcher } from './dispatch';
import { messageRow } from './message-row';
import type { NoticeModels } from './index';
import { fitFields, type TemplateRegistry } from './templates';

const PAGE = 1000;

/**
 * A system push to the followers of a segment (no staff broadcast behind it), keyed so that a
 * follower gets each `key` once: the outbox's `client_msg_id` is `<key>-<subscriber id>` and
 * unique, so a wider push with the same key (a 寻亲 notice's county → city → province) or a
 * job run again after a crash skips whoever already has it. Returns how many were newly queued.
 */
export function makeFollowerPush(
  p: Platform,
  { Outbox, Message }: NoticeModels,
  templates: TemplateRegistry,
  mp: MpApi,
  dispatcher: Dispatcher,
) {
  const qi = p.db.getQueryInterface();
  return async function pushToFollowers(
    segment: Segment,
    templateKey: string,
    data: Record<string, string>,
    link: string | undefined,
    key: string,
  ): Promise<number> {
    if (!/^[a-z0-9-]{1,40}$/.test(key)) throw new Error(`push key ${key} is not a plain key`);
    const template = templates.get(templateKey);
    if (!template.mp) throw new Error(`template ${templateKey} has no public-account mapping`);
    const { title, body } = template.render(data);
    const payload = JSON.stringify({
      template_id: template.mp.templateId,
      data: fitFields(template.mp.fields(data)),
      ...(link ? { miniprogram: { appid: p.config.wechat.mini.appid, pagepath: link.replace(/^\//, '') } } : {}),
    });
    let cursor = 0;
    let queued = 0;
    for (;;) {
      const members = await mp.segments.page(segment, cursor, PAGE);
      if (!members.length) break;
      cursor = members[members.length - 1].id;
      const keys = members.map((m) => `${key}-${m.id}`);
      const had = new Set(
        (
          await Outbox.findAll({
            where: { client_msg_id: { [Op.in]: keys } },
            attributes: ['client_msg_id'],
            raw: true,
          })
        ).map((r) => r.client_msg_id),
      );
      const fresh = members.filter((m) => !had.has(`${key}-${m.id}`));
      if (!fresh.length) continue;
      const now = p.clock.date();
      await p.db.transaction(async (transaction) => {
        await qi.bulkInsert(
          Outbox.getTableName(),
          fresh.map((m) => ({
            channel: 'mp_template',
            user_id: m.userId,
            openid: m.openid,
            template_key: templateKey,
            payload,
            client_msg_id: `${key}-${m.id}`,
            status: 'queued',
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
          })),
          { transaction, ignoreDuplicates: true } as { transaction: typeof transaction },
        );
        const linked = fresh.filter((m) => m.userId !== null);
        if (linked.length)
          await qi.bulkInsert(
            Message.getTableName(),
            linked.map((m) => messageRow(m.userId!, template, templateKey, { title, body }, data, link, now)),
            { transaction },
          );
      });
      queued += fresh.length;
      await dispatcher.kick(4);
    }
    return queued;
  };
}
