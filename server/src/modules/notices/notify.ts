import type { Transaction } from 'sequelize';
import type { Platform } from '../../platform/platform';
import type { NoticeModels } from './index';
import type { createTemplateRegistry } from './templates';

export interface Recipient { userId: number }

/**
 * The one way any module tells a citizen something. Pass the transaction of the change
 * that caused the notice, so the notice exists exactly when the change does.
 */
export function makeNotify(p: Platform, { Message }: NoticeModels, templates: ReturnType<typeof createTemplateRegistry>) {
  return async function notify(
    recipient: Recipient,
    templateKey: string,
    data: Record<string, string>,
    link?: string,
    options: { transaction?: Transaction } = {},
  ): Promise<{ messageId: number }> {
    const template = templates.get(templateKey);
    const { title, body } = template.render(data);
    const message = await Message.create(
      {
        user_id: recipient.userId,
        kind: template.kind,
        template_key: templateKey,
        title: title.slice(0, 100),
        body,
        link: link ?? null,
        data: JSON.stringify(data),
        created_at: new Date(),
      },
      { transaction: options.transaction },
    );
    return { messageId: Number(message.id) };
  };
}
