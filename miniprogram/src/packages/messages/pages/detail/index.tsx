import { Button } from '@nutui/nutui-react-taro'
import Taro, { useLoad } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  getMessage,
  markRead,
  NOTICE_KINDS,
  refreshMessagesBadge,
  type MessageDetail
} from '../../../../services/notices'
import { openPageLink } from '../../../../utils/link'
import { formatTime } from '../../../../utils/time'
import './index.scss'

/** One notice: what it says, how it reached me through WeChat, and the page it concerns. */
export default function MessageDetailPage() {
  const [message, setMessage] = useState<MessageDetail | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async (params: Record<string, string | undefined>) => {
    const id = Number(params.id)
    if (!Number.isInteger(id) || id <= 0) {
      setError('消息不存在')
      return
    }
    try {
      const m = await getMessage(id)
      setMessage(m)
      if (!m.read) {
        await markRead(id)
        setMessage({ ...m, read: true })
        void refreshMessagesBadge()
      }
    } catch (e) {
      setError(messageOf(e))
    }
  }

  useLoad((params) => void load({ ...(Taro.getCurrentInstance()?.router?.params ?? {}), ...params }))

  return (
    <PageShell className="mz-message-detail">
      {!message && !error ? <LoadingBlock /> : null}
      {error ? (
        <View className="mz-section mz-card">
          <EmptyState icon="bell" title="无法查看这条消息" description={error} />
        </View>
      ) : null}
      {message ? (
        <View className="mz-section mz-card" data-testid="message-detail">
          <Text className="mz-message-detail__title">{message.title}</Text>
          <View className="mz-message-detail__meta">
            <Text>{NOTICE_KINDS[message.kind] ?? '通知'}</Text>
            <Text>{formatTime(message.createdAt)}</Text>
          </View>
          <Text className="mz-message-detail__body">{message.body}</Text>
          {message.delivery ? (
            <View className="mz-message-detail__delivery" data-testid="delivery">
              <Text>{DELIVERY_CHANNELS[message.delivery.channel] ?? '微信消息'}</Text>
              <Text className={`mz-message-detail__status mz-message-detail__status--${message.delivery.status}`}>
                {DELIVERY_STATUSES[message.delivery.status] ?? message.delivery.status}
              </Text>
            </View>
          ) : null}
          {message.link ? (
            <View className="mz-message-detail__action">
              <Button type="primary" block onClick={() => void openPageLink(message.link!)}>
                查看办理详情
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}
