import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import {
  NEED_CATEGORIES,
  NEED_CATEGORY_NAMES,
  type NeedCategory,
  projects,
  type SocialWorkProjectView,
  type SocialWorkStationView,
  stations
} from '../../../../services/social-work'
import '../../components/social-work.scss'
import { go, PAGES } from '../../components/nav'

/** 社会工作: 乡镇/街道社工站 by what they offer and distance, my requests, projects. */
export default function SocialWorkIndexPage() {
  const [category, setCategory] = useState<NeedCategory | undefined>(undefined)
  const [near, setNear] = useState<{ lat: number; lng: number } | null>(null)
  const [items, setItems] = useState<SocialWorkStationView[] | null>(null)
  const [list, setList] = useState<SocialWorkProjectView[]>([])
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    setItems(null)
    try {
      setItems(await stations({ category, ...(near ?? {}) }))
      setList(await projects())
    } catch (e) {
      setError(messageOf(e))
    }
  }, [category, near])
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

  return (
    <PageShell className="sw-home">
      <View className="mz-section mz-card sw-actions">
        <Button type="primary" onClick={() => go(PAGES.requests)}>
          我的求助
        </Button>
        <Button onClick={() => (near ? setNear(null) : void nearMe())}>{near ? '不限距离' : '离我最近'}</Button>
      </View>
      <View className="mz-section sw-tabs">
        <Text className={`sw-tab ${category ? '' : 'sw-tab--on'}`} onClick={() => setCategory(undefined)}>
          全部
        </Text>
        {NEED_CATEGORIES.map((c) => (
          <Text key={c} className={`sw-tab ${c === category ? 'sw-tab--on' : ''}`} onClick={() => setCategory(c)}>
            {NEED_CATEGORY_NAMES[c]}
          </Text>
        ))}
      </View>
      {!items && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      ) : null}
      {items && items.length === 0 ? (
        <EmptyState title="暂无社工站" description="您所在的地区暂未公布社工站，可拨打12345或联系当地民政部门" />
      ) : null}
      {items?.map((s) => (
        <View key={s.id} className="mz-section mz-card sw-card" onClick={() => go(PAGES.station(s.id))}>
          <Text className="sw-title">{s.name}</Text>
          <Text className="sw-line">服务：{s.serviceNames.join('、')}</Text>
          <Text className="sw-line">
            地址：{s.address}
            {s.distanceM !== null ? `（约 ${(s.distanceM / 1000).toFixed(1)} 公里）` : ''}
          </Text>
          <Text className="sw-hint">
            社工 {s.workerCount} 人 · {s.officeHours} · 查看并求助 ›
          </Text>
        </View>
      ))}
      {list.length ? (
        <View className="mz-section mz-card sw-card">
          <Text className="sw-title">社会工作项目</Text>
          {list.slice(0, 10).map((p) => (
            <View key={p.id} className="sw-card">
              <Text className="sw-line">
                {p.title}（{p.categoryName}）
              </Text>
              <Text className="sw-hint">目标：{p.goals}</Text>
              {p.results ? <Text className="sw-hint">成效：{p.results}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
