import { Button } from '@nutui/nutui-react-taro'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { LoadingBlock } from '../../components/LoadingBlock'
import { PageShell } from '../../components/PageShell'
import { messageOf } from '../../services/errors'
import {
  listMessages,
  markAllRead,
  markRead,
  NOTICE_KINDS,
  refreshMessagesBadge,
  type Message
} from '../../services/notices'
import { formatTime } from '../../utils/time'
import './index.scss'

const PAGE_SIZE = 20

/** 消息: the notices sent to me (newest first), unread marked, with the tab's badge kept in step. */
export default function MessagesPage() {
  const [items, setItems] = useState<Message[] | null>(null)
  const [total, setTotal] = useState(0)
  const [unread, setUnread] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)

  const load = useCallback(async () => {
    try {
      const page = await listMessages(1, PAGE_SIZE)
      setItems(page.items)
      setTotal(page.total)
      setUnread(page.unread)
      setError(null)
      void refreshMessagesBadge(page.unread)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])

  // Every time the tab shows: a notice may have arrived, or been read on the detail page.
  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh?.()))

  const more = async () => {
    if (!items || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await listMessages(Math.floor(items.length / PAGE_SIZE) + 1, PAGE_SIZE)
      const seen = new Set(items.map((m) => m.id))
      setItems([...items, ...page.items.filter((m) => !seen.has(m.id))])
      setTotal(page.total)
    } catch {
      // the request layer has shown the toast
    } finally {
      setLoadingMore(false)
    }
  }

  const open = async (m: Message) => {
    if (!m.read) {
      setItems((list) => list?.map((x) => (x.id === m.id ? { ...x, read: true } : x)) ?? null)
      const left = Math.max(0, unread - 1)
      setUnread(left)
      void refreshMessagesBadge(left)
      void markRead(m.id).catch(() => undefined)
    }
    await Taro.navigateTo({ url: `/packages/messages/pages/detail/index?id=${m.id}` })
  }

  const readAll = async () => {
    try {
      await markAllRead()
      setItems((list) => list?.map((x) => ({ ...x, read: true })) ?? null)
      setUnread(0)
      void refreshMessagesBadge(0)
      void Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch {
      // the request layer has shown the toast
    }
  }

  return (
    <PageShell className="mz-messages">
      <View className="mz-messages__bar">
        <Text className="mz-messages__count" data-testid="unread-count">
          {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
        </Text>
        <View className="mz-messages__actions">
          {unread > 0 ? (
            <Button size="small" fill="outline" type="primary" onClick={() => void readAll()}>
              全部已读
            </Button>
          ) : null}
          <Button
            size="small"
            fill="none"
            onClick={() => void Taro.navigateTo({ url: '/packages/messages/pages/settings/index' })}
          >
            通知设置
          </Button>
        </View>
      </View>

      {items === null && !error ? <LoadingBlock text="正在加载消息…" /> : null}

      {error && items === null ? (
        <View className="mz-section mz-card">
          <EmptyState icon="bell" title="消息加载失败" description={error}>
            <Button type="primary" onClick={() => void load()}>
              重试
            </Button>
          </EmptyState>
        </View>
      ) : null}

      {items && items.length === 0 ? (
        <View className="mz-section mz-card">
          <EmptyState icon="bell" title="暂无消息" description="预约、办件和投诉的进度，以及政策通知会显示在这里" />
        </View>
      ) : null}

      {items && items.length > 0 ? (
        <View className="mz-section mz-messages__list" data-testid="message-list">
          {items.map((m) => (
            <View
              key={m.id}
              className={`mz-card mz-message ${m.read ? '' : 'mz-message--unread'}`}
              data-testid="message-item"
              data-read={m.read ? 'true' : 'false'}
              onClick={() => void open(m)}
            >
              <View className="mz-message__head">
                {m.read ? null : <View className="mz-message__dot" />}
                <Text className="mz-message__title">{m.title}</Text>
              </View>
              <Text className="mz-message__body">{m.body}</Text>
              <View className="mz-message__meta">
                <Text>{NOTICE_KINDS[m.kind] ?? '通知'}</Text>
                <Text>{formatTime(m.createdAt)}</Text>
              </View>
            </View>
          ))}
          {items.length < total ? (
            <View className="mz-messages__more">
              <Button fill="none" loading={loadingMore} onClick={() => void more()}>
                加载更多
              </Button>
            </View>
          ) : (
            <Text className="mz-messages__end mz-muted">没有更多了</Text>
          )}
        </View>
      ) : null}
    </PageShell>
  )
}
