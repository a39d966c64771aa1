import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import {
  CARE_LEVEL_NAMES,
  CARE_LEVELS,
  type CareLevel,
  ELDERLY_PLACE_KIND_NAMES,
  type ElderlyPlaceKind,
  type ElderlyPlaceView,
  type PlaceFilters,
  searchPlaces
} from '../../../../services/elderly'
import '../../components/elderly.scss'
import { ChipRow } from '../../components/ChipRow'
import { go, PAGES } from '../../components/nav'
import { PlaceCard } from '../../components/PlaceCard'

const PAGE_SIZE = 10
const KINDS: [ElderlyPlaceKind | '', string][] = [
  ['', '全部'],
  ...(Object.entries(ELDERLY_PLACE_KIND_NAMES) as [ElderlyPlaceKind, string][])
]
const LEVELS: [CareLevel | '', string][] = [
  ['', '不限'],
  ...CARE_LEVELS.map((l) => [l, CARE_LEVEL_NAMES[l]] as [CareLevel, string])
]
const PRICES: [number, string][] = [
  [0, '不限'],
  [300_000, '3000元以下'],
  [500_000, '5000元以下'],
  [800_000, '8000元以下']
]

/**
 * 养老服务: the 高龄津贴 entry, then the directory of 养老机构, 社区养老服务站 and 助餐点 with
 * filters (kind, capability level, price, free beds) and 离我最近 (the phone's location).
 */
export default function ElderlyIndexPage() {
  const [kind, setKind] = useState<ElderlyPlaceKind | ''>('')
  const [level, setLevel] = useState<CareLevel | ''>('')
  const [price, setPrice] = useState<number>(0)
  const [vacancy, setVacancy] = useState(false)
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null)
  const [items, setItems] = useState<ElderlyPlaceView[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(1)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const filters: PlaceFilters = {
    kind: kind || undefined,
    careLevel: level || undefined,
    maxPriceCents: price || undefined,
    hasVacancy: vacancy || undefined,
    ...(point ? { lat: point.lat, lng: point.lng, radiusKm: 20 } : {})
  }
  const key = JSON.stringify(filters)
  /** the latest search: an earlier one answered late (filters tapped in quick succession) is dropped */
  const latest = useRef(0)
  const load = useCallback(
    async (p: number) => {
      const mine = ++latest.current
      setLoading(true)
      setError(null)
      try {
        const answer = await searchPlaces({ ...filters, page: p, pageSize: PAGE_SIZE })
        if (mine !== latest.current) return
        setItems((prev) => (p === 1 ? answer.items : [...prev, ...answer.items]))
        setTotal(answer.total)
        setPage(p)
      } catch (e) {
        if (mine === latest.current) setError(messageOf(e))
      } finally {
        if (mine === latest.current) setLoading(false)
      }
    },
    [key]
  )
  useEffect(() => {
    void load(1)
  }, [load])

  const nearMe = async () => {
    if (point) {
      setPoint(null)
      return
    }
    try {
      const loc = await Taro.getLocation({ type: 'gcj02' })
      setPoint({ lat: loc.latitude, lng: loc.longitude })
    } catch {
      Taro.showToast({ title: '未能获取您的位置，请在设置中允许定位', icon: 'none' })
    }
  }

  return (
    <PageShell className="el-home">
      <View className="mz-section mz-card el-offer" data-testid="allowance-entry" onClick={() => go(PAGES.allowance)}>
        <Text className="el-offer__title">高龄津贴 · 免申即享</Text>
        <Text className="el-offer__text">
          年满80周岁（各地标准不同）的老年人，系统按实名信息自动判断，一键确认领取 ›
        </Text>
      </View>

      <View className="mz-section el-entries">
        <View className="mz-card el-entry" data-testid="family-entry" onClick={() => go(PAGES.family)}>
          <Text className="el-entry__title">亲属绑定</Text>
          <Text className="el-entry__text">为父母订餐、预约评估</Text>
        </View>
        <View className="mz-card el-entry" data-testid="meals-entry" onClick={() => go(PAGES.meals())}>
          <Text className="el-entry__title">我的订餐</Text>
          <Text className="el-entry__text">助餐点订餐与取消</Text>
        </View>
        <View className="mz-card el-entry" data-testid="assessment-entry" onClick={() => go(PAGES.assessment())}>
          <Text className="el-entry__title">能力评估</Text>
          <Text className="el-entry__text">我的评估预约与结果</Text>
        </View>
      </View>

      <View className="mz-section mz-card">
        <View className="el-near">
          <Text className="el-section-title">找养老机构</Text>
          <Button size="small" type={point ? 'primary' : 'default'} onClick={nearMe} data-testid="near-me">
            {point ? '离我最近 ✓' : '离我最近'}
          </Button>
        </View>
        <Text className="el-filter-label">类型</Text>
        <ChipRow<ElderlyPlaceKind | ''> name="kind" options={KINDS} value={kind} onChange={setKind} />
        <Text className="el-filter-label">老人能力等级</Text>
        <ChipRow<CareLevel | ''> name="level" options={LEVELS} value={level} onChange={setLevel} />
        <Text className="el-filter-label">每月费用</Text>
        <ChipRow<number> name="price" options={PRICES} value={price} onChange={setPrice} />
        <ChipRow<string>
          name="vacancy"
          options={[
            ['all', '全部'],
            ['free', '只看有空床']
          ]}
          value={vacancy ? 'free' : 'all'}
          onChange={(v) => setVacancy(v === 'free')}
        />
      </View>

      <View className="mz-section" data-testid="results">
        {!loading && !error ? <Text className="el-filter-label">共{total}家</Text> : null}
        {items.map((p) => (
          <PlaceCard key={p.id} place={p} />
        ))}
        {loading ? <LoadingBlock text="正在查找…" /> : null}
        {!loading && error ? (
          <View className="mz-card" data-testid="error">
            <EmptyState title="查找未成功" description={error}>
              <Button type="primary" size="small" onClick={() => load(1)}>
                重新查找
              </Button>
            </EmptyState>
          </View>
        ) : null}
        {!loading && !error && !items.length ? (
          <View className="mz-card" data-testid="empty">
            <EmptyState title="没有符合条件的机构" description="可以放宽能力等级、费用或空床条件再试试" />
          </View>
        ) : null}
        {!loading && !error && items.length < total ? (
          <Button block onClick={() => load(page + 1)} data-testid="more">
            加载更多
          </Button>
        ) : null}
      </View>
    </PageShell>
  )
}
