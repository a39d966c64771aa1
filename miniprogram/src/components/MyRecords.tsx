import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { api } from '../services/request'
import './MyRecords.scss'

type Key = 'bookings' | 'tickets' | 'complaints' | 'following' | 'settings'

const ROWS: { key: Key; title: string; url: string; unit: string }[] = [
  { key: 'bookings', title: '我的预约', url: '/packages/halls/pages/my-bookings/index', unit: '个待办理' },
  { key: 'tickets', title: '我的取号', url: '/packages/halls/pages/my-tickets/index', unit: '个排队中' },
  { key: 'complaints', title: '我的投诉', url: '/packages/social-orgs/pages/complaints/index', unit: '件' },
  { key: 'following', title: '我的关注', url: '/packages/social-orgs/pages/following/index', unit: '个组织' },
  { key: 'settings', title: '通知设置', url: '/packages/messages/pages/settings/index', unit: '' }
]

const LIVE_BOOKINGS = ['awaiting_partner', 'confirmed', 'checked_in']
const LIVE_TICKETS = ['waiting', 'called', 'serving']

/** What each row's count says; a count that could not be read is left out, never guessed. */
async function loadCounts(): Promise<Partial<Record<Key, string>>> {
  const quiet = { toast: false } as const
  const [bookings, tickets, complaints, following, prefs] = await Promise.allSettled([
    api<{ items: { status: string }[] }>('/api/bookings/mine', quiet),
    api<{ items: { status: string }[] }>('/api/queue/tickets/mine', quiet),
    api<{ total: number }>('/api/social-orgs/complaints?page=1&pageSize=1', quiet),
    api<{ total: number }>('/api/social-orgs/following?page=1&pageSize=1', quiet),
    api<{ preferences: Record<string, boolean> }>('/api/messages/preferences', quiet)
  ])
  const out: Partial<Record<Key, string>> = {}
  if (bookings.status === 'fulfilled')
    out.bookings = String(bookings.value.items.filter((b) => LIVE_BOOKINGS.includes(b.status)).length)
  if (tickets.status === 'fulfilled')
    out.tickets = String(tickets.value.items.filter((t) => LIVE_TICKETS.includes(t.status)).length)
  if (complaints.status === 'fulfilled') out.complaints = String(complaints.value.total)
  if (following.status === 'fulfilled') out.following = String(following.value.total)
  if (prefs.status === 'fulfilled' && prefs.value.preferences) {
    const values = Object.values(prefs.value.preferences)
    out.settings = `已开启 ${values.filter(Boolean).length}/${values.length} 类`
  }
  return out
}

/** 我的 → my records: bookings, tickets, complaints, follows and notice settings, with counts. */
export function MyRecords() {
  const [counts, setCounts] = useState<Partial<Record<Key, string>>>({})
  useDidShow(() => {
    loadCounts().then(setCounts, () => setCounts({}))
  })
  return (
    <View className="mz-records" data-testid="my-records">
      {ROWS.map((row) => (
        <View
          key={row.key}
          className="mz-records__row"
          data-record={row.key}
          onClick={() => Taro.navigateTo({ url: row.url })}
        >
          <Text className="mz-records__title">{row.title}</Text>
          <Text className="mz-records__count" data-count={counts[row.key] ?? ''}>
            {counts[row.key] === undefined ? '' : row.unit ? `${counts[row.key]}${row.unit}` : counts[row.key]} ›
          </Text>
        </View>
      ))}
    </View>
  )
}
