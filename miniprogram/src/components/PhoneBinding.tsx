import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { messageOf } from '../services/errors'
import { bindPhone } from '../services/me'
import { showErrorToast } from '../services/request'
import type { User } from '../services/types'
import { devPhoneCode } from '../services/wechat-dev'
import { phoneProblem } from '../utils/idcard'
import { FormField } from './FormField'

interface Props {
  onBound(user: User): void
}

/**
 * 绑定手机号. In WeChat: the getPhoneNumber button gives a one-time code for PUT /api/me/phone.
 * On H5 (no such button): the citizen types the number and the simulator issues the code.
 */
export function PhoneBinding({ onBound }: Props) {
  const [busy, setBusy] = useState(false)

  const bindWithCode = async (code: string) => {
    setBusy(true)
    try {
      const user = await bindPhone(code)
      Taro.showToast({ title: '手机号已绑定', icon: 'success' })
      onBound(user)
    } catch {
      // the request layer has shown the message
    } finally {
      setBusy(false)
    }
  }

  if (process.env.TARO_ENV === 'h5') return <PhoneInputBinding busy={busy} onCode={bindWithCode} />

  const onGetPhoneNumber = (e: { detail: { code?: string; errMsg?: string } }) => {
    if (e.detail.code) void bindWithCode(e.detail.code)
    else showErrorToast('未获取到手机号，请重试')
  }
  return (
    <View className="mz-phone-binding">
      <Text className="mz-muted">使用微信绑定的手机号，便于接收办事进度通知。</Text>
      <View className="mz-form-actions">
        <Button block type="primary" openType="getPhoneNumber" loading={busy} onGetPhoneNumber={onGetPhoneNumber}>
          微信手机号一键绑定
        </Button>
      </View>
    </View>
  )
}

function PhoneInputBinding({ busy, onCode }: { busy: boolean; onCode(code: string): Promise<void> }) {
  const [phone, setPhone] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    const problem = phoneProblem(phone)
    setError(problem)
    if (problem) return
    try {
      const { code } = await devPhoneCode(phone.trim())
      await onCode(code)
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <View className="mz-phone-binding">
      <FormField
        name="phone"
        label="手机号"
        type="tel"
        value={phone}
        maxLength={11}
        placeholder="请输入11位手机号"
        error={error}
        onChange={setPhone}
      />
      <View className="mz-form-actions">
        <Button block type="primary" loading={busy} onClick={submit}>
          绑定手机号
        </Button>
      </View>
    </View>
  )
}
