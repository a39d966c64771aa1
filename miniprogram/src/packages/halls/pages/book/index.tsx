import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import type { ApiError } from '../../../../services/errors'
import {
  availability,
  book,
  bookingOptions,
  periods as loadPeriods,
  type BookingOptions,
  type CalendarDay,
  type Period
} from '../../../../services/halls'
import { askRealName, Problem } from '../../components/Problem'
import { askNoticeConsent } from '../../../../services/notices'
import '../../halls.scss'

const STATE_TEXT: Record<string, string> = {
  open: '可约',
  full: '约满',
  closed: '休息',
  unpublished: '待公布',
  not_open_yet: '未开放',
  past: '已过',
  lottery: '抽签'
}
const WEEK = ['日', '一', '二', '三', '四', '五', '六']

/**
 * The booking flow: the rules first (including what a no-show costs), then the calendar with
 * full and closed days, a period, and the confirmation with consent to notices.
 */
export default function BookPage() {
  const { params } = useRouter()
  const hallId = Number(params.hallId)
  const serviceCode = params.serviceCode ?? ''
  const [options, setOptions] = useState<BookingOptions | null>(null)
  const [days, setDays] = useState<CalendarDay[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const [date, setDate] = useState<string | null>(null)
  const [list, setList] = useState<Period[] | null>(null)
  const [period, setPeriod] = useState<string | null>(null)
  const [consent, setConsent] = useState(true)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!Number.isInteger(hallId) || hallId <= 0 || !serviceCode) return setProblem('链接不完整')
    Promise.all([bookingOptions(hallId, serviceCode), availability(hallId, serviceCode)]).then(
      ([o, a]) => {
        setOptions(o)
        setDays(a.days)
      },
      (e) => setProblem((e as Error).message)
    )
  }, [hallId, serviceCode])

  const pickDate = async (d: CalendarDay) => {
    if (d.status === 'lottery') return Taro.showToast({ title: '该日为热门日期，号源通过公开抽签分配', icon: 'none' })
    if (d.status === 'unpublished') return Taro.showToast({ title: '该日节假日安排待公布，暂不能预约', icon: 'none' })
    if (d.status !== 'open') return
    setDate(d.date)
    setPeriod(null)
    setList(null)
    setList((await loadPeriods(hallId, serviceCode, d.date)).periods)
  }

  const submit = async () => {
    if (!date || !period) return
    setBusy(true)
    try {
      // Asked from the tap itself, as WeChat requires; each 允许 lets one notice through.
      if (consent) await askNoticeConsent(['booking.confirmed', 'booking.reminder'])
      const { booking } = await book({ hallId, serviceCode, date, period, consentNotices: consent })
      Taro.redirectTo({ url: `/packages/halls/pages/booking/index?code=${booking.code}` })
    } catch (e) {
      const err = e as ApiError
      if (err.code === 'REAL_NAME_REQUIRED') askRealName(err.message)
      if (err.code === 'SLOT_FULL') setList((await loadPeriods(hallId, serviceCode, date)).periods)
    } finally {
      setBusy(false)
    }
  }

  if (problem)
    return (
      <PageShell>
        <Problem title="暂不能预约" description={problem} />
      </PageShell>
    )
  if (!options)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )

  return (
    <PageShell>
      <View className="hl-head">
        <Text className="hl-head__name">{options.serviceName}</Text>
        <Text className="hl-head__sub">
          {options.twoParty ? '需双方到场，预约后请邀请另一方确认' : '本人预约，本人到场'}
        </Text>
      </View>
      <View className="mz-section mz-card" data-testid="rules">
        <Text className="hl-label">预约须知</Text>
        {options.rules.map((r) => (
          <Text key={r} className="hl-rule">
            · {r}
          </Text>
        ))}
      </View>
      <View className="mz-section">
        <View className="mz-section-title">选择日期</View>
        <View className="mz-card hl-days" data-testid="calendar">
          {days.map((d) => (
            <View
              key={d.date}
              data-date={d.date}
              data-status={d.status}
              className={`hl-day hl-day--${d.status}${date === d.date ? ' hl-day--selected' : ''}`}
              onClick={() => void pickDate(d)}
            >
              <Text className="hl-day__date">
                {d.date.slice(5)} {WEEK[new Date(`${d.date}T00:00:00Z`).getUTCDay()]}
              </Text>
              <Text className="hl-day__state">{d.status === 'open' ? `余${d.remaining}` : STATE_TEXT[d.status]}</Text>
            </View>
          ))}
        </View>
      </View>
      {date ? (
        <View className="mz-section">
          <View className="mz-section-title">选择时段（{date}）</View>
          <View className="mz-card" data-testid="periods">
            {!list ? (
              <LoadingBlock />
            ) : (
              list.map((p) => (
                <View
                  key={p.period}
                  data-period={p.period}
                  className={`hl-period ${!p.available ? 'hl-period--off' : period === p.period ? 'hl-period--selected' : 'hl-period--on'}`}
                  onClick={() => p.available && setPeriod(p.period)}
                >
                  <Text>
                    {p.start}-{p.end}
                  </Text>
                  <Text>{p.available ? `余${p.remaining}` : p.remaining ? '已截止' : '已约满'}</Text>
                </View>
              ))
            )}
          </View>
        </View>
      ) : null}
      {period ? (
        <View className="mz-section mz-card" data-testid="confirm">
          <View
            className={`hl-check${consent ? ' hl-check--on' : ''}`}
            data-testid="consent"
            onClick={() => setConsent(!consent)}
          >
            <Text className="hl-check__box">{consent ? '✓' : ''}</Text>
            <Text className="hl-text">接收预约成功、到场提醒和叫号通知</Text>
          </View>
          <View className="mz-form-actions">
            <Button block type="primary" loading={busy} data-testid="submit-booking" onClick={() => void submit()}>
              确认预约 {date} {list?.find((p) => p.period === period)?.start}
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}
