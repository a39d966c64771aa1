import { SearchBar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { PageShell } from '../../../../components/PageShell'
import { searchServices, type ServiceSummary } from '../../../../services/halls'
import '../../halls.scss'

/** 办事事项: search the catalogue by everyday words (结婚证丢了, 低保…), or browse one area. */
export default function CataloguePage() {
  const { params } = useRouter()
  const [input, setInput] = useState(params.q ? decodeURIComponent(params.q) : '')
  const [items, setItems] = useState<ServiceSummary[] | null>(null)
  const area = params.area && /^[a-z-]{2,20}$/.test(params.area) ? params.area : undefined

  const search = (q: string) =>
    searchServices({ q: q.trim() || undefined, area }).then(
      (r) => setItems(r.items),
      () => setItems([])
    )
  useEffect(() => {
    void search(input)
  }, [])

  return (
    <PageShell>
      <View className="mz-section">
        <SearchBar
          shape="round"
          placeholder="搜索事项，如：结婚登记、低保"
          value={input}
          maxLength={50}
          onChange={setInput}
          onSearch={(v) => void search(v)}
        />
      </View>
      <View className="mz-section">
        {items && !items.length ? (
          <View className="mz-card">
            <EmptyState title="没有找到相关事项" description="换个说法试试，或拨打服务热线咨询。" />
          </View>
        ) : null}
        {items?.length ? (
          <View className="mz-card" data-testid="catalogue">
            {items.map((s) => (
              <View
                key={s.code}
                className="hl-row"
                onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/service/index?code=${s.code}` })}
              >
                <View className="hl-row__main">
                  <Text className="hl-row__title">{s.name}</Text>
                  <Text className="hl-row__desc">
                    {s.areaName} · {s.visits <= 1 ? '最多跑一次' : `到场${s.visits}次`} · {s.promisedLimit}
                    {s.bookable ? ' · 可预约' : ''}
                  </Text>
                </View>
                <Text className="hl-link">›</Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
