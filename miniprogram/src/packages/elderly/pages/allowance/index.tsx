import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { useAuth } from '../../../../hooks/auth'
import { messageOf } from '../../../../services/errors'
import {
  type AgeAllowanceOffer,
  allowanceOffer,
  confirmAllowance,
  type ElderlyCase,
  myElderlyCases,
  yuan
} from '../../../../services/elderly'
import '../../components/elderly.scss'
import { ElderGate } from '../../components/ElderGate'

/**
 * 高龄津贴 免申即享: the server reads the age from the citizen's real name and the region's
 * rule; an eligible elder confirms with one tap (no forms, no materials). Below: my 高龄津贴 and
 * 养老服务补贴 cases with where each one is.
 */
export default function AllowancePage() {
  const { user } = useAuth()
  const [offer, setOffer] = useState<AgeAllowanceOffer | null>(null)
  const [cases, setCases] = useState<ElderlyCase[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      const [o, c] = await Promise.all([allowanceOffer(), myElderlyCases()])
      setOffer(o)
      setCases(c.items)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    if (user) void load()
  }, [user, load])

  const confirm = async () => {
    const ok = await Taro.showModal({
      title: '确认领取高龄津贴',
      content: '确认后由民政部门核对户籍后按月发放，无需提交材料。',
      confirmText: '确认领取',
      cancelText: '再想想'
    })
    if (!ok.confirm) return
    setBusy(true)
    try {
      const { number } = await confirmAllowance()
      Taro.showToast({ title: `已确认，办件编号${number}`, icon: 'none', duration: 2500 })
      await load()
    } catch {
      // the toast said why; the offer is read again below
      await load()
    } finally {
      setBusy(false)
    }
  }

  return (
    <ElderGate className="el-allowance" signInTitle="登录后查看高龄津贴" error={error} data={offer} onRetry={load}>
      {(offer) => (
        <>
          <View className="mz-section mz-card el-offer" data-testid="offer" data-status={offer.status}>
            <Text className="el-offer__title">高龄津贴</Text>
            {offer.status === 'eligible' && offer.monthlyCents !== null ? (
              <Text className="el-offer__amount">每月{yuan(offer.monthlyCents)}元</Text>
            ) : null}
            <Text className="el-offer__text">{offer.message}</Text>
            {offer.status === 'eligible' ? (
              <Button type="primary" size="large" loading={busy} onClick={confirm} data-testid="confirm">
                一键确认领取
              </Button>
            ) : null}
            {offer.status === 'no_identity' ? (
              <Button type="primary" onClick={() => Taro.switchTab({ url: '/pages/mine/index' })}>
                去实名认证
              </Button>
            ) : null}
          </View>

          <View className="mz-section" data-testid="cases">
            <Text className="el-section-title">我的养老补贴</Text>
            {cases.length === 0 ? (
              <View className="mz-card" data-testid="no-cases">
                <EmptyState title="暂无办件" description="确认领取高龄津贴或申请养老服务补贴后，可在这里查看进度" />
              </View>
            ) : (
              cases.map((c) => (
                <View key={c.number} className="mz-card el-case" data-number={c.number}>
                  <Text className="el-place__name">{c.typeName}</Text>
                  <Text className="el-place__meta">办件编号 {c.number}</Text>
                  <Text className="el-place__meta">
                    当前环节：{c.stageName}
                    {c.amountCents ? ` · 每月${yuan(c.amountCents)}元` : ''}
                  </Text>
                </View>
              ))
            )}
          </View>
        </>
      )}
    </ElderGate>
  )
}
