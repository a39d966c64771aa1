import { SearchBar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { AreaGrid } from '../../components/AreaGrid'
import { EmptyState } from '../../components/EmptyState'
import { HotlineCard } from '../../components/HotlineCard'
import { PageShell } from '../../components/PageShell'
import { AREAS } from '../../constants/areas'
import { useSite } from '../../hooks/site'
import './index.scss'

/** 首页: search, the ten service areas, the hotline. */
export default function HomePage() {
  const { site } = useSite()
  const [keyword, setKeyword] = useState('')
  const areas = useMemo(() => {
    const k = keyword.trim()
    return k ? AREAS.filter((a) => a.name.includes(k) || a.summary.includes(k)) : AREAS
  }, [keyword])

  return (
    <PageShell className="mz-home">
      <View className="mz-home__banner">
        <Text className="mz-home__title">{site.appName}</Text>
        <Text className="mz-home__subtitle">互联网+民政服务 · 让办事更便捷</Text>
        <View className="mz-home__search">
          <SearchBar
            shape="round"
            placeholder="搜索服务，如：养老、婚姻登记"
            value={keyword}
            onChange={setKeyword}
            onClear={() => setKeyword('')}
          />
        </View>
      </View>

      <View className="mz-section mz-card mz-home__areas">
        <View className="mz-section-title">民政服务</View>
        {areas.length ? (
          <AreaGrid areas={areas} />
        ) : (
          <EmptyState title="没有找到相关服务" description="换个词试试，或拨打热线咨询" />
        )}
      </View>

      <View className="mz-section">
        <HotlineCard />
      </View>

      <View className="mz-section mz-home__note">
        <Text className="mz-muted">服务时间：工作日 9:00–17:00，热线 24 小时受理</Text>
      </View>
    </PageShell>
  )
}
