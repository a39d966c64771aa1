import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { useAuth } from '../../../../hooks/auth'
import { messageOf } from '../../../../services/errors'
import {
  cancelMeal,
  type MealMenuView,
  type MealOrderView,
  type MealQuote,
  mealQuote,
  myMealOrders,
  orderMeal,
  placeMenus,
  yuan
} from '../../../../services/elderly'
import '../../components/elderly.scss'
import { ElderGate } from '../../components/ElderGate'
import { ForWhom } from '../../components/ForWhom'
import { pageParam } from '../../components/nav'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const dayText = (day: string) =>
  `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]}`
/** The cutoff in Beijing time, whatever the phone's zone: 12月9日 09:30. */
const cutoffText = (iso: string) => {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString()
  return `${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`
}

/**
 * 助餐: a station's meals of the next days (opened from the station's page with ?placeId=), for
 * myself or a parent I am linked to; choosing a meal asks the server what this diner pays
 * (您应付, the subsidy and why), then 确认预订. Below, my orders (and those made for me) with
 * 取消 until the cutoff.
 */
export default function MealsPage() {
  const { user } = useAuth()
  const placeId = Number(pageParam('placeId')) || null
  const [place, setPlace] = useState<{ placeName: string; items: MealMenuView[] } | null>(null)
  const [orders, setOrders] = useState<MealOrderView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [linkId, setLinkId] = useState(0)
  const [chosen, setChosen] = useState<MealMenuView | null>(null)
  const [quote, setQuote] = useState<MealQuote | null>(null)
  const [quoteError, setQuoteError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      const [menus, mine] = await Promise.all([placeId ? placeMenus(placeId) : Promise.resolve(null), myMealOrders()])
      setPlace(menus)
      setOrders(mine.items)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [placeId])
  useEffect(() => {
    if (user) void load()
  }, [user, load])

  useEffect(() => {
    setQuote(null)
    setQuoteError(null)
    if (!chosen) return
    mealQuote(chosen.id, linkId || undefined)
      .then(setQuote)
      .catch((e) => setQuoteError(messageOf(e)))
  }, [chosen, linkId])

  const order = async () => {
    if (!chosen) return
    setBusy(true)
    try {
      const done = await orderMeal(chosen.id, linkId || undefined)
      Taro.showToast({ title: `已预订，您应付${yuan(done.payCents)}元`, icon: 'none', duration: 2500 })
      setChosen(null)
      await load()
    } catch {
      // the toast said why (截止、订完、未绑定…); the menu is read again
      await load()
    } finally {
      setBusy(false)
    }
  }

  const cancel = async (o: MealOrderView) => {
    const ok = await Taro.showModal({
      title: '取消订餐',
      content: `取消${o.day.slice(5)} ${o.slotName}（${o.dinerName}）？`,
      confirmText: '取消订餐',
      cancelText: '不取消'
    })
    if (!ok.confirm) return
    try {
      await cancelMeal(o.id)
      Taro.showToast({ title: '已取消', icon: 'none' })
    } catch {
      // the toast said why
    }
    await load()
  }

  const days = place ? [...new Set(place.items.map((m) => m.day))] : []
  return (
    <ElderGate className="el-meals" signInTitle="登录后订餐" error={error} data={orders} onRetry={load}>
      {(orders) => (
        <>
          {place ? (
            <View className="mz-section mz-card" data-testid="menus">
              <Text className="el-section-title">{place.placeName} · 近期菜单</Text>
              <ForWhom value={linkId} onChange={setLinkId} />
              {days.length === 0 ? (
                <View data-testid="no-menus">
                  <EmptyState title="暂无可订的餐" description="助餐点还没有发布近几天的菜单" />
                </View>
              ) : null}
              {days.map((day) => (
                <View key={day}>
                  <Text className="el-day">{dayText(day)}</Text>
                  {place.items
                    .filter((m) => m.day === day)
                    .map((m) => (
                      <View
                        key={m.id}
                        className={`mz-card el-meal${chosen?.id === m.id ? ' el-meal--chosen' : ''}`}
                        data-testid="meal"
                        data-id={m.id}
                        onClick={() => (m.open && m.remaining > 0 ? setChosen(m) : undefined)}
                      >
                        <View className="el-place__head">
                          <Text className="el-place__name">{m.slotName}</Text>
                          <Text className="el-place__price">{yuan(m.priceCents)}元</Text>
                        </View>
                        <Text className="el-meal__dishes">{m.dishes}</Text>
                        <Text className="el-place__meta">
                          {!m.open ? '已截止' : m.remaining > 0 ? `剩余${m.remaining}份` : '已订完'} ·{' '}
                          {cutoffText(m.cutoffAt)}截止
                        </Text>
                      </View>
                    ))}
                </View>
              ))}
              {chosen ? (
                <View className="mz-card el-pay" data-testid="quote">
                  <Text className="el-place__name">
                    {dayText(chosen.day)} {chosen.slotName}
                  </Text>
                  {quote ? (
                    <>
                      <Text className="el-place__meta">
                        用餐人 {quote.dinerName} · 原价{yuan(quote.priceCents)}元 · 补贴{yuan(quote.subsidyCents)}元
                      </Text>
                      <Text className="el-pay__amount" data-testid="pay">
                        您应付 {yuan(quote.payCents)}元
                      </Text>
                      <Text className="el-pay__note">{quote.subsidyNote}</Text>
                      <Button type="primary" size="large" loading={busy} onClick={order} data-testid="order">
                        确认预订
                      </Button>
                    </>
                  ) : quoteError ? (
                    <Text className="mz-field__error" data-testid="quote-error">
                      {quoteError}
                    </Text>
                  ) : (
                    <LoadingBlock text="正在计算补贴…" />
                  )}
                </View>
              ) : null}
            </View>
          ) : null}

          <View className="mz-section" data-testid="orders">
            <Text className="el-section-title">我的订餐</Text>
            {orders.length === 0 ? (
              <View className="mz-card" data-testid="no-orders">
                <EmptyState title="暂无订餐" description="在社区养老服务站或助餐点的页面可以订餐" />
              </View>
            ) : (
              orders.map((o) => (
                <View key={o.id} className="mz-card el-case" data-testid="order-row" data-status={o.status}>
                  <Text className="el-place__name">
                    {dayText(o.day)} {o.slotName} · {o.placeName}
                  </Text>
                  <Text className="el-place__meta">
                    用餐人 {o.dinerName}
                    {o.forFamily ? '（我为家人订）' : ''} · {o.pickedUpAt ? '已取餐' : o.statusName}
                  </Text>
                  <Text className="el-place__meta">
                    原价{yuan(o.priceCents)}元，补贴{yuan(o.subsidyCents)}元，应付{yuan(o.payCents)}元
                  </Text>
                  {o.pickupCode && o.pickupQr ? (
                    <View className="el-pickup" data-testid="pickup">
                      <Image className="el-pickup__qr" src={o.pickupQr} mode="aspectFit" />
                      <Text className="el-pickup__code" data-testid="pickup-code">
                        取餐码 {o.pickupCode}
                      </Text>
                      <Text className="el-place__meta">仅限本餐使用一次，取餐时请向助餐点出示</Text>
                    </View>
                  ) : null}
                  {o.cancellable ? (
                    <View className="el-actions">
                      <Button size="small" onClick={() => cancel(o)} data-testid="cancel">
                        取消订餐
                      </Button>
                    </View>
                  ) : null}
                </View>
              ))
            )}
          </View>
        </>
      )}
    </ElderGate>
  )
}
