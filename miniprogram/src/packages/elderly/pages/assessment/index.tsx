import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { useAuth } from '../../../../hooks/auth'
import { messageOf } from '../../../../services/errors'
import {
  type AssessmentSlotView,
  type AssessmentView,
  assessmentSlots,
  bookAssessment,
  myAssessments,
  withdrawAssessment
} from '../../../../services/elderly'
import '../../components/elderly.scss'
import { ElderGate } from '../../components/ElderGate'
import { ForWhom } from '../../components/ForWhom'
import { pageParam } from '../../components/nav'

/**
 * 老年人能力评估 (GB/T 42195): an organization's half-day slots (opened from its page with
 * ?placeId=), booked for myself or a linked parent; the organization confirms and records the
 * level, which the 助餐 subsidy and 养老服务补贴 then use. Below, my bookings and their results.
 */
export default function AssessmentPage() {
  const { user } = useAuth()
  const placeId = Number(pageParam('placeId')) || null
  const [slots, setSlots] = useState<{ placeName: string; items: AssessmentSlotView[] } | null>(null)
  const [mine, setMine] = useState<AssessmentView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [linkId, setLinkId] = useState(0)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      const [s, m] = await Promise.all([placeId ? assessmentSlots(placeId) : Promise.resolve(null), myAssessments()])
      setSlots(s)
      setMine(m.items)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [placeId])
  useEffect(() => {
    if (user) void load()
  }, [user, load])

  const book = async (slot: AssessmentSlotView) => {
    const ok = await Taro.showModal({
      title: '预约能力评估',
      content: `${slot.day} ${slot.periodName}，请按时携带被评估老人的身份证前往。`,
      confirmText: '确认预约',
      cancelText: '再想想'
    })
    if (!ok.confirm) return
    setBusy(true)
    try {
      const { number } = await bookAssessment(slot.id, linkId || undefined)
      Taro.showToast({ title: `已预约，编号${number}`, icon: 'none', duration: 2500 })
    } catch {
      // the toast said why (约满、已有预约、未绑定…)
    } finally {
      setBusy(false)
      await load()
    }
  }

  const withdraw = async (a: AssessmentView) => {
    const ok = await Taro.showModal({ title: '取消预约', content: `取消 ${a.day} ${a.periodName} 的评估预约？` })
    if (!ok.confirm) return
    try {
      await withdrawAssessment(a.number)
    } catch {
      // the toast said why
    }
    await load()
  }

  return (
    <ElderGate className="el-assessment" signInTitle="登录后预约能力评估" error={error} data={mine} onRetry={load}>
      {(mine) => (
        <>
          {slots ? (
            <View className="mz-section mz-card" data-testid="slots">
              <Text className="el-section-title">{slots.placeName} · 可预约时段</Text>
              <ForWhom value={linkId} onChange={setLinkId} />
              {slots.items.length === 0 ? (
                <View data-testid="no-slots">
                  <EmptyState title="暂无可预约的时段" description="评估机构还没有开放近两周的时段" />
                </View>
              ) : (
                slots.items.map((s) => (
                  <View key={s.id} className="el-fee" data-testid="slot" data-id={s.id}>
                    <Text className="el-fee__item">
                      {s.day} {s.periodName}
                    </Text>
                    {s.remaining > 0 ? (
                      <Button size="small" type="primary" loading={busy} onClick={() => book(s)}>
                        预约（余{s.remaining}）
                      </Button>
                    ) : (
                      <Text className="el-place__vacancy el-place__vacancy--none">已约满</Text>
                    )}
                  </View>
                ))
              )}
            </View>
          ) : null}

          <View className="mz-section" data-testid="assessments">
            <Text className="el-section-title">我的评估预约</Text>
            {mine.length === 0 ? (
              <View className="mz-card" data-testid="no-assessments">
                <EmptyState title="暂无评估预约" description="在养老机构的页面可以预约能力评估" />
              </View>
            ) : (
              mine.map((a) => (
                <View key={a.number} className="mz-card el-case" data-number={a.number}>
                  <Text className="el-place__name">
                    {a.subjectName} · {a.placeName}
                  </Text>
                  <Text className="el-place__meta">
                    {a.day} {a.periodName} · {a.stageName}
                  </Text>
                  {a.levelName ? (
                    <Text className="el-place__price" data-testid="level">
                      评估结果：{a.levelName}
                    </Text>
                  ) : null}
                  <Text className="el-place__meta">编号 {a.number}</Text>
                  {a.bookingCode ? (
                    <Text
                      className="el-place__meta"
                      data-testid="booking-code"
                      onClick={() =>
                        Taro.navigateTo({ url: `/packages/halls/pages/booking/index?code=${a.bookingCode}` })
                      }
                    >
                      预约码 {a.bookingCode}（在「我的预约」中查看） ›
                    </Text>
                  ) : null}
                  {a.status === 'open' ? (
                    <View className="el-actions">
                      <Button size="small" onClick={() => withdraw(a)}>
                        取消预约
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
