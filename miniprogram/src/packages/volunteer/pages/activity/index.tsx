import { Button } from '@nutui/nutui-react-taro'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import {
  type ActivityView,
  type AttendanceView,
  activity as loadActivity,
  beijingText,
  cancelSignup,
  myStatus,
  type SignupView,
  scan,
  signUp
} from '../../../../services/volunteer'
import '../../components/volunteer.scss'
import { go, PAGES, pageParam } from '../../components/nav'

/**
 * One activity: organizer, time, place, tasks, requirements, risks and insurance; sign up or
 * cancel; at the activity, sign in and out with the organizer's on-site code and the phone's
 * location (WeChat scans the QR; the H5 version takes the code typed in).
 */
export default function VolunteerActivityPage() {
  const id = Number(pageParam('id'))
  const [a, setA] = useState<ActivityView | null>(null)
  const [signup, setSignup] = useState<SignupView | null>(null)
  const [attendance, setAttendance] = useState<AttendanceView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      setA(await loadActivity(id))
      const mine = await myStatus(id).catch(() => ({ signup: null, attendance: null }))
      setSignup(mine.signup)
      setAttendance(mine.attendance)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  async function act(fn: () => Promise<unknown>, done: string) {
    setBusy(true)
    setNotice(null)
    try {
      await fn()
      setNotice(done)
      await load()
    } catch (e) {
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  async function scanCode(action: 'in' | 'out') {
    let text = code.trim()
    if (process.env.TARO_ENV === 'weapp') {
      const r = await Taro.scanCode({ onlyFromCamera: true }).catch(() => null)
      if (!r) return
      text = r.result
    }
    if (!text) {
      setNotice('请输入现场出示的签到码')
      return
    }
    // The browser (H5) gives WGS-84 only; WeChat gives GCJ-02.
    const here = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true })
      .catch(() => Taro.getLocation({ type: 'wgs84' }))
      .catch(() => null)
    if (!here) {
      setNotice('需要获取您的位置才能签到签退，请允许定位后再试')
      return
    }
    await act(
      () =>
        scan({
          code: text,
          action,
          lat: here.latitude,
          lng: here.longitude,
          accuracy: here.accuracy ?? 50,
          activityId: id
        }),
      action === 'in' ? '签到成功' : '签退成功，服务时长待组织确认'
    )
    setCode('')
  }

  if (error)
    return (
      <PageShell>
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      </PageShell>
    )
  if (!a)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  const active = signup && ['pending', 'approved', 'waitlisted'].includes(signup.status)
  return (
    <PageShell className="vo-activity">
      <View className="mz-section mz-card vo-card">
        <Text className="vo-title">{a.title}</Text>
        <Text className="vo-line">
          {a.typeName} · {a.statusName} · 剩余名额 {a.placesLeft}/{a.quota}
        </Text>
        <Text className="vo-line">
          组织者：{a.org?.name}（{a.org?.contact}）
        </Text>
        <Text className="vo-line">
          时间：{beijingText(a.startsAt)} 至 {beijingText(a.endsAt)}
        </Text>
        <Text className="vo-line">报名截止：{beijingText(a.signupDeadline)}</Text>
        <Text className="vo-line">地点：{a.address}</Text>
        <Text className="vo-line">内容：{a.description}</Text>
        {a.tasks ? <Text className="vo-line">岗位任务：{a.tasks}</Text> : null}
        {a.requirements ? <Text className="vo-line">参加条件：{a.requirements}</Text> : null}
        {a.risks ? <Text className="vo-line">风险提示：{a.risks}</Text> : null}
        <Text className="vo-line">{a.insurance ? '组织方为志愿者购买保险' : '本活动不提供保险'}</Text>
      </View>
      <View className="mz-section mz-card vo-card">
        <Text className="vo-title">我的报名</Text>
        {signup ? (
          <Text className="vo-line">
            状态：{signup.statusName}
            {signup.reason ? `（${signup.reason}）` : ''}
          </Text>
        ) : (
          <Text className="vo-hint">尚未报名</Text>
        )}
        <View className="vo-actions">
          {!active && a.status === 'published' ? (
            <Button
              type="primary"
              disabled={busy}
              onClick={() => void act(() => signUp(id), '报名成功，请等待组织者审核')}
            >
              我要报名
            </Button>
          ) : null}
          {active ? (
            <Button disabled={busy} onClick={() => void act(() => cancelSignup(id), '已取消报名')}>
              取消报名
            </Button>
          ) : null}
        </View>
      </View>
      {signup?.status === 'approved' ? (
        <View className="mz-section mz-card vo-card">
          <Text className="vo-title">现场签到</Text>
          {attendance ? (
            <>
              <Text className="vo-line">
                {attendance.statusName}
                {attendance.minutes !== null ? ` · 服务时长 ${(attendance.minutes / 60).toFixed(1)} 小时` : ''}
              </Text>
              {attendance.flagNames.map((f) => (
                <Text key={f} className="vo-warn">
                  {f}：须组织者审核确认后计入时长
                </Text>
              ))}
            </>
          ) : (
            <Text className="vo-hint">到达活动现场后，扫描组织者出示的签到码（二维码每30秒更新）</Text>
          )}
          {process.env.TARO_ENV === 'weapp' ? null : (
            <Input
              className="vo-input"
              placeholder="输入现场出示的签到码"
              value={code}
              onInput={(e) => setCode(e.detail.value)}
            />
          )}
          <View className="vo-actions">
            {!attendance ? (
              <Button type="primary" disabled={busy} onClick={() => void scanCode('in')}>
                扫码签到
              </Button>
            ) : null}
            {attendance?.status === 'signed_in' ? (
              <Button type="primary" disabled={busy} onClick={() => void scanCode('out')}>
                扫码签退
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}
      {notice ? (
        <View className="mz-section mz-card">
          <Text className="vo-line vo-notice">{notice}</Text>
        </View>
      ) : null}
      <View className="mz-section vo-actions">
        <Button onClick={() => go(PAGES.record)}>我的志愿记录</Button>
      </View>
    </PageShell>
  )
}
