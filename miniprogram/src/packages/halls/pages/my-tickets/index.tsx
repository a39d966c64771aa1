import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { myTickets, type Ticket } from '../../../../services/halls'
import '../../halls.scss'

/** 我的取号: today's queue tickets, the ones still in the queue first; each opens the ticket. */
export default function MyTicketsPage() {
  const [items, setItems] = useState<Ticket[] | null>(null)
  const [failed, setFailed] = useState(false)
  useDidShow(() => {
    myTickets().then(
      (r) => {
        setFailed(false)
        const live = (t: Ticket) => (['waiting', 'called', 'serving'].includes(t.status) ? 0 : 1)
        setItems([...r.items].sort((a, b) => live(a) - live(b)))
      },
      () => {
        setFailed(true)
        setItems([])
      }
    )
  })

  return (
    <PageShell>
      <View className="mz-section">
        {!items ? <LoadingBlock /> : null}
        {items && !items.length ? (
          <View className="mz-card">
            <EmptyState
              title={failed ? '暂时无法加载' : '今天还没有取号'}
              description={failed ? '请稍后再进入本页。' : '到服务大厅现场扫码或在大厅页面选择事项即可取号。'}
            />
          </View>
        ) : null}
        {items?.length ? (
          <View className="mz-card" data-testid="my-tickets">
            {items.map((t) => (
              <View
                key={t.id}
                className={`hl-row${t.status === 'waiting' || t.status === 'called' ? '' : ' hl-row--off'}`}
                data-ticket={t.id}
                onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/ticket/index?id=${t.id}` })}
              >
                <View className="hl-row__main">
                  <Text className="hl-row__title">
                    {t.label} · {t.serviceName}
                  </Text>
                  <Text className="hl-row__desc">
                    {t.hallName}
                    {t.status === 'waiting' ? ` · 前面还有 ${t.ahead} 位` : ''}
                  </Text>
                </View>
                <Text
                  className={`hl-status hl-status--${t.status === 'waiting' || t.status === 'called' || t.status === 'serving' ? 'active' : t.status === 'done' ? 'done' : 'off'}`}
                  data-status={t.status}
                >
                  {t.statusText} ›
                </Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
