import { Button } from '@nutui/nutui-react-taro'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { PageShell } from '../../../../components/PageShell'
import { isApiError, messageOf } from '../../../../services/errors'
import { askForHelp, NEED_CATEGORIES, NEED_CATEGORY_NAMES, type NeedCategory } from '../../../../services/social-work'
import '../../components/social-work.scss'
import { PAGES, pageParam } from '../../components/nav'

/** Ask the station of my 乡镇/街道 for help: a category, what I need, how to reach me. */
export default function SocialWorkAskPage() {
  const divisionCode = pageParam('division') ?? ''
  const [category, setCategory] = useState<NeedCategory | null>(null)
  const [description, setDescription] = useState('')
  const [contactName, setContactName] = useState('')
  const [phone, setPhone] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (!/^\d{9}/.test(divisionCode))
    return (
      <PageShell>
        <EmptyState title="请先选择社工站" description="请从社工站页面点击「向本站求助」">
          <Button onClick={() => void Taro.redirectTo({ url: PAGES.home })}>查看社工站</Button>
        </EmptyState>
      </PageShell>
    )

  async function submit() {
    const found: Record<string, string> = {}
    if (!category) found.category = '请选择求助类别'
    if (!description.trim()) found.description = '请填写求助内容'
    if (contactName.trim().length < 2) found.contactName = '请填写联系人姓名'
    if (!/^1\d{10}$/.test(phone.trim())) found.phone = '请填写11位手机号码'
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    setNotice(null)
    try {
      await askForHelp({
        category: category!,
        divisionCode,
        description: description.trim(),
        contactName: contactName.trim(),
        phone: phone.trim()
      })
      Taro.showToast({ title: '已提交，社工站将尽快联系您', icon: 'none' })
      await Taro.redirectTo({ url: PAGES.requests })
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields)
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className="sw-ask">
      <View className="mz-section mz-card sw-card">
        <Text className="sw-title">求助类别</Text>
        <View className="sw-tabs" data-field="category">
          {NEED_CATEGORIES.map((c) => (
            <Text key={c} className={`sw-tab ${c === category ? 'sw-tab--on' : ''}`} onClick={() => setCategory(c)}>
              {NEED_CATEGORY_NAMES[c]}
            </Text>
          ))}
        </View>
        {errors.category ? <Text className="sw-warn">{errors.category}</Text> : null}
      </View>
      <View className="mz-section mz-card sw-card" data-field="description">
        <Text className="sw-title">需要什么帮助</Text>
        <Textarea
          className="sw-textarea"
          value={description}
          maxlength={1000}
          placeholder="请描述您或家人遇到的困难，以及希望得到的帮助"
          onInput={(e) => setDescription(e.detail.value)}
        />
        {errors.description ? <Text className="sw-warn">{errors.description}</Text> : null}
      </View>
      <View className="mz-section mz-card">
        <FormField
          name="contactName"
          label="联系人"
          value={contactName}
          maxLength={30}
          error={errors.contactName}
          onChange={setContactName}
        />
        <FormField
          name="phone"
          label="手机号码"
          type="tel"
          value={phone}
          maxLength={11}
          error={errors.phone}
          onChange={setPhone}
        />
        <Text className="sw-hint">联系方式仅社工站工作人员可见，用于与您联系</Text>
      </View>
      {notice ? <Text className="mz-section sw-warn">{notice}</Text> : null}
      <View className="mz-section sw-actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交求助
        </Button>
      </View>
    </PageShell>
  )
}
