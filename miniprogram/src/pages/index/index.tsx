import { SearchBar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { AreaGrid } from '../../components/AreaGrid'
import { HotlineCard } from '../../components/HotlineCard'
import { PageShell } from '../../components/PageShell'
import { SearchResults } from '../../components/SearchResults'
import { AREAS } from '../../constants/areas'
import { useSite } from '../../hooks/site'
import { searchEverything, type SearchView } from '../../services/search'
import './index.scss'

/** Typing pauses this long before the search asks the server. */
const DEBOUNCE_MS = 300

/** 首页: one search over every area's services, items, halls and articles; the ten areas; the hotline. */
export default function HomePage() {
  const { site } = useSite()
  const [keyword, setKeyword] = useState('')
  const [view, setView] = useState<SearchView | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const asked = useRef(0)
  const q = keyword.trim()

  const run = (text: string) => {
    const n = ++asked.current
    setLoading(true)
    setError(null)
    searchEverything(text).then(
      (answer) => {
        if (n !== asked.current) return
        setView(answer)
        setLoading(false)
      },
      (e: Error) => {
        if (n !== asked.current) return
        setView(null)
        setError(e.message || '网络不太顺畅，请稍后再试')
        setLoading(false)
      }
    )
  }

  useEffect(() => {
    if (!q) {
      asked.current++
      setView(null)
      setError(null)
      setLoading(false)
      return
    }
    const timer = setTimeout(() => run(q), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [q])

  return (
    <PageShell className="mz-home">
      <View className="mz-home__banner">
        <Text className="mz-home__title">{site.appName}</Text>
        <Text className="mz-home__subtitle">互联网+民政服务 · 让办事更便捷</Text>
        <View className="mz-home__search">
          <SearchBar
            shape="round"
            placeholder="搜索服务、事项、材料、大厅，如：结婚"
            value={keyword}
            maxLength={30}
            onChange={setKeyword}
            onSearch={(v) => v.trim() && run(v.trim())}
            onClear={() => setKeyword('')}
          />
        </View>
      </View>

      {q ? (
        <View className="mz-section mz-home__results">
          <SearchResults view={view} loading={loading} error={error} onRetry={() => run(q)} />
        </View>
      ) : (
        <View className="mz-section mz-card mz-home__areas">
          <View className="mz-section-title">民政服务</View>
          <AreaGrid areas={AREAS} />
        </View>
      )}

      <View className="mz-section">
        <HotlineCard />
      </View>

      <View className="mz-section mz-home__note">
        <Text className="mz-muted">服务时间：工作日 9:00–17:00，热线 24 小时受理</Text>
      </View>
    </PageShell>
  )
}
