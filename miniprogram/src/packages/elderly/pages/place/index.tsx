import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import { type ElderlyPlaceDetail, getPlace, yuan } from '../../../../services/elderly'
import '../../components/elderly.scss'
import { go, PAGES, pageParam } from '../../components/nav'
import { stars } from '../../components/PlaceCard'

/** One place: beds and vacancies, levels accepted, hours, contact, and its whole fee list. */
export default function ElderlyPlacePage() {
  const id = Number(pageParam('id'))
  const [place, setPlace] = useState<ElderlyPlaceDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(async () => {
    setError(null)
    try {
      const p = await getPlace(id)
      setPlace(p)
      Taro.setNavigationBarTitle({ title: p.name }).catch(() => undefined)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [id])
  useEffect(() => {
    if (Number.isInteger(id) && id > 0) void load()
    else setError('未找到该养老服务机构')
  }, [id, load])

  if (error)
    return (
      <PageShell className="el-place-page">
        <View className="mz-section mz-card" data-testid="error">
          <EmptyState title="加载失败" description={error}>
            <Button type="primary" size="small" onClick={load}>
              重试
            </Button>
          </EmptyState>
        </View>
      </PageShell>
    )
  if (!place)
    return (
      <PageShell className="el-place-page">
        <LoadingBlock />
      </PageShell>
    )

  const rows: [string, string][] = [
    ['类型', place.kindName],
    ['地址', place.address],
    ['服务时间', place.hours],
    ['联系电话', place.phone],
    ...(place.kind !== 'meal_point'
      ? ([
          ['床位', `${place.beds}张`],
          ['空余床位', place.vacancies ? `${place.vacancies}张` : '暂无空床']
        ] as [string, string][])
      : []),
    ['等级评定', stars(place.stars)]
  ]
  return (
    <PageShell className="el-place-page">
      <View className="mz-section mz-card el-place" data-testid="place-detail">
        <Text className="el-place__name">{place.name}</Text>
        {rows.map(([label, value]) => (
          <View className="el-row" key={label}>
            <Text className="el-row__label">{label}</Text>
            <Text>{value}</Text>
          </View>
        ))}
        <Text className="el-filter-label">可接收的老人能力等级</Text>
        <View className="el-levels">
          {place.careLevelNames.map((l) => (
            <Text key={l} className="el-level">
              {l}
            </Text>
          ))}
        </View>
        {place.intro ? <Text className="el-place__meta">{place.intro}</Text> : null}
        <View className="el-actions">
          {place.kind !== 'institution' ? (
            <Button type="primary" onClick={() => go(PAGES.meals(place.id))} data-testid="order-meals">
              助餐订餐
            </Button>
          ) : null}
          <Button onClick={() => go(PAGES.assessment(place.id))} data-testid="book-assessment">
            预约能力评估
          </Button>
        </View>
        <Button type="primary" onClick={() => Taro.makePhoneCall({ phoneNumber: place.phone }).catch(() => undefined)}>
          拨打电话咨询
        </Button>
      </View>
      <View className="mz-section mz-card" data-testid="fees">
        <Text className="el-section-title">收费清单</Text>
        {place.fees.map((f) => (
          <View className="el-fee" key={f.id}>
            <View className="el-fee__item">
              <Text>{f.item}</Text>
              {f.note ? <Text className="el-fee__note">{f.note}</Text> : null}
            </View>
            <Text className="el-fee__price">
              {yuan(f.priceCents)}
              {f.unit}
            </Text>
          </View>
        ))}
        <Text className="el-fee__note">
          收费以机构公示为准；清单之外的收费可拨打12345反映。更新于{place.updatedAt.slice(0, 10)}
        </Text>
      </View>
    </PageShell>
  )
}
