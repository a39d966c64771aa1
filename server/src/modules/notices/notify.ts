import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { writeRow } from '../../platform/db/write-row';
import type { Platform } from '../../platform/platform';
import type { IdentityApi } from '../identity';
import type { MpApi } from '../mp';
import type { Consents } from './consents';
import type { Dispatcher } from './dispatch';
import { MESSAGE_INSERT, messageRow } from './message-row';
import type { NoticeModels } from './index';
import type { Channel } from './models';
import type { Preferences } from './preferences';
import { fitFields, type NoticeTemplate, type TemplateRegistry } from './templates';

export interface Recipient {
  userId: number;
}

/** What the WeChat request will carry besides `touser`. */
export type OutboxPayload =
  | { template_id: string; data: Record<string, { value: string }>; miniprogram?: { appid: string; pagepath: string } }
  | { template_id: string; data: Record<string, { value: string }>; page?: string; miniprogram_state?: string };

/**
 * The one way any module tells a citizen something. Pass the transaction of the change
 * that caused the notice, so the notice exists exactly when the change does. It always
 * lands in the 消息 list; it also goes out through WeChat — a template message when they
 * follow the public account, else a subscribe message while a consent is left — unless
 * they turned that kind of notice off.
 */
export function makeNotify(
  p: Platform,
  { Message, Outbox }: NoticeModels,
  templates: TemplateRegistry,
  deps: { mp: MpApi; identity: IdentityApi; consents: Consents; preferences: Preferences; dispatcher: Dispatcher },
) {
  const { mini } = p.config.wechat;

  async function chooseChannel(userId: number, template: NoticeTemplate<any>, transaction?: Transaction) {
    if (!template.mp && !template.mini) return null;
    if (!(await deps.preferences.wants(userId, template.kind, transaction))) return null;
    if (template.mp) {
      const follower = await deps.mp.subscribers.followerOf(userId, transaction);
      if (follower) return { channel: 'mp_template' as Channel, openid: follower.openid, mapping: template.mp };
    }
    if (template.mini && (await deps.consents.spend(userId, template.mini.templateId, transaction))) {
      const ids = await deps.identity.wechatIdsOf(userId, transaction);
      if (ids) return { channel: 'mini_subscribe' as Channel, openid: ids.openid, mapping: template.mini };
    }
    return null;
  }

  return async function notify(
    recipient: Recipient,
    templateKey: string,
    data: Record<string, string>,
    link?: string,
    options: { transaction?: Transaction } = {},
  ): Promise<{ messageId: number; channel: Channel | 'inbox'; outboxId?: number }> {
    const { transaction } = options;
    const template = templates.get(templateKey);
    const message = messageRow(
      recipient.userId,
      template,
      templateKey,
      template.render(data),
      data,
      link,
      p.clock.date(),
    );
    // In the caller's transaction: one plain INSERT on its connection (platform/db/write-row),
    // not Message.create's instance, validation and hooks (a rush's winners all notify at once).
    const messageId = transaction
      ? (await writeRow(p.db, transaction, MESSAGE_INSERT, Object.values(message))).insertId
      : Number((await Message.create(message)).id);

    const route = await chooseChannel(recipient.userId, template, transaction);
    if (!route) return { messageId, channel: 'inbox' };
    const page = link?.replace(/^\//, '');
    const payload: OutboxPayload =
      route.channel === 'mp_template'
        ? {
            template_id: route.mapping.templateId,
            data: fitFields(route.mapping.fields(data)),
            ...(page ? { miniprogram: { appid: mini.appid, pagepath: page } } : {}),
          }
        : {
            template_id: route.mapping.templateId,
            data: fitFields(route.mapping.fields(data)),
            ...(page ? { page } : {}),
            miniprogram_state: p.config.wechat.miniState,
          };
    const now = p.clock.date();
    const row = await Outbox.create(
      {
        channel: route.channel,
        user_id: recipient.userId,
        message_id: messageId,
        openid: route.openid,
        template_key: templateKey,
        payload: JSON.stringify(payload),
        client_msg_id: `n-${randomUUID()}`,
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      },
      { transaction },
    );
    deps.dispatcher.kickAfter(transaction);
    return { messageId, channel: route.channel, outboxId: Number(row.id) };
  };
}
