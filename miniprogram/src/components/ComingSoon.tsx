import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { findArea, type AreaKey } from '../constants/areas'
import { searchServices, type ServiceSummary } from '../services/halls'
import { goHome } from '../utils/nav'
import { AreaIcon } from './AreaIcon'
import { HotlineCard } from './HotlineCard'
import { PageShell } from './PageShell'
import './ComingSoon.scss'

/**
 * The placeholder page of an area whose services are not online yet: what the area is,
 * 「即将上线」, the area's catalogue items (handled at a hall today: materials, booking) and the
 * hotline to call meanwhile.
 */
export function ComingSoon({ areaKey }: { areaKey: AreaKey }) {
  const area = findArea(areaKey)
  const [items, setItems] = useState<ServiceSummary[] | null>(null)
  useEffect(() => {
    searchServices({ area: areaKey }).then(
      (r) => setItems(r.items),
      () => setItems([])
    )
  }, [areaKey])
  return (
    <PageShell className="mz-coming-soon">
      <View className="mz-coming-soon__hero mz-card">
        <AreaIcon icon={area.key} color={area.color} size="lg" />
        <Text className="mz-coming-soon__name">{area.name}</Text>
        <Text className="mz-coming-soon__summary">{area.summary}</Text>
        <View className="mz-coming-soon__badge">即将上线</View>
        <Text className="mz-coming-soon__tip">
          {area.name}的线上办理正在建设中，下列事项可到民政服务大厅办理。如需咨询，请拨打下方热线。
        </Text>
      </View>
      {items?.length ? (
        <View className="mz-section">
          <View className="mz-section-title">可到大厅办理的事项</View>
          <View className="mz-card" data-testid="area-items">
            {items.map((item) => (
              <View
                key={item.code}
                className="mz-coming-soon__item"
                onClick={() =>
                  Taro.navigateTo({ url: `/packages/halls/pages/service/index?code=${encodeURIComponent(item.code)}` })
                }
              >
                <Text className="mz-coming-soon__item-name">{item.name}</Text>
                <Text className="mz-muted">查看材料{item.bookable ? ' · 可预约' : ''}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <View className="mz-section">
        <HotlineCard />
      </View>
      <View className="mz-section">
        <Button block type="primary" fill="outline" onClick={goHome}>
          返回首页
        </Button>
      </View>
    </PageShell>
  )
}
