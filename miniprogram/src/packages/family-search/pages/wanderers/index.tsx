import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { WANDERER_CONDITION_LABELS, type WandererCondition } from '@minzheng/contracts'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { isApiError, messageOf } from '../../../../services/errors'
import { myWanderers, registerWanderer, type Wanderer, withdrawWanderer } from '../../../../services/family-search'
import './index.scss'

const CONDITIONS = Object.entries(WANDERER_CONDITION_LABELS) as [WandererCondition, string][]

/**
 * 易走失人员登记: a family pre-registers a relative with dementia or a disability, with consent, so a
 * 救助管理站 that takes them in finds the family at once. Lists my registrations; consent can be withdrawn.
 */
export default function WanderersPage() {
  const [items, setItems] = useState<Wanderer[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [form, setForm] = useState({
    name: '',
    idNumber: '',
    birthYear: '',
    accent: '',
    features: '',
    homeDivisionCode: '',
    homePlace: '',
    guardianName: '',
    guardianPhone: ''
  })
  const [sex, setSex] = useState<'male' | 'female'>('male')
  const [condition, setCondition] = useState<WandererCondition | null>(null)
  const [consent, setConsent] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }))

  const load = useCallback(async () => {
    setLoadError(null)
    try {
      setItems((await myWanderers()).items)
    } catch (e) {
      setLoadError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  async function submit() {
    const found: Record<string, string> = {}
    if (form.name.trim().length < 2) found.name = '请填写姓名'
    if (!/^\d{4}$/.test(form.birthYear.trim())) found.birthYear = '请填写4位出生年份'
    if (!condition) found.condition = '请选择易走失原因'
    if (!/^\d{6}$/.test(form.homeDivisionCode.trim())) found.homeDivisionCode = '请填写6位县区代码'
    if (form.homePlace.trim().length < 2) found.homePlace = '请填写居住地址'
    if (form.guardianName.trim().length < 2) found.guardianName = '请填写监护人姓名'
    if (!/^1[3-9]\d{9}$/.test(form.guardianPhone.trim())) found.guardianPhone = '请填写11位手机号'
    if (!consent) found.consent = '请阅读并同意登记授权'
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    setNotice(null)
    try {
      await registerWanderer({
        name: form.name.trim(),
        idNumber: form.idNumber.trim() || undefined,
        sex,
        birthYear: Number(form.birthYear),
        accent: form.accent.trim() || undefined,
        features: form.features.trim() || undefined,
        condition: condition!,
        homeDivisionCode: form.homeDivisionCode.trim(),
        homePlace: form.homePlace.trim(),
        guardianName: form.guardianName.trim(),
        guardianPhone: form.guardianPhone.trim(),
        consent
      })
      Taro.showToast({ title: '已登记', icon: 'none' })
      setNotice('已登记。救助管理站查寻到相符人员时，会第一时间通知您。')
      await load()
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields)
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  async function withdraw(id: number) {
    const { confirm } = await Taro.showModal({
      title: '撤回授权',
      content: '撤回后登记信息和照片将被删除，救助管理站将无法通过登记找到您的家人。'
    })
    if (!confirm) return
    try {
      await withdrawWanderer(id)
      await load()
    } catch (e) {
      setNotice(messageOf(e))
    }
  }

  return (
    <PageShell className="mz-wanderers">
      <View className="mz-section">
        <View className="mz-section-title">我登记的家人</View>
        {loadError ? (
          <EmptyState title="登记信息暂时无法加载" description={loadError}>
            <Button size="small" onClick={() => void load()}>
              重试
            </Button>
          </EmptyState>
        ) : items === null ? (
          <LoadingBlock />
        ) : items.length === 0 ? (
          <EmptyState
            title="暂无登记"
            description="家中有失智、智力或精神障碍的亲人，可事先登记，走失后救助管理站能更快联系到您"
          />
        ) : (
          items.map((w) => (
            <View key={w.id} className="mz-card mz-wanderers__item" data-testid="wanderer">
              <Text className="mz-wanderers__name">
                {w.name}（{w.sexLabel}，{w.birthYear}年生）
              </Text>
              <Text className="mz-muted">{w.conditionLabel}</Text>
              {w.idNumber ? <Text className="mz-muted">身份证号：{w.idNumber}</Text> : null}
              <Text className="mz-muted">
                监护人：{w.guardian.name} {w.guardian.phone}
              </Text>
              <Button size="small" onClick={() => void withdraw(w.id)}>
                撤回授权并删除
              </Button>
            </View>
          ))
        )}
      </View>
      <View className="mz-section mz-card">
        <View className="mz-section-title">登记易走失家人</View>
        <FormField
          name="name"
          label="姓名"
          value={form.name}
          maxLength={20}
          error={errors.name}
          onChange={set('name')}
        />
        <View className="mz-wanderers__choices" data-field="sex">
          <Text className="mz-field__label">性别</Text>
          {(['male', 'female'] as const).map((s) => (
            <Button key={s} size="small" type={sex === s ? 'primary' : 'default'} onClick={() => setSex(s)}>
              {s === 'male' ? '男' : '女'}
            </Button>
          ))}
        </View>
        <FormField
          name="birthYear"
          label="出生年份"
          type="number"
          value={form.birthYear}
          maxLength={4}
          error={errors.birthYear}
          onChange={set('birthYear')}
        />
        <FormField
          name="idNumber"
          label="身份证号（选填）"
          type="idcard"
          value={form.idNumber}
          maxLength={18}
          error={errors.idNumber}
          onChange={set('idNumber')}
        />
        <View className="mz-wanderers__choices" data-field="condition">
          <Text className="mz-field__label">易走失原因</Text>
          {CONDITIONS.map(([k, label]) => (
            <Button key={k} size="small" type={condition === k ? 'primary' : 'default'} onClick={() => setCondition(k)}>
              {label}
            </Button>
          ))}
          {errors.condition ? <Text className="mz-wanderers__warn">{errors.condition}</Text> : null}
        </View>
        <FormField name="accent" label="口音" value={form.accent} maxLength={32} onChange={set('accent')} />
        <FormField
          name="features"
          label="体貌特征"
          value={form.features}
          maxLength={500}
          placeholder="如：左手缺小指，右眉有痣"
          onChange={set('features')}
        />
        <FormField
          name="homeDivisionCode"
          label="居住地县区代码"
          type="number"
          value={form.homeDivisionCode}
          maxLength={6}
          placeholder="6位代码，可在「区划地名」中查询"
          error={errors.homeDivisionCode}
          onChange={set('homeDivisionCode')}
        />
        <FormField
          name="homePlace"
          label="居住地址"
          value={form.homePlace}
          maxLength={200}
          error={errors.homePlace}
          onChange={set('homePlace')}
        />
        <FormField
          name="guardianName"
          label="监护人姓名"
          value={form.guardianName}
          maxLength={20}
          error={errors.guardianName}
          onChange={set('guardianName')}
        />
        <FormField
          name="guardianPhone"
          label="监护人手机"
          type="tel"
          value={form.guardianPhone}
          maxLength={11}
          error={errors.guardianPhone}
          onChange={set('guardianPhone')}
        />
        <View className="mz-wanderers__consent" data-field="consent" onClick={() => setConsent(!consent)}>
          <Text>
            {consent ? '☑' : '☐'}{' '}
            我是其监护人或近亲属，同意将以上信息（加密保存）提供给救助管理站，仅用于查找家人；可随时撤回。
          </Text>
        </View>
        {errors.consent ? <Text className="mz-wanderers__warn">{errors.consent}</Text> : null}
      </View>
      {notice ? <Text className="mz-section mz-wanderers__notice">{notice}</Text> : null}
      <View className="mz-section">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交登记
        </Button>
      </View>
    </PageShell>
  )
}
