import { Button, SearchBar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { PageShell } from '../../../../components/PageShell'
import { searchKnowledge, type KnowledgeItem } from '../../../../services/halls'
import '../../../halls/halls.scss'

const SERVICES = [
  { code: 'MZ-HY-01', name: '结婚登记' },
  { code: 'MZ-HY-02', name: '离婚登记' },
  { code: 'MZ-HY-03', name: '补领婚姻登记证' }
]

/** 婚姻服务: book a registration at a nearby office, and the 婚姻知识信息库 with keyword search. */
export default function MarriageIndexPage() {
  const [q, setQ] = useState('')
  const [items, setItems] = useState<KnowledgeItem[] | null>(null)
  const search = (words: string) =>
    searchKnowledge(words.trim()).then(
      (r) => setItems(r.items),
      () => setItems([])
    )
  useEffect(() => {
    void search('')
  }, [])

  return (
    <PageShell>
      <View className="hl-head">
        <Text className="hl-head__name">婚姻服务</Text>
        <Text className="hl-head__sub">全国通办 · 免费 · 预约办理，最多跑一次</Text>
      </View>
      <View className="mz-section mz-card" data-testid="marriage-services">
        {SERVICES.map((s) => (
          <View key={s.code} className="hl-row">
            <View
              className="hl-row__main"
              onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/service/index?code=${s.code}` })}
            >
              <Text className="hl-row__title">{s.name}</Text>
              <Text className="hl-row__desc">办事指南、材料清单 ›</Text>
            </View>
            <Button
              size="small"
              type="primary"
              onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/list/index?service=${s.code}` })}
            >
              选登记处预约
            </Button>
          </View>
        ))}
        <View className="hl-row" onClick={() => Taro.navigateTo({ url: '/packages/halls/pages/invitation/index' })}>
          <Text className="hl-row__title">我收到了预约邀请码</Text>
          <Text className="hl-link">去确认 ›</Text>
        </View>
        <View className="hl-row" onClick={() => Taro.navigateTo({ url: '/packages/halls/pages/my-bookings/index' })}>
          <Text className="hl-row__title">我的预约</Text>
          <Text className="hl-link">›</Text>
        </View>
      </View>
      <View className="mz-section">
        <View className="mz-section-title">婚姻知识信息库</View>
        <SearchBar
          shape="round"
          placeholder="搜索：冷静期、材料、补办结婚证…"
          value={q}
          maxLength={50}
          onChange={setQ}
          onSearch={(v) => void search(v)}
        />
        <View className="mz-card" data-testid="knowledge">
          {items && !items.length ? <EmptyState title="没有找到相关内容" description="换个关键词试试" /> : null}
          {items?.map((k) => (
            <View
              key={k.id}
              className="hl-row"
              onClick={() => Taro.navigateTo({ url: `/packages/marriage/pages/knowledge/index?id=${k.id}` })}
            >
              <View className="hl-row__main">
                <Text className="hl-row__title">
                  {k.kind === 'faq' ? '问：' : ''}
                  {k.title}
                </Text>
                <Text className="hl-row__desc">{k.summary}</Text>
              </View>
            </View>
          ))}
        </View>
      </View>
    </PageShell>
  )
}
