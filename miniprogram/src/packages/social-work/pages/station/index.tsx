import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import { type StationPage, station } from '../../../../services/social-work'
import '../../components/social-work.scss'
import { go, PAGES, pageParam } from '../../components/nav'

/** A 社工站: what it offers, hours and address, its social workers and projects; ask it for help. */
export default function SocialWorkStationPage() {
  const id = Number(pageParam('id'))
  const [s, setS] = useState<StationPage | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    if (!Number.isInteger(id) || id <= 0) {
      setError('链接有误，请从社工站列表进入')
      return
    }
    try {
      setS(await station(id))
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
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      </PageShell>
    )
  if (!s)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  return (
    <PageShell className="sw-station">
      <View className="mz-section mz-card sw-card">
        <Text className="sw-title">{s.name}</Text>
        {s.description ? <Text className="sw-line">{s.description}</Text> : null}
        <Text className="sw-line">服务内容：{s.serviceNames.join('、')}</Text>
        <Text className="sw-line">服务时间：{s.officeHours}</Text>
        <Text className="sw-line">地址：{s.address}</Text>
        <Text className="sw-line" onClick={() => void Taro.makePhoneCall({ phoneNumber: s.phone }).catch(() => {})}>
          电话：{s.phone}（点击拨打）
        </Text>
        {s.operator ? <Text className="sw-hint">运营机构：{s.operator.name}</Text> : null}
      </View>
      <View className="mz-section mz-card sw-actions">
        <Button type="primary" onClick={() => go(PAGES.ask(s))}>
          向本站求助
        </Button>
      </View>
      <View className="mz-section mz-card sw-card">
        <Text className="sw-title">本站社工（{s.workers.length}人）</Text>
        {s.workers.length === 0 ? <Text className="sw-hint">暂未公布</Text> : null}
        {s.workers.map((w) => (
          <Text key={w.id} className="sw-line">
            {w.name} · {w.levelName}
            {w.registered ? '' : '（待登记）'}
          </Text>
        ))}
      </View>
      {s.projects.length ? (
        <View className="mz-section mz-card sw-card">
          <Text className="sw-title">本站项目</Text>
          {s.projects.map((p) => (
            <Text key={p.id} className="sw-line">
              {p.title}（{p.startsOn} 起）
            </Text>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
