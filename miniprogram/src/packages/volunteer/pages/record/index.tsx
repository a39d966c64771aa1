import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { isApiError, messageOf } from '../../../../services/errors'
import {
  beijingText,
  type CertificateView,
  myCertificates,
  myRecord,
  openCertificatePdf,
  type RecordView,
  register,
  requestCertificate,
  STAR_THRESHOLDS_HOURS
} from '../../../../services/volunteer'
import '../../components/volunteer.scss'
import { go, PAGES } from '../../components/nav'

/** My record: volunteer number, approved hours, star level, activities, entries (补录 marked), certificates. */
export default function VolunteerRecordPage() {
  const [record, setRecord] = useState<RecordView | null>(null)
  const [certs, setCerts] = useState<CertificateView[]>([])
  const [notVolunteer, setNotVolunteer] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  /** H5: the fetched PDF of a certificate, as a link to open or save. */
  const [links, setLinks] = useState<Record<number, string>>({})
  const [opening, setOpening] = useState<number | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      setRecord(await myRecord())
      setCerts(await myCertificates())
      setNotVolunteer(false)
    } catch (e) {
      if (isApiError(e) && e.code === 'NOT_VOLUNTEER') setNotVolunteer(true)
      else setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  async function join() {
    setNotice(null)
    try {
      await register()
      await load()
    } catch (e) {
      setNotice(messageOf(e))
    }
  }

  async function ask(orgId: number) {
    setNotice(null)
    try {
      await requestCertificate(orgId, '志愿服务经历证明')
      setNotice('已提交申请，组织开具后可在此查看')
      await load()
    } catch (e) {
      setNotice(messageOf(e))
    }
  }

  async function openPdf(id: number) {
    setNotice(null)
    setOpening(id)
    try {
      const got = await openCertificatePdf(id)
      if (got) setLinks((l) => ({ ...l, [id]: got.link }))
    } catch (e) {
      setNotice(messageOf(e))
    } finally {
      setOpening(null)
    }
  }

  if (error)
    return (
      <PageShell>
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      </PageShell>
    )
  if (notVolunteer)
    return (
      <PageShell>
        <EmptyState title="您还不是注册志愿者" description="使用您已完成的实名认证信息注册，一人一个志愿者编号">
          <Button type="primary" onClick={() => void join()}>
            注册成为志愿者
          </Button>
        </EmptyState>
        {notice ? <Text className="vo-warn">{notice}</Text> : null}
      </PageShell>
    )
  if (!record)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  const next = STAR_THRESHOLDS_HOURS.find((h) => record.approvedHours < h)
  const orgs = new Map(
    record.activities.filter((x) => x.activity?.org).map((x) => [x.activity!.org!.id, x.activity!.org!.name])
  )
  return (
    <PageShell className="vo-record">
      <View className="mz-section mz-card vo-card">
        <Text className="vo-line">志愿者编号：{record.volunteer.number}</Text>
        <Text className="vo-line">
          {record.volunteer.name} · {record.volunteer.idNumber}
        </Text>
        <Text className="vo-hours">{record.approvedHours} 小时</Text>
        <Text className="vo-star">
          {record.star > 0 ? `${'★'.repeat(record.star)} ${record.star}星志愿者` : '暂无星级'}
        </Text>
        <Text className="vo-hint">
          仅统计组织已确认的时长{next ? `，再服务 ${(next - record.approvedHours).toFixed(1)} 小时可达下一星级` : ''}
          {record.manualHours > 0 ? `；其中补录 ${record.manualHours} 小时` : ''}
        </Text>
      </View>
      <View className="mz-section mz-card vo-card">
        <Text className="vo-title">我的活动</Text>
        {record.activities.length === 0 ? <Text className="vo-hint">还没有报名活动</Text> : null}
        {record.activities.map((x) => (
          <View key={x.signup.id} className="vo-card" onClick={() => x.activity && go(PAGES.activity(x.activity.id))}>
            <Text className="vo-line">
              {x.activity?.title} · {x.signup.statusName}
              {x.attendance ? ` · ${x.attendance.statusName}` : ''}
            </Text>
          </View>
        ))}
      </View>
      <View className="mz-section mz-card vo-card">
        <Text className="vo-title">服务时长记录</Text>
        {record.entries.length === 0 ? <Text className="vo-hint">暂无已确认的时长</Text> : null}
        {record.entries.map((e) => (
          <Text key={e.id} className="vo-line">
            {beijingText(e.startAt).slice(0, 10)} {e.activityTitle} {e.hours} 小时{' '}
            <Text className={e.manual ? 'vo-manual' : ''}>{e.kindName}</Text>
          </Text>
        ))}
      </View>
      <View className="mz-section mz-card vo-card">
        <Text className="vo-title">志愿服务记录证明</Text>
        {certs.length === 0 ? <Text className="vo-hint">还没有申请证明</Text> : null}
        {certs.map((c) => (
          <View key={c.id} className="vo-card" data-testid="certificate">
            <Text className="vo-line">
              {c.number ?? '待开具'} · {c.statusName} · {c.purpose}
            </Text>
            {c.status === 'revoked' && c.revokeReason ? (
              <Text className="vo-warn">已撤销：{c.revokeReason}</Text>
            ) : null}
            {c.number ? (
              <View className="vo-actions">
                <Button size="small" loading={opening === c.id} onClick={() => void openPdf(c.id)}>
                  {process.env.TARO_ENV === 'weapp' ? '查看证明 PDF' : '获取证明 PDF'}
                </Button>
                {process.env.TARO_ENV === 'h5' && links[c.id] ? (
                  <a className="vo-link" href={links[c.id]} download={`${c.number}.pdf`} target="_blank" rel="noopener">
                    打开 / 保存 {c.number}.pdf
                  </a>
                ) : null}
              </View>
            ) : null}
          </View>
        ))}
        <View className="vo-actions">
          {[...orgs].map(([id, name]) => (
            <Button key={id} size="small" onClick={() => void ask(id)}>
              向{name}申请证明
            </Button>
          ))}
        </View>
        {notice ? <Text className="vo-warn">{notice}</Text> : null}
      </View>
    </PageShell>
  )
}
