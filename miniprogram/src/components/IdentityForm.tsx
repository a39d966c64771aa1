import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { isApiError } from '../services/errors'
import { bindIdentity } from '../services/me'
import type { User } from '../services/types'
import { idNumberProblem, nameProblem } from '../utils/idcard'
import { FormField } from './FormField'

type Fields = 'name' | 'idNumber'
type Errors = Partial<Record<Fields, string>>

/**
 * 实名认证: name + identity number, checked here first (GB 11643 check digit), then by the
 * server, whose field messages are shown under the fields.
 */
export function IdentityForm({ onBound }: { onBound(user: User): void }) {
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [submitting, setSubmitting] = useState(false)
  // Why the verification refused (nothing was bound): stays on the form until the next try.
  const [refusal, setRefusal] = useState<string | null>(null)

  const submit = async () => {
    const next: Errors = {}
    const nameError = nameProblem(name)
    const idError = idNumberProblem(idNumber)
    if (nameError) next.name = nameError
    if (idError) next.idNumber = idError
    setErrors(next)
    if (nameError || idError) return
    setSubmitting(true)
    try {
      setRefusal(null)
      const { user, reclaimed } = await bindIdentity({ name: name.trim(), idNumber: idNumber.trim().toUpperCase() })
      if (reclaimed) await Taro.showModal({ title: '实名认证成功', content: reclaimed.message, showCancel: false })
      else Taro.showToast({ title: '实名认证成功', icon: 'success' })
      onBound(user)
    } catch (e) {
      if (isApiError(e)) {
        setErrors({ name: e.fields.name, idNumber: e.fields.idNumber })
        if (e.code === 'IDENTITY_NOT_VERIFIED' || e.code === 'IDENTITY_VERIFY_UNAVAILABLE') setRefusal(e.message)
      }
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="mz-identity-form" data-testid="identity-form">
      {refusal && (
        <View className="mz-identity-form__pending" data-testid="identity-refusal">
          未通过实名核验：{refusal}
        </View>
      )}
      <FormField
        name="name"
        label="姓名"
        value={name}
        placeholder="请输入身份证上的姓名"
        maxLength={20}
        error={errors.name}
        onChange={setName}
      />
      <FormField
        name="idNumber"
        label="身份证号"
        type="idcard"
        value={idNumber}
        placeholder="请输入18位身份证号"
        maxLength={18}
        error={errors.idNumber}
        onChange={setIdNumber}
      />
      <View className="mz-form-actions">
        <Button block type="primary" loading={submitting} onClick={submit}>
          提交实名认证
        </Button>
      </View>
    </View>
  )
}
