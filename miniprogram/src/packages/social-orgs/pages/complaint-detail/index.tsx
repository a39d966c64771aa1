import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { messageOf } from '../../../../services/errors'
import { getComplaint, type Complaint } from '../../../../services/social-orgs'
import { ComplaintSteps } from '../../components/ComplaintSteps'
import { InfoRows } from '../../components/InfoRows'
import { formatDate, pageParams } from '../../components/nav'
import './index.scss'

/** One complaint: its steps, the answer or the reason it was not accepted, and what was filed. */
export default function ComplaintDetailPage() {
  const trackingNo = useMemo(() => pageParams().trackingNo ?? '', [])
  const { user } = useAuth()
  const [complaint, setComplaint] = useState<Complaint | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      setComplaint(await getComplaint(trackingNo))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [trackingNo])

  useEffect(() => {
    if (user) void load()
  }, [user, load])

  if (error) {
    return (
      <PageShell className="so-cdetail">
        <View className="mz-section mz-card">
          <EmptyState title="未找到该投诉" description={error}>
            <Button type="primary" size="small" onClick={() => void load()}>
              重试
            </Button>
          </EmptyState>
        </View>
      </PageShell>
    )
  }
  if (!complaint) {
    return (
      <PageShell className="so-cdetail">
        <LoadingBlock />
      </PageShell>
    )
  }

  const c = complaint
  return (
    <PageShell className="so-cdetail">
      <View className="mz-section mz-card">
        <View className="so-cdetail__head">
          <Text className="so-cdetail__target">{c.targetName}</Text>
          <Text className="so-cdetail__no">投诉编号 {c.trackingNo}</Text>
        </View>
        <ComplaintSteps status={c.status} progress={c.progress} />
      </View>

      {c.status === 'answered' && c.answer ? (
        <View className="mz-section mz-card so-cdetail__answer" data-testid="complaint-answer">
          <View className="mz-section-title">处理答复</View>
          <Text className="so-cdetail__answer-text">{c.answer}</Text>
        </View>
      ) : null}
      {c.status === 'rejected' ? (
        <View
          className="mz-section mz-card so-cdetail__answer so-cdetail__answer--rejected"
          data-testid="complaint-reject"
        >
          <View className="mz-section-title">不予受理理由</View>
          <Text className="so-cdetail__answer-text">{c.rejectReason ?? '—'}</Text>
        </View>
      ) : null}
      {c.status === 'submitted' || c.status === 'accepted' ? (
        <View className="mz-section">
          <Text className="mz-muted">
            {c.status === 'submitted'
              ? '投诉已提交，等待登记管理机关受理。'
              : '投诉已受理，正在核查处理，请耐心等待答复。'}
          </Text>
        </View>
      ) : null}

      <View className="mz-section mz-card">
        <View className="mz-section-title">投诉内容</View>
        <InfoRows
          rows={[
            ['投诉类别', c.categoryName],
            ['提交时间', formatDate(c.submittedAt)],
            ['投诉方式', c.anonymous ? '匿名' : '实名'],
            ['联系电话', c.contactPhone],
            ['图片证据', c.images.length ? `${c.images.length}张` : null]
          ]}
        />
        <Text className="so-cdetail__content">{c.content}</Text>
      </View>

      {c.progress.length ? (
        <View className="mz-section mz-card">
          <View className="mz-section-title">办理记录</View>
          {[...c.progress].reverse().map((p) => (
            <View key={`${p.status}-${p.at}`} className="so-cdetail__event">
              <Text className="so-cdetail__event-status">{p.statusName}</Text>
              <Text className="so-cdetail__event-at">{p.at.slice(0, 16).replace('T', ' ')}</Text>
              {p.note ? <Text className="so-cdetail__event-note">{p.note}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
