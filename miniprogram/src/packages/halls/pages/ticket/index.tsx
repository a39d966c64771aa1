import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { cancelTicket, getTicket, type Ticket } from '../../../../services/halls'
import { Problem } from '../../components/Problem'
import '../../halls.scss'

const POLL_MS = 5000

/** 排队号: live position and expected wait, refreshed while the page is on screen. */
export default function TicketPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const [t, setT] = useState<Ticket | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)

  const load = () =>
    getTicket(id).then(
      (r) => setT(r.ticket),
      (e) => setError((e as Error).message)
    )
  useDidShow(() => {
    void load()
    timer.current = setInterval(() => void load(), POLL_MS)
  })
  useDidHide(() => {
    if (timer.current) clearInterval(timer.current)
  })

  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消排队号',
      content: '取消后需重新取号排队，确定取消吗？',
      confirmText: '确定取消',
      cancelText: '再等等'
    })
    if (!confirm) return
    setCancelling(true)
    try {
      const r = await cancelTicket(id)
      setT(r.ticket)
      Taro.showToast({ title: '已取消排队号', icon: 'none' })
    } catch {
      // the API client has shown the message
    } finally {
      setCancelling(false)
    }
  }

  if (error)
    return (
      <PageShell>
        <Problem title="未找到排队号" description={error} />
      </PageShell>
    )
  if (!t)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  return (
    <PageShell>
      <View className="mz-section mz-card" data-testid="ticket">
        <Text className="hl-label">
          {t.hallName} · {t.serviceName}
        </Text>
        <Text className="hl-big" data-testid="ticket-label">
          {t.label}
        </Text>
        <Text className="hl-code" data-testid="ticket-status">
          {t.statusText}
        </Text>
        {t.status === 'waiting' ? (
          <Text className="hl-text" data-testid="ticket-position">
            前面还有 {t.ahead} 位，预计等候约 {t.expectedWaitMinutes} 分钟
          </Text>
        ) : null}
        {t.lane !== 'normal' ? (
          <Text className="hl-rule">{t.lane === 'booked' ? '预约签到，优先叫号' : '优先通道'}</Text>
        ) : null}
        {/* Only a ticket still in the queue will be called: a finished or cancelled one promises nothing. */}
        {t.status === 'waiting' ? (
          <Text className="hl-rule" data-testid="ticket-reminder">
            快轮到您时（前面还有3位）会发消息提醒。
          </Text>
        ) : null}
      </View>
      {t.status === 'waiting' ? (
        <View className="mz-section">
          <Button block loading={cancelling} onClick={() => void cancel()} data-testid="ticket-cancel">
            取消排队号
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
