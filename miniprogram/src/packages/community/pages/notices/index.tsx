import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import {
  COMMUNITY_NOTICE_CATEGORIES,
  COMMUNITY_NOTICE_CATEGORY_NAMES,
  type CommunityNoticeCategory,
  type CommunityNoticeView,
  communityNotices
} from '../../../../services/community'
import { messageOf } from '../../../../services/errors'
import '../../components/community.scss'
import { codeParam, day, go, PAGES } from '../../components/nav'

/** 居务/村务公开 of one community, newest first, by category (财务, 救助公示, 选举, 项目, 其他). */
export default function CommunityNoticesPage() {
  const code = codeParam()
  const [category, setCategory] = useState<CommunityNoticeCategory | undefined>(undefined)
  const [items, setItems] = useState<CommunityNoticeView[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    setItems(null)
    if (!code) {
      setError('链接有误：请从村/社区页面进入')
      return
    }
    try {
      setItems(await communityNotices(code, category))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [code, category])
  useEffect(() => {
    void load()
  }, [load])

  return (
    <PageShell className="cm-notices">
      <View className="mz-section cm-tabs">
        <Text className={`cm-tab ${category ? '' : 'cm-tab--on'}`} onClick={() => setCategory(undefined)}>
          全部
        </Text>
        {COMMUNITY_NOTICE_CATEGORIES.map((c) => (
          <Text key={c} className={`cm-tab ${c === category ? 'cm-tab--on' : ''}`} onClick={() => setCategory(c)}>
            {COMMUNITY_NOTICE_CATEGORY_NAMES[c]}
          </Text>
        ))}
      </View>
      {!items && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          {code ? <Button onClick={() => void load()}>重试</Button> : null}
        </EmptyState>
      ) : null}
      {items && !items.length ? (
        <EmptyState
          title="暂无公开事项"
          description={
            category ? `本村/社区暂未发布${COMMUNITY_NOTICE_CATEGORY_NAMES[category]}` : '本村/社区暂未发布公开事项'
          }
        />
      ) : null}
      {items?.map((n) => (
        <View key={n.id} className="mz-section mz-card cm-card cm-notice" onClick={() => go(PAGES.notice(n.id))}>
          <View>
            <Text className="cm-tag">{n.categoryLabel}</Text>
            <Text className="cm-title">{n.title}</Text>
          </View>
          <Text className="cm-hint">
            {day(n.publishedAt)}
            {n.attachments.length ? ` · 附件${n.attachments.length}个` : ''}
          </Text>
        </View>
      ))}
    </PageShell>
  )
}
