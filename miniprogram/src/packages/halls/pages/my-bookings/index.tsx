import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { myBookings, type Booking } from '../../../../services/halls'
import '../../halls.scss'

/** Bookings still ahead of the citizen: 待对方确认, 已预约, 已签到. */
const ACTIVE = new Set(['awaiting_partner', 'confirmed', 'checked_in'])

/**
 * What to do next first: bookings still ahead, soonest first; then the finished and the
 * cancelled ones, most recent first. A cancelled booking never sits on top of a live one.
 */
export function orderBookings<T extends { status: string; date: string; time?: string }>(items: T[]): T[] {
  const key = (b: T) => `${b.date} ${b.time ?? ''}`
  const active = items.filter((b) => ACTIVE.has(b.status)).sort((a, b) => key(a).localeCompare(key(b)))
  const done = items.filter((b) => !ACTIVE.has(b.status)).sort((a, b) => key(b).localeCompare(key(a)))
  return [...active, ...done]
}

/** 我的预约: the live ones first, each with a status badge of its own colour; each opens its check-in code. */
export default function MyBookingsPage() {
  const [items, setItems] = useState<Booking[] | null>(null)
  useDidShow(() => {
    myBookings().then(
      (r) => setItems(orderBookings(r.items)),
      () => setItems([])
    )
  })

  return (
    <PageShell>
      <View className="mz-section">
        {!items ? <LoadingBlock /> : null}
        {items && !items.length ? (
          <View className="mz-card">
            <EmptyState title="还没有预约" description="在服务大厅页面选择事项即可预约。" />
          </View>
        ) : null}
        {items?.length ? (
          <View className="mz-card" data-testid="my-bookings">
            {items.map((b) => (
              <View
                key={b.code}
                className={`hl-row${ACTIVE.has(b.status) ? '' : ' hl-row--off'}`}
                data-code={b.code}
                onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/booking/index?code=${b.code}` })}
              >
                <View className="hl-row__main">
                  <Text className="hl-row__title">{b.serviceName}</Text>
                  <Text className="hl-row__desc">
                    {b.hallName} · {b.date} {b.time}
                  </Text>
                </View>
                <Text
                  className={`hl-status hl-status--${ACTIVE.has(b.status) ? 'active' : b.status === 'completed' ? 'done' : 'off'}`}
                  data-status={b.status}
                >
                  {b.statusText} ›
                </Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
