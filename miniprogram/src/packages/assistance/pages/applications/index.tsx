import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { type CaseSummary, type CurrentStage, myApplications } from '../../../../services/assistance'
import { messageOf } from '../../../../services/errors'
import '../../components/assistance.scss'
import { beijingDate, go, PAGES } from '../../components/nav'

type Item = CaseSummary & { current: CurrentStage }

/** 我的救助申请: every application of mine, newest first, with its current stage. */
export default function MyApplicationsPage() {
  const { user, status } = useAuth()
  const [items, setItems] = useState<Item[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(async () => {
    setError(null)
    try {
      setItems((await myApplications()).items)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    if (user) void load()
  }, [user, load])
  useDidShow(() => {
    if (user && items) void load()
  })

  return (
    <PageShell className="as-applications">
      {status === 'loading' || (user && !items && !error) ? <LoadingBlock /> : null}
      {status === 'error' && !user ? (
        <View className="mz-section mz-card">
          <EmptyState icon="user" title="登录后查看我的申请" />
        </View>
      ) : null}
      {error ? (
        <View className="mz-section mz-card" data-testid="error">
          <EmptyState title="加载失败" description={error}>
            <Button type="primary" size="small" onClick={load}>
              重试
            </Button>
          </EmptyState>
        </View>
      ) : null}
      {items && !items.length ? (
        <View className="mz-section mz-card" data-testid="empty">
          <EmptyState title="暂无救助申请" description="符合条件的家庭可以在线申请低保、特困供养和临时救助">
            <Button type="primary" size="small" onClick={() => go(PAGES.apply)}>
              我要申请
            </Button>
          </EmptyState>
        </View>
      ) : null}
      {items?.length ? (
        <View className="mz-section">
          {items.map((c) => (
            <View
              key={c.number}
              className="mz-card as-list__item"
              data-number={c.number}
              onClick={() => go(PAGES.case(c.number))}
            >
              <Text className="as-list__title">{c.typeName}</Text>
              <Text className="as-list__meta">
                {c.number} · {beijingDate(c.createdAt)}申请
              </Text>
              <Text className="as-list__meta">
                {c.status === 'open' ? `当前环节：${c.current.stageName}` : c.statusName}
                {c.status === 'open' && c.current.overdue ? ' · 已超过办理时限' : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
