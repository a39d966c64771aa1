import { Button } from '@nutui/nutui-react-taro'
import { Map as TaroMap, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PlaceNamePage } from '@minzheng/contracts'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import { getPlaceName } from '../../../../services/place-names'
import './index.scss'

/**
 * Where the name is. WeChat: the native map with a pin. H5: no map tiles (they would need a
 * network and a key), an offline card that places the pin on a lat/lng grid of China and
 * offers the coordinates to open in a map app.
 */
function PlacePin({ name, lat, lng }: { name: string; lat: number; lng: number }) {
  if (process.env.TARO_ENV === 'weapp')
    return (
      <TaroMap
        className="mz-place__map"
        latitude={lat}
        longitude={lng}
        scale={15}
        markers={[{ id: 1, latitude: lat, longitude: lng, title: name, width: 24, height: 34, iconPath: '' }]}
        onError={() => undefined}
      />
    )
  // China spans about 73–136°E and 18–54°N: the pin sits where the name is on that grid.
  const left = Math.min(100, Math.max(0, ((lng - 73) / (136 - 73)) * 100))
  const top = Math.min(100, Math.max(0, ((54 - lat) / (54 - 18)) * 100))
  return (
    <View className="mz-place__static-map" data-testid="place-pin">
      <View className="mz-place__pin" style={{ left: `${left}%`, top: `${top}%` }}>
        <Text className="mz-place__pin-dot">📍</Text>
        <Text className="mz-place__pin-name">{name}</Text>
      </View>
      <Text className="mz-place__coords">
        北纬 {lat.toFixed(4)}°，东经 {lng.toFixed(4)}°
      </Text>
    </View>
  )
}

/** 标准地名: one name's page — spelling, category, where it is (with a map pin), 含义, 历史沿革, 地名文化. */
export default function PlaceNamePageView() {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id ?? 0)
  const [place, setPlace] = useState<PlaceNamePage | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      setPlace(await getPlaceName(id))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  if (error)
    return (
      <PageShell>
        <EmptyState title="地名暂时无法加载" description={error}>
          <Button size="small" onClick={() => void load()}>
            重试
          </Button>
        </EmptyState>
      </PageShell>
    )
  if (!place)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  return (
    <PageShell className="mz-place">
      <View className="mz-section mz-card">
        <Text className="mz-place__name">{place.name}</Text>
        <Text className="mz-place__pinyin">{place.pinyin}</Text>
        <Text className="mz-muted">
          {place.categoryLabel} · {place.divisionName}
          {place.status === 'cancelled' ? ' · 已销名' : ''}
        </Text>
        {place.formerName ? <Text className="mz-muted">曾用名：{place.formerName}</Text> : null}
        <Text>位置：{place.location}</Text>
      </View>
      <View className="mz-section">
        {place.lat !== null && place.lng !== null ? (
          <PlacePin name={place.name} lat={place.lat} lng={place.lng} />
        ) : (
          <Text className="mz-muted">该地名暂无坐标</Text>
        )}
      </View>
      <View className="mz-section mz-card">
        <View className="mz-section-title">含义</View>
        <Text>{place.meaning || '暂无'}</Text>
        <View className="mz-section-title">历史沿革</View>
        <Text>{place.history || '暂无'}</Text>
        <Text className="mz-muted">
          批准机关：{place.approvalBody}（{place.approvalDate}）
        </Text>
      </View>
      <View className="mz-section">
        <View className="mz-section-title">地名文化</View>
        {place.culture.length === 0 ? (
          <Text className="mz-muted">暂无地名文化文章</Text>
        ) : (
          place.culture.map((c) => (
            <View key={c.id} className="mz-card mz-place__article" data-testid="culture-article">
              <Text className="mz-place__article-title">{c.title}</Text>
              <Text>{c.body}</Text>
              {c.source ? <Text className="mz-muted">资料来源：{c.source}</Text> : null}
            </View>
          ))
        )}
      </View>
    </PageShell>
  )
}
