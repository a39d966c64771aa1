import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { myBookings, type Booking } from '../../../../services/halls'
import '../../halls.scss'

/** 我的预约: newest first; each opens its check-in code. */
export default function MyBookingsPage() {
  const [items, setItems] = useState<Booking[] | null>(null)
  useDidShow(() => {
    myBookings().then(
      (r) => setItems(r.items),
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
                className="hl-row"
                data-code={b.code}
                onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/booking/index?code=${b.code}` })}
              >
                <View className="hl-row__main">
                  <Text className="hl-row__title">{b.serviceName}</Text>
                  <Text className="hl-row__desc">
                    {b.hallName} · {b.date} {b.time}
                  </Text>
                </View>
                <Text className="hl-link">{b.statusText} ›</Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
