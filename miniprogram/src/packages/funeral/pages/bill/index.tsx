import { Button } from '@nutui/nutui-react-taro'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { isApiError, messageOf } from '../../../../services/errors'
import { claimBill, type FuneralBillView, myBill, reportBillProblem, yuan } from '../../../../services/funeral'
import '../../components/funeral.scss'
import { pageParams } from '../../components/nav'

/**
 * The family's itemized bill: each charge from the published list with its class, the 惠民
 * waivers applied, 「您应付」, the 12358 line, and 「账单有问题」 which files a complaint. Opened
 * from 我的账单, or from the QR on the paper bill (billNo and code), which makes it the family's.
 */
export default function BillPage() {
  const { billNo, code } = useMemo(() => pageParams(), [])
  const { user, status } = useAuth()
  const [bill, setBill] = useState<FuneralBillView | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)
  const [reporting, setReporting] = useState(false)
  const [content, setContent] = useState('')
  const [sent, setSent] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const key = useMemo(() => `fb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`, [])

  const load = useCallback(async () => {
    setError(null)
    try {
      setBill(code ? await claimBill(billNo, code) : await myBill(billNo))
    } catch (e) {
      setError({ message: messageOf(e), missing: isApiError(e) && e.status === 404 })
    }
  }, [billNo, code])
  useEffect(() => {
    if (user && billNo) void load()
  }, [user, billNo, load])

  const report = async () => {
    if (content.trim().length < 10) {
      Taro.showToast({ title: '问题描述至少10个字', icon: 'none' })
      return
    }
    setBusy(true)
    try {
      const { complaint } = await reportBillProblem(billNo, content.trim(), key)
      setSent(complaint.trackingNo)
      setReporting(false)
    } catch {
      // the toast says why
    } finally {
      setBusy(false)
    }
  }

  if (!billNo)
    return (
      <PageShell>
        <EmptyState title="未找到该账单" description="请从「我的殡葬账单」进入，或扫描账单上的二维码" />
      </PageShell>
    )
  return (
    <PageShell className="fu-bill">
      {status === 'loading' || (user && !bill && !error) ? <LoadingBlock /> : null}
      {status === 'error' && !user ? <EmptyState icon="user" title="登录后查看账单" /> : null}
      {error ? (
        <View className="mz-section mz-card" data-testid="error">
          <EmptyState title={error.missing ? '未找到该账单' : '加载失败'} description={error.message}>
            {error.missing ? null : <Button onClick={() => void load()}>重试</Button>}
          </EmptyState>
        </View>
      ) : null}
      {bill ? (
        <>
          <View className="mz-section mz-card fu-place">
            <Text className="fu-place__name">{bill.place.name}</Text>
            <Text className="fu-line">账单号：{bill.billNo}</Text>
            <Text className="fu-line">
              逝者：{bill.deceasedName} · 开具日期：{bill.issuedOn}
            </Text>
            {bill.waivers.length ? (
              <Text className="fu-line fu-waived">享受减免：{bill.waivers.map((w) => w.name).join('；')}</Text>
            ) : null}
          </View>
          <View className="mz-section mz-card" data-testid="bill-lines">
            <Text className="fu-section__title">收费明细</Text>
            {bill.lines.map((l) => (
              <View key={l.lineNo} className="fu-fee">
                <View className="fu-fee__head">
                  <Text>{l.name}</Text>
                  <Text>{yuan(l.amountCents)}元</Text>
                </View>
                <Text className="fu-fee__meta">
                  {l.feeClassName} · {yuan(l.unitPriceCents)}元/{l.unitName} × {l.quantity}
                </Text>
                {l.waivedCents ? (
                  <Text className="fu-fee__meta fu-waived">惠民减免 -{yuan(l.waivedCents)}元</Text>
                ) : null}
              </View>
            ))}
            <View className="fu-total">
              <Text>合计</Text>
              <Text>{yuan(bill.totalCents)}元</Text>
            </View>
            <View className="fu-total fu-waived">
              <Text>惠民减免</Text>
              <Text>-{yuan(bill.waivedCents)}元</Text>
            </View>
            <View className="fu-pay" data-testid="payable">
              <Text>您应付</Text>
              <Text>{yuan(bill.payableCents)}元</Text>
            </View>
          </View>
          <View className="mz-section mz-card">
            <Text className="fu-line">所有收费均应在公示目录内，目录外收费可拒付。</Text>
            <Text className="fu-complaint-line">价格投诉举报电话：{bill.place.priceComplaintLine}</Text>
            {sent ? (
              <Text className="fu-line" data-testid="reported">
                已提交，投诉编号 {sent}，可在「我的投诉」查看办理进度。
              </Text>
            ) : reporting ? (
              <View>
                <Textarea
                  className="fu-input fu-textarea"
                  placeholder="请描述账单中的问题，例如未经同意的收费项目（至少10个字）"
                  value={content}
                  maxlength={900}
                  onInput={(e) => setContent(e.detail.value)}
                />
                <Button type="primary" loading={busy} onClick={() => void report()}>
                  提交
                </Button>
              </View>
            ) : (
              <Button onClick={() => setReporting(true)}>账单有问题</Button>
            )}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
