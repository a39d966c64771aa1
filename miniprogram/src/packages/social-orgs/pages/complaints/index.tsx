import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { useCallback, useRef } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { COMPLAINT_CATEGORIES, myComplaints, type ComplaintListItem } from '../../../../services/social-orgs'
import { ComplaintSteps } from '../../components/ComplaintSteps'
import { LoadMore } from '../../components/LoadMore'
import { formatDate, go, PAGES } from '../../components/nav'
import { usePaged } from '../../hooks/usePaged'
import './index.scss'

/** 我的投诉: the citizen's complaints, newest first, each with where it stands. */
export default function MyComplaintsPage() {
  const { user, status } = useAuth()
  const fetch = useCallback((page: number) => myComplaints(page, 10), [])
  const list = usePaged<ComplaintListItem>(`mine:${user?.id ?? ''}`, fetch, !!user)
  useReachBottom(() => list.loadMore())
  // coming back from a complaint's page: its status may have moved on
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && user) list.reload()
    shown.current = true
  })

  return (
    <PageShell className="so-mine">
      {status === 'loading' || list.loading ? <LoadingBlock /> : null}
      {status === 'error' && !user ? (
        <View className="mz-section mz-card">
          <EmptyState icon="user" title="登录后查看我的投诉" />
        </View>
      ) : null}
      {user && !list.loading && list.error && !list.items.length ? (
        <View className="mz-section mz-card">
          <EmptyState title="加载失败" description={list.error}>
            <Button type="primary" size="small" onClick={list.reload}>
              重试
            </Button>
          </EmptyState>
        </View>
      ) : null}
      {user && !list.loading && !list.error && !list.items.length ? (
        <View className="mz-section mz-card" data-testid="empty">
          <EmptyState title="暂无投诉记录" description="发现社会组织违法违规线索，可在组织详情页投诉举报">
            <Button type="primary" size="small" onClick={() => go(PAGES.search)}>
              查询社会组织
            </Button>
          </EmptyState>
        </View>
      ) : null}
      {list.items.length ? (
        <View className="mz-section">
          {list.items.map((c) => (
            <View
              key={c.trackingNo}
              className="mz-card so-mine__item"
              data-tracking={c.trackingNo}
              onClick={() => go(PAGES.complaint(c.trackingNo))}
            >
              <View className="so-mine__head">
                <Text className="so-mine__target">{c.targetName}</Text>
                <Text className={`so-mine__status so-mine__status--${c.status}`}>{c.statusName}</Text>
              </View>
              <Text className="so-mine__meta">
                {COMPLAINT_CATEGORIES[c.category] ?? c.category} · {formatDate(c.submittedAt)} · {c.trackingNo}
              </Text>
              <ComplaintSteps status={c.status} />
              <Text className="so-mine__more">查看详情与答复 ›</Text>
            </View>
          ))}
          <LoadMore
            loading={list.loadingMore}
            done={list.done}
            error={list.error}
            count={list.items.length}
            onMore={list.loadMore}
          />
        </View>
      ) : null}
    </PageShell>
  )
}
