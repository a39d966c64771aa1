import { divisionPrefix } from '@minzheng/contracts'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import type { Division } from '../../../../services/types'
import {
  type ActivityListItem,
  beijingText,
  searchActivities,
  VOLUNTEER_SERVICE_TYPE_NAMES,
  VOLUNTEER_SERVICE_TYPES
} from '../../../../services/volunteer'
import '../../components/volunteer.scss'
import { ActivityFilters } from '../../components/ActivityFilters'
import { ActivityMap } from '../../components/ActivityMap'
import { go, PAGES } from '../../components/nav'

/** 志愿服务: find activities by area, date, type, distance and places left, in a list or on a map; my record. */
export default function VolunteerIndexPage() {
  const [type, setType] = useState<string | undefined>(undefined)
  const [near, setNear] = useState<{ lat: number; lng: number } | null>(null)
  const [area, setArea] = useState<Division[]>([])
  const [date, setDate] = useState<string | undefined>(undefined)
  const [openOnly, setOpenOnly] = useState(false)
  const [view, setView] = useState<'list' | 'map'>('list')
  const [items, setItems] = useState<ActivityListItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const division = area.length ? divisionPrefix(area[area.length - 1].code) : undefined
  const filtered = Boolean(type || near || division || date || openOnly)

  // Choosing an area level by level starts a search per level: only the latest one's answer shows.
  const latest = useRef(0)
  const load = useCallback(async () => {
    const mine = ++latest.current
    setError(null)
    setItems(null)
    try {
      const found = await searchActivities({
        type,
        division,
        date,
        openOnly,
        ...(near ? { ...near, withinKm: 20 } : {})
      })
      if (mine === latest.current) setItems(found)
    } catch (e) {
      if (mine === latest.current) setError(messageOf(e))
    }
  }, [type, near, division, date, openOnly])
  useEffect(() => {
    void load()
  }, [load])

  async function nearMe() {
    const here = await Taro.getLocation({ type: 'gcj02' }).catch(() => null)
    if (!here) {
      Taro.showToast({ title: '未能获取您的位置，请允许定位后再试', icon: 'none' })
      return
    }
    setNear({ lat: here.latitude, lng: here.longitude })
  }

  function clearFilters() {
    setType(undefined)
    setNear(null)
    setArea([])
    setDate(undefined)
    setOpenOnly(false)
  }

  return (
    <PageShell className="vo-home">
      <View className="mz-section mz-card vo-actions">
        <Button type="primary" onClick={() => go(PAGES.record)}>
          我的志愿记录
        </Button>
        <Button onClick={() => go(PAGES.orgs)}>志愿服务组织</Button>
        <Button onClick={() => (near ? setNear(null) : void nearMe())}>{near ? '不限距离' : '附近的活动'}</Button>
      </View>
      <ActivityFilters
        area={area}
        onArea={setArea}
        date={date}
        onDate={setDate}
        openOnly={openOnly}
        onOpenOnly={setOpenOnly}
      />
      <View className="mz-section vo-tabs">
        <Text className={`vo-tab ${type ? '' : 'vo-tab--on'}`} onClick={() => setType(undefined)}>
          全部
        </Text>
        {VOLUNTEER_SERVICE_TYPES.map((t) => (
          <Text key={t} className={`vo-tab ${t === type ? 'vo-tab--on' : ''}`} onClick={() => setType(t)}>
            {VOLUNTEER_SERVICE_TYPE_NAMES[t]}
          </Text>
        ))}
      </View>
      <View className="mz-section vo-tabs vo-views">
        <Text className={`vo-tab ${view === 'list' ? 'vo-tab--on' : ''}`} onClick={() => setView('list')}>
          列表
        </Text>
        <Text className={`vo-tab ${view === 'map' ? 'vo-tab--on' : ''}`} onClick={() => setView('map')}>
          地图
        </Text>
      </View>
      {!items && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      ) : null}
      {items && items.length === 0 && filtered ? (
        <EmptyState
          title="没有符合条件的活动"
          description={openOnly ? '换个地区、日期或类型，或取消「只看有名额」试试' : '换个地区、日期或类型试试'}
        >
          <Button onClick={clearFilters}>清除筛选</Button>
        </EmptyState>
      ) : null}
      {items && items.length === 0 && !filtered ? <EmptyState title="暂无正在招募的志愿活动" /> : null}
      {items?.length && view === 'map' ? (
        <View className="mz-section">
          <ActivityMap items={items} me={near} onOpen={(id) => go(PAGES.activity(id))} />
        </View>
      ) : null}
      {(view === 'list' ? items : null)?.map((a) => (
        <View key={a.id} className="mz-section mz-card vo-card" onClick={() => go(PAGES.activity(a.id))}>
          <Text className="vo-title">{a.title}</Text>
          <Text className="vo-line">
            {a.typeName} · {a.statusName} · 剩余名额 {a.placesLeft}/{a.quota}
          </Text>
          <Text className="vo-line">
            时间：{beijingText(a.startsAt)} 至 {beijingText(a.endsAt)}
          </Text>
          <Text className="vo-line">
            地点：{a.address}
            {a.distanceM !== undefined ? `（约 ${(a.distanceM / 1000).toFixed(1)} 公里）` : ''}
          </Text>
          <Text className="vo-hint">{a.org?.name} · 查看详情并报名 ›</Text>
        </View>
      ))}
    </PageShell>
  )
}
