import { Button } from '@nutui/nutui-react-taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import { type MyHelpRequestView, myRequests, rate } from '../../../../services/social-work'
import '../../components/social-work.scss'
import { dateText, go, PAGES } from '../../components/nav'

function Rating({ item, onRated }: { item: MyHelpRequestView; onRated(v: MyHelpRequestView): void }) {
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  async function send() {
    if (!stars) {
      setNotice('请选择评分')
      return
    }
    try {
      onRated(await rate(item.id, stars, comment.trim()))
    } catch (e) {
      setNotice(messageOf(e))
    }
  }
  return (
    <View className="sw-card">
      <Text className="sw-line">为本次服务评分：</Text>
      <View className="sw-actions">
        {[1, 2, 3, 4, 5].map((n) => (
          <Text key={n} className={`sw-star ${n <= stars ? 'sw-star--on' : ''}`} onClick={() => setStars(n)}>
            ★
          </Text>
        ))}
      </View>
      <Textarea
        className="sw-textarea"
        value={comment}
        maxlength={200}
        placeholder="说说您的感受（选填）"
        onInput={(e) => setComment(e.detail.value)}
      />
      {notice ? <Text className="sw-warn">{notice}</Text> : null}
      <Button type="primary" size="small" onClick={() => void send()}>
        提交评价
      </Button>
    </View>
  )
}

/** My requests for help: where each stands, the steps so far, and a rating once it is closed. */
export default function SocialWorkRequestsPage() {
  const [items, setItems] = useState<MyHelpRequestView[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      setItems(await myRequests())
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  if (error)
    return (
      <PageShell>
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      </PageShell>
    )
  if (!items)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  if (!items.length)
    return (
      <PageShell>
        <EmptyState title="您还没有求助记录" description="遇到困难时，可以向所在乡镇（街道）的社工站求助">
          <Button type="primary" onClick={() => go(PAGES.home)}>
            查看社工站
          </Button>
        </EmptyState>
      </PageShell>
    )
  const replace = (v: MyHelpRequestView) => setItems(items.map((x) => (x.id === v.id ? v : x)))
  return (
    <PageShell className="sw-requests">
      {items.map((r) => (
        <View key={r.id} className="mz-section mz-card sw-card">
          <Text className="sw-title">
            {r.categoryName} · {r.statusName}
          </Text>
          <Text className="sw-hint">
            编号 {r.number} · {dateText(r.createdAt)} 提交
          </Text>
          <Text className="sw-line">{r.description}</Text>
          <Text className="sw-line">
            {r.stationName}
            {r.workerName ? ` · ${r.workerName}` : ''} · 电话 {r.stationPhone}
          </Text>
          {r.steps.map((s) => (
            <Text key={`${s.at}${s.label}`} className="sw-step">
              {dateText(s.at)} {s.label}
            </Text>
          ))}
          {r.closingSummary ? <Text className="sw-line">结案小结：{r.closingSummary}</Text> : null}
          {r.rating ? (
            <Text className="sw-ok">
              您的评价：{'★'.repeat(r.rating)}
              {r.ratingComment ? ` ${r.ratingComment}` : ''}
            </Text>
          ) : null}
          {r.canRate ? <Rating item={r} onRated={replace} /> : null}
        </View>
      ))}
    </PageShell>
  )
}
