import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { isApiError, messageOf } from '../../../../services/errors'
import { FEE_CLASSES, type FeeItemView, type FuneralPlaceView, placeDetail, yuan } from '../../../../services/funeral'
import '../../components/funeral.scss'
import { go, pageParams } from '../../components/nav'

/** One 殡仪馆 or 公墓: services, hours, phone, 12358, and its published fee list by class. */
export default function PlacePage() {
  const id = useMemo(() => Number(pageParams().id ?? 0), [])
  const [data, setData] = useState<{ place: FuneralPlaceView; fees: FeeItemView[] } | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)
  const load = useCallback(async () => {
    setError(null)
    try {
      setData(await placeDetail(id))
    } catch (e) {
      setError({ message: messageOf(e), missing: isApiError(e) && e.status === 404 })
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  if (error)
    return (
      <PageShell>
        <EmptyState title={error.missing ? '未找到该单位' : '加载失败'} description={error.message}>
          {error.missing ? null : <Button onClick={() => void load()}>重试</Button>}
        </EmptyState>
      </PageShell>
    )
  if (!data)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  const { place, fees } = data
  return (
    <PageShell className="fu-place-page">
      <View className="mz-section mz-card fu-place">
        <Text className="fu-place__name">{place.name}</Text>
        <Text className="fu-line">
          {place.kindName} · {place.address}
        </Text>
        <Text className="fu-line">服务时间：{place.hours}</Text>
        <Text className="fu-line">联系电话：{place.phone}</Text>
        <Text className="fu-line">服务项目：{place.services.join('、')}</Text>
        <Text className="fu-complaint-line">价格投诉举报电话：{place.priceComplaintLine}</Text>
        {place.kind === 'cemetery' ? (
          <Button type="primary" onClick={() => go(`/packages/funeral/pages/visit/index?id=${place.id}`)}>
            预约祭扫
          </Button>
        ) : null}
      </View>
      {(Object.keys(FEE_CLASSES) as (keyof typeof FEE_CLASSES)[]).map((cls) => {
        const items = fees.filter((f) => f.feeClass === cls)
        if (!items.length) return null
        return (
          <View key={cls} className="mz-section mz-card" data-testid={`fees-${cls}`}>
            <Text className="fu-section__title">{FEE_CLASSES[cls]}</Text>
            {items.map((f) => (
              <View key={f.code} className="fu-fee">
                <View className="fu-fee__head">
                  <Text>{f.name}</Text>
                  <Text className="fu-fee__price">
                    {yuan(f.priceCents)}元/{f.unitName}
                  </Text>
                </View>
                {f.waivers.length ? (
                  <Text className="fu-fee__meta fu-waived">
                    惠民减免：
                    {f.waivers
                      .map((w) => (w.maxQuantity ? `${w.name}（限${w.maxQuantity}${f.unitName}）` : w.name))
                      .join('；')}
                  </Text>
                ) : null}
                <Text className="fu-fee__meta">依据：{f.legalBasis}</Text>
              </View>
            ))}
          </View>
        )
      })}
      <View className="mz-section">
        <Text className="fu-hint">以上为本单位全部公示收费项目，目录外的收费一律不得收取。</Text>
      </View>
    </PageShell>
  )
}
