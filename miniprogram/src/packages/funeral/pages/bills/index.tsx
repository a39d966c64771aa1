import { Button } from '@nutui/nutui-react-taro'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { messageOf } from '../../../../services/errors'
import { type FuneralBillView, myBills, yuan } from '../../../../services/funeral'
import '../../components/funeral.scss'
import { go, PAGES } from '../../components/nav'

/** 我的殡葬账单, and opening a new one with the bill number and the code printed on it. */
export default function BillsPage() {
  const { user, status } = useAuth()
  const [bills, setBills] = useState<FuneralBillView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [billNo, setBillNo] = useState('')
  const [code, setCode] = useState('')

  const load = useCallback(async () => {
    setError(null)
    try {
      setBills(await myBills())
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    if (user) void load()
  }, [user, load])

  const open = () => {
    if (!/^BZ\d{8}[A-Z0-9]{6}$/.test(billNo.trim().toUpperCase()) || !/^[A-Za-z0-9]{8}$/.test(code.trim())) {
      Taro.showToast({ title: '请填写账单上的账单号和8位查询码', icon: 'none' })
      return
    }
    go(PAGES.bill(billNo.trim().toUpperCase(), code.trim().toUpperCase()))
  }

  return (
    <PageShell className="fu-bills">
      <View className="mz-section mz-card">
        <Text className="fu-section__title">查询新账单</Text>
        <Input
          className="fu-input"
          placeholder="账单号，如 BZ20260402ABC234"
          value={billNo}
          onInput={(e) => setBillNo(e.detail.value)}
        />
        <Input className="fu-input" placeholder="8位查询码" value={code} onInput={(e) => setCode(e.detail.value)} />
        <Button type="primary" onClick={open}>
          查询账单
        </Button>
        <Text className="fu-hint">账单号和查询码印在殡仪馆开具的账单上，扫描账单二维码也可直接查看。</Text>
      </View>
      {status === 'loading' || (user && !bills && !error) ? <LoadingBlock /> : null}
      {status === 'error' && !user ? <EmptyState icon="user" title="登录后查看账单" /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      ) : null}
      {bills && bills.length === 0 ? (
        <EmptyState title="暂无账单" description="殡仪馆开具账单后，可凭账单号和查询码查看" />
      ) : null}
      {bills?.map((b) => (
        <View key={b.billNo} className="mz-section mz-card fu-place" onClick={() => go(PAGES.bill(b.billNo))}>
          <Text className="fu-place__name">{b.place.name}</Text>
          <Text className="fu-line">
            {b.billNo} · {b.issuedOn}
          </Text>
          <Text className="fu-line">您应付 {yuan(b.payableCents)}元</Text>
        </View>
      ))}
    </PageShell>
  )
}
