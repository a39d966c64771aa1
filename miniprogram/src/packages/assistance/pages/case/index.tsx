import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import {
  type ApplicationView,
  applicationOf,
  type Payment,
  supplementMaterials,
  uploadMaterial,
  WITHDRAWABLE,
  withdrawApplication
} from '../../../../services/assistance'
import { isApiError, messageOf } from '../../../../services/errors'
import '../../components/assistance.scss'
import { pageParams } from '../../components/nav'
import { CurrentBox, Steps } from '../../components/Timeline'

const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`

/** 发放记录: each month's payment with its status; a failure says why and what to do. */
function Payments({ payments, granted }: { payments: Payment[]; granted: boolean }) {
  return (
    <View className="mz-section mz-card" data-testid="payments">
      <Text className="as-kind__name">发放记录</Text>
      {payments.length ? (
        payments.map((p) => (
          <View key={p.month} className="as-payment" data-month={p.month}>
            <Text className="as-check__item">
              {monthText(p.month)} · {(p.amountCents / 100).toFixed(2)}元 ·{' '}
              <Text className={p.status === 'failed' ? 'as-error' : 'as-payment__status'}>{p.statusName}</Text>
            </Text>
            {p.status === 'failed' && p.reason ? (
              <Text className="as-hint">
                原因：{p.reason}。请核对收款账户后联系乡镇（街道）社会救助窗口，核实后补发。
              </Text>
            ) : null}
          </View>
        ))
      ) : (
        <Text className="as-hint">
          {granted
            ? '自批准的次月起按月发放，本月名单生成后在此显示。'
            : '批准后自次月起按月发放，发放情况将在此显示。'}
        </Text>
      )}
    </View>
  )
}

/**
 * One application: where it stands (stage, who holds it, the legal deadline), every step so
 * far, the monthly payments once granted (发放记录), the household as the server shows it (masked),
 * and what the applicant may do now —
 * hand in the materials asked for at once, or withdraw while the review has not ended.
 */
export default function CasePage() {
  const number = useMemo(() => pageParams().number ?? '', [])
  const { user, status } = useAuth()
  const [view, setView] = useState<ApplicationView | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)
  const [uploads, setUploads] = useState<{ path: string; id: string | null; failed: boolean }[]>([])
  const [busy, setBusy] = useState(false)
  const [confirmWithdraw, setConfirmWithdraw] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      setView(await applicationOf(number))
    } catch (e) {
      setError({ message: messageOf(e), missing: isApiError(e) && e.status === 404 })
    }
  }, [number])
  useEffect(() => {
    if (user && number) void load()
  }, [user, number, load])

  const addMaterials = async () => {
    let paths: string[]
    try {
      paths = (await Taro.chooseImage({ count: 9, sizeType: ['compressed'], sourceType: ['album', 'camera'] }))
        .tempFilePaths
    } catch {
      return
    }
    for (const path of paths) {
      setUploads((u) => [...u, { path, id: null, failed: false }])
      try {
        const id = await uploadMaterial(path, '补正材料')
        setUploads((u) => u.map((x) => (x.path === path ? { ...x, id } : x)))
      } catch {
        setUploads((u) => u.map((x) => (x.path === path ? { ...x, failed: true } : x)))
      }
    }
  }

  const sendMaterials = async () => {
    const ids = uploads.filter((u) => u.id).map((u) => u.id!)
    if (!ids.length) {
      Taro.showToast({ title: '请先上传补充的材料', icon: 'none' })
      return
    }
    setBusy(true)
    try {
      setView(await supplementMaterials(number, ids))
      setUploads([])
      Taro.showToast({ title: '材料已提交', icon: 'none' })
    } catch {
      // the toast says why
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async () => {
    setBusy(true)
    try {
      setView(await withdrawApplication(number))
      setConfirmWithdraw(false)
    } catch {
      // the toast says why
    } finally {
      setBusy(false)
    }
  }

  if (!number)
    return (
      <PageShell>
        <View className="mz-section mz-card">
          <EmptyState title="未找到该申请" description="请从「我的申请」进入" />
        </View>
      </PageShell>
    )

  return (
    <PageShell className="as-case">
      {status === 'loading' || (user && !view && !error) ? <LoadingBlock /> : null}
      {status === 'error' && !user ? (
        <View className="mz-section mz-card">
          <EmptyState icon="user" title="登录后查看申请进度" />
        </View>
      ) : null}
      {error ? (
        <View className="mz-section mz-card" data-testid="error">
          <EmptyState title={error.missing ? '未找到该申请' : '加载失败'} description={error.message}>
            {error.missing ? null : (
              <Button type="primary" size="small" onClick={load}>
                重试
              </Button>
            )}
          </EmptyState>
        </View>
      ) : null}
      {view ? (
        <>
          <View className="mz-section">
            <Text className="as-list__title">{view.case.typeName}</Text>
            <Text className="as-list__meta"> 申请编号 {view.case.number}</Text>
          </View>
          <View className="mz-section">
            <CurrentBox summary={view.case} current={view.current} />
          </View>
          {view.current.stage === 'supplement' && view.application.missingMaterials?.length ? (
            <View className="mz-section mz-card" data-testid="missing">
              <Text className="as-kind__name">请补齐以下材料</Text>
              {view.application.missingMaterials.map((m) => (
                <Text key={m} className="as-check__item">
                  · {m}
                </Text>
              ))}
              <Text className="as-hint">
                已上传{uploads.filter((u) => u.id).length}份
                {uploads.some((u) => u.failed) ? '，有材料上传失败，请重新选择' : ''}
              </Text>
              <View className="as-actions">
                <Button onClick={addMaterials}>上传材料照片</Button>
                <Button type="primary" loading={busy} onClick={sendMaterials}>
                  提交补充材料
                </Button>
              </View>
            </View>
          ) : null}
          {view.payments ? <Payments payments={view.payments} granted={view.case.status !== 'open'} /> : null}
          <View className="mz-section">
            <Steps steps={view.steps} />
          </View>
          <View className="mz-section mz-card">
            <Text className="as-kind__name">家庭成员（{view.application.householdSize}人）</Text>
            {view.application.household.map((m) => (
              <Text key={m.seq} className="as-check__item">
                {m.relation} · {m.name} · {m.idNumber}
              </Text>
            ))}
          </View>
          {view.case.status === 'open' && WITHDRAWABLE.includes(view.current.stage) ? (
            <View className="mz-section">
              {confirmWithdraw ? (
                <View className="mz-card" data-testid="withdraw-confirm">
                  <Text className="as-error">撤回后本次申请终止，如需救助须重新申请。确定撤回吗？</Text>
                  <View className="as-actions">
                    <Button onClick={() => setConfirmWithdraw(false)}>不撤回</Button>
                    <Button type="danger" loading={busy} onClick={withdraw}>
                      确认撤回
                    </Button>
                  </View>
                </View>
              ) : (
                <Button fill="outline" onClick={() => setConfirmWithdraw(true)}>
                  撤回申请
                </Button>
              )}
            </View>
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}
