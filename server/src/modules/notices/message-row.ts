import type { NoticeTemplate } from './templates';

/**
 * The inbox row of one notice (what the 消息 page lists), whichever channel also carries it:
 * written by a single notice (notify.ts) and by a push to a segment's followers
 * (follower-push.ts). Its keys are the `messages` columns, in MESSAGE_INSERT's order.
 */
export function messageRow(
  userId: number,
  template: Pick<NoticeTemplate, 'kind'>,
  templateKey: string,
  rendered: { title: string; body: string },
  data: Record<string, string>,
  link: string | undefined,
  at: Date,
) {
  return {
    user_id: userId,
    kind: template.kind,
    template_key: templateKey,
    title: rendered.title.slice(0, 100),
    body: rendered.body,
    link: link ?? null,
    data: JSON.stringify(data),
    created_at: at,
  };
}

/** One row of messageRow, inserted with its values in order (platform/db/write-row). */
export const MESSAGE_INSERT =
  'INSERT INTO messages (user_id, kind, template_key, title, body, link, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
