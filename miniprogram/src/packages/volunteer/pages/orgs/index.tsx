import { Button } from '@nutui/nutui-react-taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { isApiError, messageOf } from '../../../../services/errors'
import { joinOrg, type MembershipView, myOrgs, type OrgView, publicOrgs } from '../../../../services/volunteer'
import '../../components/volunteer.scss'

/**
 * 志愿服务组织: my applications (待审核 / 已加入 / 未通过 with the organization's reason, and
 * applying again after a refusal) and the organizations one may apply to join, with a note.
 */
export default function VolunteerOrgsPage() {
  const [orgs, setOrgs] = useState<OrgView[] | null>(null)
  const [mine, setMine] = useState<MembershipView[]>([])
  const [notVolunteer, setNotVolunteer] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [applying, setApplying] = useState<number | null>(null)
  const [note, setNote] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      const all = await publicOrgs()
      try {
        setMine(await myOrgs())
        setNotVolunteer(false)
      } catch (e) {
        if (isApiError(e) && e.code === 'NOT_VOLUNTEER') setNotVolunteer(true)
        else throw e
      }
      setOrgs(all)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  async function apply(orgId: number) {
    setBusy(true)
    setNotice(null)
    try {
      await joinOrg(orgId, note.trim() || undefined)
      setApplying(null)
      setNote('')
      setNotice('已提交申请，组织审核后会通知您')
      await load()
    } catch (e) {
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
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
  if (!orgs)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  const statusOf = new Map(mine.map((m) => [m.orgId, m]))
  return (
    <PageShell className="vo-orgs">
      {notVolunteer ? (
        <View className="mz-section mz-card vo-card">
          <Text className="vo-warn">注册成为志愿者后才能申请加入组织（在「我的志愿记录」中注册）</Text>
        </View>
      ) : null}
      {mine.length ? (
        <View className="mz-section mz-card vo-card" data-testid="my-orgs">
          <Text className="vo-title">我的申请</Text>
          {mine.map((m) => (
            <View key={m.id} className="vo-card">
              <Text className="vo-line">
                {m.orgName} · {m.statusName}
              </Text>
              {m.status === 'refused' && m.reason ? <Text className="vo-warn">未通过原因：{m.reason}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
      {notice ? (
        <View className="mz-section">
          <Text className="vo-warn">{notice}</Text>
        </View>
      ) : null}
      {orgs.length === 0 ? (
        <EmptyState title="暂无志愿服务组织" description="当地志愿服务组织登记后会显示在这里" />
      ) : null}
      {orgs.map((o) => {
        const m = statusOf.get(o.id)
        const canApply = !notVolunteer && (!m || m.status === 'refused' || m.status === 'left')
        return (
          <View key={o.id} className="mz-section mz-card vo-card" data-testid="org-card">
            <Text className="vo-title">{o.name}</Text>
            <Text className="vo-line">联系方式：{o.contact}</Text>
            {m ? <Text className="vo-hint">我的申请：{m.statusName}</Text> : null}
            {applying === o.id ? (
              <View className="vo-apply">
                <Textarea
                  className="vo-note"
                  value={note}
                  onInput={(e) => setNote(e.detail.value)}
                  maxlength={200}
                  placeholder="申请说明（选填），如特长、可服务时间"
                />
                <View className="vo-actions">
                  <Button type="primary" size="small" loading={busy} onClick={() => void apply(o.id)}>
                    提交申请
                  </Button>
                  <Button size="small" onClick={() => setApplying(null)}>
                    取消
                  </Button>
                </View>
              </View>
            ) : canApply ? (
              <View className="vo-actions">
                <Button
                  size="small"
                  type="primary"
                  onClick={() => {
                    setNote('')
                    setApplying(o.id)
                  }}
                >
                  {m?.status === 'refused' ? '重新申请' : '申请加入'}
                </Button>
              </View>
            ) : null}
          </View>
        )
      })}
    </PageShell>
  )
}
