import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { PageShell } from '../../../../components/PageShell'
import type { ApiError } from '../../../../services/errors'
import { acceptInvitation, getInvitation, type Invitation } from '../../../../services/halls'
import { askRealName } from '../../components/Problem'
import '../../halls.scss'

/** The other party confirms a two-party booking with their own WeChat and real name. */
export default function InvitationPage() {
  const { params } = useRouter()
  const [code, setCode] = useState((params.code ?? '').toUpperCase())
  const [inv, setInv] = useState<Invitation | null>(null)
  const [error, setError] = useState<string | null>(null)

  const look = (c: string) => {
    if (!/^[A-Z0-9]{8}$/.test(c)) return setError('邀请码为8位字母或数字')
    getInvitation(c).then(
      (r) => {
        setInv(r.invitation)
        setError(null)
      },
      (e) => setError((e as Error).message)
    )
  }
  useEffect(() => {
    if (code) look(code)
  }, [])

  const accept = async () => {
    try {
      const r = await acceptInvitation(code)
      Taro.redirectTo({ url: `/packages/halls/pages/booking/index?code=${r.booking.code}` })
    } catch (e) {
      if ((e as ApiError).code === 'REAL_NAME_REQUIRED') askRealName((e as ApiError).message)
    }
  }

  return (
    <PageShell>
      <View className="mz-section mz-card">
        <Text className="hl-label">邀请码</Text>
        <Input
          className="hl-input"
          value={code}
          maxLength={8}
          placeholder="请输入8位邀请码"
          onChange={(v) => setCode(String(v).toUpperCase())}
        />
        <View className="mz-form-actions">
          <Button block onClick={() => look(code)}>
            查看邀请
          </Button>
        </View>
        {error ? (
          <Text className="hl-rule" data-testid="invitation-error">
            {error}
          </Text>
        ) : null}
      </View>
      {inv ? (
        <View className="mz-section mz-card" data-testid="invitation-preview">
          <Text className="hl-text">
            {inv.inviter ?? '对方'} 邀请您共同办理「{inv.serviceName}」
          </Text>
          <Text className="hl-text">
            {inv.hallName}，{inv.date} {inv.time}
          </Text>
          <Text className="hl-rule">请携带：{inv.materials}</Text>
          <View className="mz-form-actions">
            <Button block type="primary" onClick={() => void accept()}>
              我已确认，共同前往
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}
