import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import {
  FUNERAL_PLACE_KINDS,
  type FuneralPlaceView,
  listPlaces,
  PRICE_COMPLAINT_LINE
} from '../../../../services/funeral'
import '../../components/funeral.scss'
import { go, PAGES } from '../../components/nav'

type Kind = keyof typeof FUNERAL_PLACE_KINDS

/** 殡葬服务: the directory of 殡仪馆 and 公墓 (each with its published fee list) and 我的殡葬账单. */
export default function FuneralIndexPage() {
  const [kind, setKind] = useState<Kind>('funeral_home')
  const [places, setPlaces] = useState<FuneralPlaceView[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    setPlaces(null)
    try {
      setPlaces(await listPlaces(kind))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [kind])
  useEffect(() => {
    void load()
  }, [load])

  return (
    <PageShell className="fu-home">
      <View className="mz-section mz-card fu-actions">
        <Button type="primary" onClick={() => go(PAGES.bills)}>
          我的殡葬账单
        </Button>
        <Button onClick={() => go('/packages/funeral/pages/checklist/index')}>身后一件事</Button>
        <Button onClick={() => go(PAGES.memorials)}>云祭扫</Button>
      </View>
      <View className="mz-section mz-card">
        <Text className="fu-line">
          殡葬服务收费一律公示：基本服务执行政府定价，选择性服务执行政府指导价，目录外不得收费。价格投诉请拨打{' '}
          {PRICE_COMPLAINT_LINE}。
        </Text>
      </View>
      <View className="mz-section fu-tabs">
        {(Object.keys(FUNERAL_PLACE_KINDS) as Kind[]).map((k) => (
          <Text key={k} className={`fu-tab ${k === kind ? 'fu-tab--on' : ''}`} onClick={() => setKind(k)}>
            {FUNERAL_PLACE_KINDS[k]}
          </Text>
        ))}
      </View>
      {!places && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      ) : null}
      {places && places.length === 0 ? <EmptyState title={`暂无${FUNERAL_PLACE_KINDS[kind]}信息`} /> : null}
      {places?.map((p) => (
        <View key={p.id} className="mz-section mz-card fu-place" onClick={() => go(PAGES.place(p.id))}>
          <Text className="fu-place__name">{p.name}</Text>
          <Text className="fu-line">{p.address}</Text>
          <Text className="fu-line">服务时间：{p.hours}</Text>
          <Text className="fu-hint">查看服务项目与公示收费目录 ›</Text>
        </View>
      ))}
    </PageShell>
  )
}
