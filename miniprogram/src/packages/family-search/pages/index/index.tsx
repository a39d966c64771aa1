import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { HotlineCard } from '../../../../components/HotlineCard'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import { type FamilyNotice, listFamilyNotices } from '../../../../services/family-search'
import { API_BASE } from '../../../../services/request'
import './index.scss'

const SEXES = [
  { key: '', label: '全部' },
  { key: 'male', label: '男' },
  { key: 'female', label: '女' }
] as const

/** 救助寻亲: the 寻亲公告 of people in stations' care, filtered by sex; each with the station to call. */
export default function FamilySearchIndexPage() {
  const [sex, setSex] = useState<string>('')
  const [items, setItems] = useState<FamilyNotice[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setItems(null)
    setError(null)
    try {
      setItems((await listFamilyNotices(sex ? { sex } : {})).items)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [sex])

  useEffect(() => {
    void load()
  }, [load])

  return (
    <PageShell className="mz-family">
      <View className="mz-section">
        <View className="mz-section-title">寻亲公告</View>
        <Text className="mz-muted">以下人员正在救助管理站受助，如您认识，请联系救助管理站。</Text>
        <View className="mz-family__filters">
          {SEXES.map((s) => (
            <Button key={s.key} size="small" type={sex === s.key ? 'primary' : 'default'} onClick={() => setSex(s.key)}>
              {s.label}
            </Button>
          ))}
        </View>
      </View>
      {error ? (
        <EmptyState title="寻亲公告暂时无法加载" description={error}>
          <Button size="small" onClick={() => void load()}>
            重试
          </Button>
        </EmptyState>
      ) : items === null ? (
        <LoadingBlock />
      ) : items.length === 0 ? (
        <EmptyState title="暂无寻亲公告" description="没有符合条件的寻亲公告" />
      ) : (
        items.map((n) => (
          <View key={n.id} className="mz-section mz-card mz-family__card" data-testid="family-notice">
            {n.photo ? <Image className="mz-family__photo" src={`${API_BASE}${n.photo}`} mode="aspectFill" /> : null}
            <View className="mz-family__body">
              <Text className="mz-family__title">
                {n.sexLabel}，{n.ageRange}
                {n.accent ? `，${n.accent}` : ''}
              </Text>
              <Text className="mz-muted">
                {n.foundDate} 发现于 {n.foundPlace}
              </Text>
              {n.features ? <Text>体貌特征：{n.features}</Text> : null}
              <Text className="mz-family__status">{n.statusLabel}</Text>
              <Text>
                {n.station.name}：{n.station.contact}
              </Text>
            </View>
          </View>
        ))
      )}
      <View className="mz-section mz-card" data-testid="search-entry">
        <Text>家人走失了？登记走失家人的特征，系统按相似程度为您查找寻亲公告，有新的相近公告时通知您。</Text>
        <Button
          size="small"
          type="primary"
          onClick={() => void Taro.navigateTo({ url: '/packages/family-search/pages/search/index' })}
        >
          寻找走失家人
        </Button>
      </View>
      <View className="mz-section mz-card" data-testid="wanderers-entry">
        <Text>家中有失智、智力或精神障碍的亲人？事先登记，走失后救助管理站能更快联系到您。</Text>
        <Button
          size="small"
          type="primary"
          onClick={() => void Taro.navigateTo({ url: '/packages/family-search/pages/wanderers/index' })}
        >
          登记易走失家人
        </Button>
      </View>
      <View className="mz-section">
        <HotlineCard />
      </View>
    </PageShell>
  )
}
