import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { cancelBooking, getBooking, type Booking } from '../../../../services/halls'
import { copyPageLink } from '../../../../utils/link'
import { Problem } from '../../components/Problem'
import '../../halls.scss'

/** One booking: status, the check-in QR (staff scan it), the invitation for the other party, cancel. */
export default function BookingPage() {
  const { params } = useRouter()
  const code = params.code ?? ''
  const [b, setB] = useState<Booking | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = () =>
    getBooking(code).then(
      (r) => setB(r.booking),
      (e) => setError((e as Error).message)
    )
  useEffect(() => {
    void load()
  }, [code])

  // The other party opens the invitation from the shared card with their own WeChat.
  useShareAppMessage(() => ({
    title: b ? `邀请您确认${b.date}的${b.serviceName}预约` : '预约邀请',
    path: `/packages/halls/pages/invitation/index?code=${b?.invitation?.code ?? ''}`
  }))

  if (error)
    return (
      <PageShell>
        <Problem title="未找到该预约" description={error} />
      </PageShell>
    )
  if (!b)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )

  const cancel = async () => {
    const r = await Taro.showModal({ title: '取消预约', content: '确定取消这次预约吗？号源将释放给其他人。' })
    if (r.confirm) setB((await cancelBooking(code)).booking)
  }

  return (
    <PageShell>
      <View className="hl-head">
        <Text className="hl-head__name">
          {b.serviceName}
          {b.visit === 2 ? '（第二次到场）' : ''}
        </Text>
        <Text className="hl-head__sub">
          {b.hallName} · {b.date} {b.time}
        </Text>
        <Text className="hl-badge" data-testid="booking-status">
          {b.statusText}
        </Text>
      </View>
      {b.checkInQr ? (
        <View className="mz-section mz-card" data-testid="check-in">
          <Text className="hl-label">到大厅后出示签到码</Text>
          <Image className="hl-qr" src={b.checkInQr} />
          <Text className="hl-code" data-testid="booking-code">
            {b.code}
          </Text>
        </View>
      ) : null}
      {b.invitation ? (
        <View className="mz-section mz-card" data-testid="invitation">
          <Text className="hl-label">请另一方用本人微信确认（24小时内有效）</Text>
          <Text className="hl-code">{b.invitation.code}</Text>
          <View className="mz-form-actions">
            {process.env.TARO_ENV === 'h5' ? (
              <Button
                block
                type="primary"
                data-testid="copy-invitation-link"
                onClick={() =>
                  void copyPageLink(
                    `packages/halls/pages/invitation/index?code=${b.invitation!.code}`,
                    `邀请您确认${b.date}的${b.serviceName}预约`
                  )
                }
              >
                复制邀请链接发给另一方
              </Button>
            ) : (
              <Button block type="primary" openType="share">
                发送邀请给另一方
              </Button>
            )}
            <Button block onClick={() => Taro.setClipboardData({ data: b.invitation!.code })}>
              复制邀请码
            </Button>
          </View>
        </View>
      ) : null}
      <View className="mz-section mz-card">
        <Text className="hl-label">地址</Text>
        <Text className="hl-text">{b.hallAddress}</Text>
      </View>
      {['awaiting_partner', 'confirmed'].includes(b.status) ? (
        <View className="mz-section mz-form-actions">
          <Button block onClick={() => void cancel()}>
            取消预约
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
