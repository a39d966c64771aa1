import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { type ApiError, isPermanent } from '../../../../services/errors'
import { getHall, resolveScene, takeTicket, type HallDetail } from '../../../../services/halls'
import { Problem } from '../../components/Problem'
import '../../halls.scss'

type State =
  | { kind: 'loading' }
  | { kind: 'problem'; title: string; description: string }
  | { kind: 'ready'; hall: HallDetail; focus: { windowNumber: string | null; serviceCode: string | null } }

/**
 * 服务大厅: opened by scanning the code on the hall's wall (`scene` launch parameter) or from the
 * list. What is open now, the services here (须知, 预约, 取号), the windows, the way there.
 */
export default function HallPage() {
  const { params } = useRouter()
  const [state, setState] = useState<State>({ kind: 'loading' })

  useEffect(() => {
    const load = async () => {
      try {
        if (params.scene) {
          const r = await resolveScene(decodeURIComponent(params.scene))
          setState({ kind: 'ready', hall: r.hall, focus: { windowNumber: r.windowNumber, serviceCode: r.serviceCode } })
        } else if (params.id && /^\d+$/.test(params.id)) {
          const r = await getHall(Number(params.id))
          setState({ kind: 'ready', hall: r.hall, focus: { windowNumber: null, serviceCode: null } })
        } else {
          setState({ kind: 'problem', title: '未找到服务大厅', description: '链接不完整，请在大厅列表中选择。' })
        }
      } catch (e) {
        const err = e as ApiError
        const title =
          err.code === 'SCENE_WITHDRAWN'
            ? '该二维码已停用'
            : err.code === 'SCENE_UNKNOWN'
              ? '无法识别该二维码'
              : isPermanent(e)
                ? '该服务大厅不存在'
                : '大厅信息暂时无法加载'
        const description = isPermanent(e)
          ? err.code === 'SCENE_WITHDRAWN' || err.code === 'SCENE_UNKNOWN'
            ? err.message
            : '没有找到这个服务大厅，它可能已撤销或链接有误。请在大厅列表中选择。'
          : err.message || '请稍后再试'
        setState({ kind: 'problem', title, description })
      }
    }
    void load()
  }, [params.scene, params.id])

  if (state.kind === 'loading')
    return (
      <PageShell>
        <LoadingBlock text="正在打开服务大厅…" />
      </PageShell>
    )
  if (state.kind === 'problem')
    return (
      <PageShell>
        <Problem title={state.title} description={state.description} />
      </PageShell>
    )
  const { hall, focus } = state
  const services = focus.serviceCode
    ? [...hall.services].sort((a) => (a.code === focus.serviceCode ? -1 : 0))
    : hall.services

  const ticket = async (serviceCode: string) => {
    const r = await takeTicket({ hallId: hall.id, serviceCode })
    Taro.navigateTo({ url: `/packages/halls/pages/ticket/index?id=${r.ticket.id}` })
  }
  const map = () =>
    hall.location && Taro.openLocation({ ...hall.location, name: hall.name, address: hall.address }).catch(() => {})

  return (
    <PageShell className="hl-hall">
      <View className="hl-head" data-testid="hall-head">
        <Text className="hl-head__name" data-testid="hall-name">
          {hall.name}
        </Text>
        <Text className="hl-head__sub">
          {hall.divisionName} · {hall.hours.text}
          {hall.hours.lunchBreak ? `（午休 ${hall.hours.lunchBreak.join('-')}）` : ''}
        </Text>
        <Text className={`hl-badge${hall.now.open ? ' hl-badge--open' : ''}`} data-testid="hall-now">
          {hall.now.text}
        </Text>
        {focus.windowNumber ? (
          <Text className="hl-head__sub" data-testid="hall-window">
            您在 {focus.windowNumber} 号窗口附近
          </Text>
        ) : null}
      </View>

      <View className="mz-section mz-card">
        <View className="hl-row" onClick={map}>
          <View className="hl-row__main">
            <Text className="hl-row__title">{hall.address}</Text>
            <Text className="hl-row__desc">今日：{hall.today.note}</Text>
          </View>
          {hall.location ? <Text className="hl-link">导航</Text> : null}
        </View>
        {hall.phone ? (
          <View className="hl-row" onClick={() => Taro.makePhoneCall({ phoneNumber: hall.phone! }).catch(() => {})}>
            <Text className="hl-row__title">咨询电话 {hall.phone}</Text>
            <Text className="hl-link">拨打</Text>
          </View>
        ) : null}
      </View>

      <View className="mz-section">
        <View className="mz-section-title">在这里可以办</View>
        <View className="mz-card" data-testid="hall-services">
          {services.map((s) => (
            <View key={s.code} className="hl-row" data-code={s.code}>
              <View
                className="hl-row__main"
                onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/service/index?code=${s.code}` })}
              >
                <Text className="hl-row__title">{s.name}</Text>
                <Text className="hl-row__desc">
                  {s.visits <= 1 ? '最多跑一次' : `需到场${s.visits}次`} · {s.promisedLimit} · 办理须知 ›
                </Text>
              </View>
              <View className="hl-actions">
                {s.bookable ? (
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`book-${s.code}`}
                    onClick={() =>
                      Taro.navigateTo({
                        url: `/packages/halls/pages/book/index?hallId=${hall.id}&serviceCode=${s.code}`
                      })
                    }
                  >
                    预约
                  </Button>
                ) : null}
                {hall.now.open ? (
                  <Button size="small" data-testid={`ticket-${s.code}`} onClick={() => void ticket(s.code)}>
                    取号
                  </Button>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      </View>

      <View className="mz-section">
        <View className="mz-section-title">窗口</View>
        <View className="mz-card">
          {hall.windows.map((w) => (
            <View key={w.number} className="hl-row">
              <View className="hl-row__main">
                <Text className="hl-row__title">
                  {w.number} 号 · {w.name}
                  {w.priorityLane ? '（老年人、残疾人优先）' : ''}
                </Text>
                <Text className="hl-row__desc">{w.services.map((x) => x.name).join('、')}</Text>
              </View>
            </View>
          ))}
        </View>
      </View>

      <View className="mz-section mz-form-actions">
        <Button
          block
          data-testid="to-my-bookings"
          onClick={() => Taro.navigateTo({ url: '/packages/halls/pages/my-bookings/index' })}
        >
          我的预约 · 签到码
        </Button>
      </View>
    </PageShell>
  )
}
