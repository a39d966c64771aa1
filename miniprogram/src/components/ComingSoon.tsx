import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { findArea, type AreaKey } from '../constants/areas'
import { goHome } from '../utils/nav'
import { AreaIcon } from './AreaIcon'
import { HotlineCard } from './HotlineCard'
import { PageShell } from './PageShell'
import './ComingSoon.scss'

/**
 * The placeholder page of an area whose services are not online yet: what the area is,
 * 「即将上线」, and the hotline to call meanwhile.
 */
export function ComingSoon({ areaKey }: { areaKey: AreaKey }) {
  const area = findArea(areaKey)
  return (
    <PageShell className="mz-coming-soon">
      <View className="mz-coming-soon__hero mz-card">
        <AreaIcon icon={area.key} color={area.color} size="lg" />
        <Text className="mz-coming-soon__name">{area.name}</Text>
        <Text className="mz-coming-soon__summary">{area.summary}</Text>
        <View className="mz-coming-soon__badge">即将上线</View>
        <Text className="mz-coming-soon__tip">
          {area.name}的线上办理正在建设中，敬请期待。如需办理或咨询，请拨打下方热线。
        </Text>
      </View>
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
