import { Button } from '@nutui/nutui-react-taro'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { isApiError, messageOf } from '../../../../services/errors'
import { PAGES as SHARED_PAGES } from '@minzheng/contracts'
import { newIdempotencyKey } from '../../../../services/social-orgs'
import {
  complain,
  type MyHelpRequestView,
  myRequests,
  rate,
  SERVICE_COMPLAINT_REASON_NAMES,
  SERVICE_COMPLAINT_REASONS,
  type ServiceComplaintReason
} from '../../../../services/social-work'
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

const complaintPage = (trackingNo: string) =>
  `/${SHARED_PAGES.complaintDetail}?trackingNo=${encodeURIComponent(trackingNo)}`

/**
 * 投诉 about the service: a reason and what happened. It is filed in the same complaint flow as
 * complaints about organizations, so it is followed in 我的投诉 like any other.
 */
function Complaint({ item, onFiled }: { item: MyHelpRequestView; onFiled(trackingNo: string): void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<ServiceComplaintReason | null>(null)
  const [content, setContent] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // One key per form: a double tap or a retry after a lost answer files one complaint.
  const [key] = useState(newIdempotencyKey)
  if (!open)
    return (
      <View className="sw-actions">
        <Button size="small" onClick={() => setOpen(true)}>
          投诉本次服务
        </Button>
      </View>
    )
  async function send() {
    const found: Record<string, string> = {}
    if (!reason) found.reason = '请选择投诉原因'
    if (content.trim().length < 10) found.content = '投诉内容至少10个字，请说明发生了什么'
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    setNotice(null)
    try {
      const { trackingNo } = await complain(item.id, { reason: reason!, content: content.trim(), idempotencyKey: key })
      onFiled(trackingNo)
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields)
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="sw-card sw-complaint">
      <Text className="sw-line">投诉原因：</Text>
      <View className="sw-tabs" data-field="reason">
        {SERVICE_COMPLAINT_REASONS.map((r) => (
          <Text key={r} className={`sw-tab ${r === reason ? 'sw-tab--on' : ''}`} onClick={() => setReason(r)}>
            {SERVICE_COMPLAINT_REASON_NAMES[r]}
          </Text>
        ))}
      </View>
      {errors.reason ? <Text className="sw-warn">{errors.reason}</Text> : null}
      <Textarea
        className="sw-textarea"
        value={content}
        maxlength={800}
        placeholder="请说明发生了什么（至少10个字），民政部门将调查处理"
        onInput={(e) => setContent(e.detail.value)}
      />
      {errors.content ? <Text className="sw-warn">{errors.content}</Text> : null}
      {notice ? <Text className="sw-warn">{notice}</Text> : null}
      <Text className="sw-hint">投诉由区县民政部门受理，可在「我的投诉」查看办理进度</Text>
      <View className="sw-actions">
        <Button type="primary" size="small" loading={busy} disabled={busy} onClick={() => void send()}>
          提交投诉
        </Button>
        <Button size="small" onClick={() => setOpen(false)}>
          取消
        </Button>
      </View>
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
          {r.complaintTrackingNo ? (
            <Text className="sw-line sw-link" onClick={() => go(complaintPage(r.complaintTrackingNo!))}>
              已投诉（编号 {r.complaintTrackingNo}），查看办理进度 ›
            </Text>
          ) : r.canComplain ? (
            <Complaint
              item={r}
              onFiled={(trackingNo) => {
                replace({ ...r, complaintTrackingNo: trackingNo, canComplain: false })
                Taro.showToast({ title: '投诉已提交', icon: 'none' })
              }}
            />
          ) : null}
        </View>
      ))}
    </PageShell>
  )
}
