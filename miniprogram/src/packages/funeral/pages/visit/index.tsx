import { Button } from '@nutui/nutui-react-taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import {
  bookVisit,
  type FuneralPlaceView,
  placeDetail,
  type VisitPass,
  type VisitSlot,
  visitSlots
} from '../../../../services/funeral'
import '../../components/funeral.scss'
import { pageParams } from '../../components/nav'

/**
 * 绿色通道: visitors aged 60 or over, or disabled, need no phone — staff at the cemetery book them
 * in person from seats held back for them (server: bookGreen). Said on the booking page, with the
 * cemetery's phone and, per slot, the held-back seats left.
 */
function GreenChannel({ place }: { place: FuneralPlaceView | null }) {
  return (
    <View className="mz-section mz-card fu-green" data-testid="green-channel">
      <Text className="fu-section__title">绿色通道</Text>
      <Text className="fu-line">
        年满60周岁的老人或持残疾人证的祭扫人，不用手机预约：请在开放日到{place?.name ?? '公墓'}
        入口服务台，出示身份证（残疾人另带残疾人证），由工作人员现场登记预约，优先使用预留名额入园。
      </Text>
      <Text className="fu-line">子女可陪同老人前往，也可为老人在线预约后一同入园。</Text>
      {place?.phone ? <Text className="fu-line">咨询电话：{place.phone}</Text> : null}
    </View>
  )
}

/** 祭扫 booking at one cemetery: a day's hourly slots with places left, up to 4 companions, the pass. */
export default function VisitPage() {
  const placeId = useMemo(() => Number(pageParams().id ?? 0), [])
  // ?date=YYYY-MM-DD opens that day (a link for 清明 or 冬至 can name it)
  const [date, setDate] = useState(() => {
    const d = String(pageParams().date ?? '')
    return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : ''
  })
  const [slots, setSlots] = useState<VisitSlot[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [slotId, setSlotId] = useState<number | null>(null)
  const [deceasedName, setDeceasedName] = useState('')
  const [companions, setCompanions] = useState(0)
  const [pass, setPass] = useState<VisitPass | null>(null)
  const [busy, setBusy] = useState(false)
  const [place, setPlace] = useState<FuneralPlaceView | null>(null)
  useEffect(() => {
    if (placeId)
      placeDetail(placeId)
        .then((d) => setPlace(d.place))
        .catch(() => setPlace(null))
  }, [placeId])

  const load = useCallback(async () => {
    if (!date) return
    setError(null)
    setSlots(null)
    try {
      setSlots(await visitSlots(placeId, date))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [placeId, date])
  useEffect(() => {
    void load()
  }, [load])

  const book = async () => {
    if (!slotId || !deceasedName.trim()) {
      Taro.showToast({ title: '请选择时段并填写逝者姓名', icon: 'none' })
      return
    }
    setBusy(true)
    try {
      setPass(await bookVisit(slotId, deceasedName.trim(), companions))
    } catch {
      void load()
    } finally {
      setBusy(false)
    }
  }

  if (pass)
    return (
      <PageShell className="fu-visit">
        <View className="mz-section mz-card fu-place" data-testid="pass">
          <Text className="fu-place__name">祭扫通行码</Text>
          <Text className="fu-pay">{pass.code}</Text>
          <Text className="fu-line">
            {pass.place.name} · {pass.date} {pass.start}-{pass.end}
          </Text>
          <Text className="fu-line">
            祭扫对象：{pass.deceasedName} · 共{pass.persons}人
          </Text>
          <Text className="fu-hint">请按预约时段入园，在入口出示此码。</Text>
        </View>
      </PageShell>
    )
  return (
    <PageShell className="fu-visit">
      <View className="mz-section mz-card">
        <Picker mode="date" value={date} onChange={(e) => setDate(e.detail.value)}>
          <View className="fu-input">{date || '选择祭扫日期'}</View>
        </Picker>
      </View>
      {date && !slots && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      ) : null}
      {slots && slots.length === 0 ? (
        <EmptyState title="当日未开放预约" description="清明、冬至期间开放，请选择其他日期" />
      ) : null}
      {slots && slots.length > 0 ? (
        <View className="mz-section mz-card">
          <View className="fu-tabs">
            {slots.map((s) => (
              <Text
                key={s.id}
                data-testid="slot"
                className={`fu-tab ${slotId === s.id ? 'fu-tab--on' : ''}`}
                onClick={() => s.remaining > 0 && setSlotId(s.id)}
              >
                {s.start}-{s.end} {s.remaining > 0 ? `余${s.remaining}` : '已约满'}
                {s.greenCapacity ? ` · 绿色通道余${s.greenRemaining ?? 0}` : ''}
              </Text>
            ))}
          </View>
          <Input
            className="fu-input"
            placeholder="逝者姓名"
            value={deceasedName}
            onInput={(e) => setDeceasedName(e.detail.value)}
          />
          <View className="fu-tabs">
            {[0, 1, 2, 3, 4].map((n) => (
              <Text
                key={n}
                className={`fu-tab ${companions === n ? 'fu-tab--on' : ''}`}
                onClick={() => setCompanions(n)}
              >
                随行{n}人
              </Text>
            ))}
          </View>
          <Button type="primary" loading={busy} onClick={() => void book()} data-testid="book">
            预约
          </Button>
          <Text className="fu-hint">每人每个时段限约一次，最多携带4名随行人员。</Text>
        </View>
      ) : null}
      <GreenChannel place={place} />
    </PageShell>
  )
}
