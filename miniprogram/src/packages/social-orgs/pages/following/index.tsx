import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { myFollowing, type OrgListItem } from '../../../../services/social-orgs'
import { OrgCard } from '../../components/OrgCard'

/** 我的关注: the organizations the citizen follows (credit changes are notified); each opens its profile. */
export default function FollowingPage() {
  const [items, setItems] = useState<OrgListItem[] | null>(null)
  const [failed, setFailed] = useState(false)
  useDidShow(() => {
    myFollowing().then(
      (r) => {
        setFailed(false)
        setItems(r.items)
      },
      () => {
        setFailed(true)
        setItems([])
      }
    )
  })
  return (
    <PageShell>
      <View className="mz-section" data-testid="my-following">
        {!items ? <LoadingBlock /> : null}
        {items && !items.length ? (
          <View className="mz-card">
            <EmptyState
              title={failed ? '暂时无法加载' : '还没有关注的社会组织'}
              description={failed ? '请稍后再进入本页。' : '在社会组织详情页点「关注」，信用状态变化时会通知您。'}
            />
          </View>
        ) : null}
        {items?.map((org) => (
          <OrgCard key={org.uscc} org={org} />
        ))}
      </View>
    </PageShell>
  )
}
