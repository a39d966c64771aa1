import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { HotlineCard } from '../../../../components/HotlineCard'
import { PageShell } from '../../../../components/PageShell'
import type { Division } from '../../../../services/types'
import { DivisionPicker } from '../../components/DivisionPicker'
import './index.scss'

/** 区划地名 (subpackage packages/divisions): browse the administrative divisions level by level. */
export default function DivisionsIndexPage() {
  const [chosen, setChosen] = useState<Division[] | null>(null)
  return (
    <PageShell className="mz-divisions">
      <View className="mz-section">
        <View className="mz-section-title">行政区划查询</View>
        <DivisionPicker onChoose={setChosen} />
      </View>
      {chosen ? (
        <View className="mz-section mz-card mz-divisions__result" data-testid="division-result">
          <Text className="mz-muted">已选择</Text>
          <Text className="mz-divisions__full">{chosen.map((d) => d.name).join(' / ')}</Text>
          <Text className="mz-muted">区划代码：{chosen[chosen.length - 1].code}</Text>
        </View>
      ) : null}
      <View className="mz-section">
        <HotlineCard />
      </View>
    </PageShell>
  )
}
