import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { listHalls, type HallSummary } from '../../../../services/halls'
import '../../halls.scss'

/** The halls, nearest first when the citizen lets us know where they are; each opens on the map. */
export default function HallListPage() {
  const { params } = useRouter()
  const service = params.service && /^[A-Za-z0-9._-]{1,40}$/.test(params.service) ? params.service : undefined
  const [items, setItems] = useState<HallSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const load = async () => {
      const here = await Taro.getLocation({ type: 'gcj02' }).catch(() => null)
      try {
        const r = await listHalls({ service, ...(here ? { lat: here.latitude, lng: here.longitude } : {}) })
        setItems(r.items)
      } catch (e) {
        setError((e as Error).message)
      }
    }
    void load()
  }, [service])

  return (
    <PageShell>
      <View className="mz-section">
        <View className="mz-section-title">{service ? '可办理该事项的服务大厅' : '民政服务大厅'}</View>
        {!items && !error ? <LoadingBlock /> : null}
        {error ? (
          <View className="mz-card">
            <EmptyState title="大厅列表暂时无法加载" description={error} />
          </View>
        ) : null}
        {items && !items.length ? (
          <View className="mz-card">
            <EmptyState title="暂无服务大厅" description="该事项暂未开通大厅预约，请拨打服务热线咨询。" />
          </View>
        ) : null}
        {items?.length ? (
          <View className="mz-card" data-testid="hall-list">
            {items.map((h) => (
              <View key={h.id} className="hl-row" data-id={h.id}>
                <View
                  className="hl-row__main"
                  onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/hall/index?id=${h.id}` })}
                >
                  <Text className="hl-row__title">{h.name}</Text>
                  <Text className="hl-row__desc">
                    {h.address}
                    {h.distanceKm !== undefined ? ` · ${h.distanceKm} 公里` : ''}
                  </Text>
                  <Text className="hl-row__desc">{h.now.text}</Text>
                </View>
                {h.location ? (
                  <Button
                    size="small"
                    onClick={() =>
                      Taro.openLocation({ ...h.location!, name: h.name, address: h.address }).catch(() => {})
                    }
                  >
                    地图
                  </Button>
                ) : null}
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
