import Taro from '@tarojs/taro'
import {
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_STATUS_LABELS,
  type DeliveryStatus,
  NOTICE_KIND_LABELS,
  type NoticeKind
} from '@minzheng/contracts'
import { api, withQuery } from './request'

/** Shapes of /api/messages… (server/src/modules/notices); kinds and statuses with their labels from @minzheng/contracts. */
export type { DeliveryStatus, NoticeKind } from '@minzheng/contracts'
export const NOTICE_KINDS: Record<NoticeKind, string> = NOTICE_KIND_LABELS
export const DELIVERY_STATUSES: Record<DeliveryStatus, string> = DELIVERY_STATUS_LABELS
export const DELIVERY_CHANNELS: Record<string, string> = DELIVERY_CHANNEL_LABELS

export interface Message {
  id: number
  kind: NoticeKind
  title: string
  body: string
  /** the mini-program page it concerns, e.g. /packages/marriage/pages/index/index?id=3 */
  link: string | null
  read: boolean
  createdAt: string
}

export interface MessageDetail extends Message {
  delivery: { channel: string; status: DeliveryStatus } | null
}

export interface MessagePage {
  items: Message[]
  total: number
  unread: number
}

export function listMessages(page = 1, pageSize = 20): Promise<MessagePage> {
  return api<MessagePage>(withQuery('/api/messages', { page, pageSize }))
}

export async function unreadCount(): Promise<number> {
  const { unread } = await api<{ unread: number }>('/api/messages/unread-count', { toast: false })
  return unread
}

export async function getMessage(id: number): Promise<MessageDetail> {
  const { message } = await api<{ message: MessageDetail }>(`/api/messages/${id}`)
  return message
}

export async function markRead(id: number): Promise<Message> {
  const { message } = await api<{ message: Message }>(`/api/messages/${id}/read`, { method: 'POST' })
  return message
}

export async function markAllRead(): Promise<number> {
  const { updated } = await api<{ updated: number }>('/api/messages/read-all', { method: 'POST' })
  return updated
}

export async function getPreferences(): Promise<Record<NoticeKind, boolean>> {
  const { preferences } = await api<{ preferences: Record<NoticeKind, boolean> }>('/api/messages/preferences')
  return preferences
}

export async function setPreferences(
  changes: Partial<Record<NoticeKind, boolean>>
): Promise<Record<NoticeKind, boolean>> {
  const { preferences } = await api<{ preferences: Record<NoticeKind, boolean> }>('/api/messages/preferences', {
    method: 'PUT',
    data: changes
  })
  return preferences
}

/** The 消息 tab's red badge: the unread count, or none. Never throws (it is decoration). */
export async function refreshMessagesBadge(count?: number): Promise<number> {
  try {
    const unread = count ?? (await unreadCount())
    if (unread > 0) await Taro.setTabBarBadge({ index: MESSAGES_TAB, text: unread > 99 ? '99+' : String(unread) })
    else await Taro.removeTabBarBadge({ index: MESSAGES_TAB })
    return unread
  } catch {
    return 0
  }
}

/** Position of 消息 in app.config.ts's tab bar. */
export const MESSAGES_TAB = 2

/**
 * Asks consent for WeChat subscribe messages at a moment that earns it (after booking, after
 * filing a complaint): `askNoticeConsent(['bookings.confirmed', 'bookings.reminder'])`. Each
 * 允许 lets the server send that notice once. Call it from a tap handler (WeChat requires a
 * user gesture). On H5 and where WeChat has no such API it does nothing. Never throws: the
 * page's own action already succeeded.
 */
export async function askNoticeConsent(keys: string[]): Promise<Record<string, number>> {
  if (!keys.length || typeof (Taro as any).requestSubscribeMessage !== 'function' || process.env.TARO_ENV === 'h5')
    return {}
  try {
    const { templates } = await api<{ templates: Record<string, string> }>(
      withQuery('/api/messages/subscribe-templates', { keys: keys.join(',') }),
      { toast: false }
    )
    const tmplIds = [...new Set(Object.values(templates))]
    if (!tmplIds.length) return {}
    const answer = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as any)) as unknown as Record<
      string,
      string
    >
    const results: Record<string, string> = {}
    for (const id of tmplIds) if (typeof answer[id] === 'string') results[id] = answer[id]
    if (!Object.keys(results).length) return {}
    const { consents } = await api<{ consents: Record<string, number> }>('/api/messages/consents', {
      method: 'POST',
      data: { results },
      toast: false
    })
    return consents
  } catch {
    return {}
  }
}
