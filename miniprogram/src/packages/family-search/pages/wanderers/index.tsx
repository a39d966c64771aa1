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
import {
  myWanderers,
  registerWanderer,
  uploadWandererPhoto,
  type Wanderer,
  withdrawWanderer
} from '../../../../services/family-search'
import type { Division } from '../../../../services/types'
import { ChoiceRow } from '../../components/ChoiceRow'
import { HomeDivisionField } from '../../components/HomeDivisionField'
import { checkPerson, EMPTY_PERSON, PersonFields, type PersonDraft, personInput } from '../../components/PersonFields'
import { PhotoField } from '../../components/PhotoField'
import './index.scss'

const CONDITIONS = Object.entries(WANDERER_CONDITION_LABELS) as (readonly [WandererCondition, string])[]

/** The fields of this form besides the person's description, in the order shown. */
const TEXT_FIELDS = [
  { key: 'name', label: '姓名', max: 20 },
  { key: 'birthYear', label: '出生年份', max: 4, type: 'number' },
  { key: 'idNumber', label: '身份证号（选填）', max: 18, type: 'idcard' }
] as const
const GUARDIAN_FIELDS = [
  { key: 'homePlace', label: '居住地址', max: 200, placeholder: '街道门牌，如：光华路5号院3号楼' },
  { key: 'guardianName', label: '监护人姓名', max: 20 },
  { key: 'guardianPhone', label: '监护人手机', max: 11, type: 'tel' }
] as const
type TextKey = (typeof TEXT_FIELDS)[number]['key'] | (typeof GUARDIAN_FIELDS)[number]['key']
type Texts = Record<TextKey, string>
const EMPTY_TEXTS: Texts = { name: '', birthYear: '', idNumber: '', homePlace: '', guardianName: '', guardianPhone: '' }

function check(
  texts: Texts,
  person: PersonDraft,
  condition: WandererCondition | null,
  home: Division[],
  consent: boolean
) {
  const found: Record<string, string> = { ...checkPerson(person) }
  if (texts.name.trim().length < 2) found.name = '请填写姓名'
  if (!/^\d{4}$/.test(texts.birthYear.trim())) found.birthYear = '请填写4位出生年份'
  if (!condition) found.condition = '请选择易走失原因'
  const last = home[home.length - 1]
  if (!last || (last.level ?? 0) < 3) found.homeDivisionCode = '请选择居住地，至少到县区'
  if (texts.homePlace.trim().length < 2) found.homePlace = '请填写居住地址'
  if (texts.guardianName.trim().length < 2) found.guardianName = '请填写监护人姓名'
  if (!/^1[3-9]\d{9}$/.test(texts.guardianPhone.trim())) found.guardianPhone = '请填写11位手机号'
  if (!consent) found.consent = '请阅读并同意登记授权'
  return found
}

/**
 * 易走失人员登记: a family pre-registers a relative with dementia or a disability, with consent, so a
 * 救助管理站 that takes them in finds the family at once. The home is picked from the divisions (five
 * levels), a photo can go with it (EXIF removed by the server). Lists my registrations; a photo can be
 * added later; consent can be withdrawn.
 */
export default function WanderersPage() {
  const [items, setItems] = useState<Wanderer[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [texts, setTexts] = useState<Texts>(EMPTY_TEXTS)
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON)
  const [condition, setCondition] = useState<WandererCondition | null>(null)
  const [home, setHome] = useState<Division[]>([])
  const [photo, setPhoto] = useState<string | null>(null)
  const [consent, setConsent] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [photoBusy, setPhotoBusy] = useState<number | null>(null)
  const setText = (k: TextKey) => (v: string) => setTexts((t) => ({ ...t, [k]: v }))

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
    const found = check(texts, person, condition, home, consent)
    setErrors(found)
    if (Object.keys(found).length) {
      Taro.showToast({ title: Object.values(found)[0], icon: 'none' })
      return
    }
    setBusy(true)
    setNotice(null)
    try {
      const saved = await registerWanderer({
        name: texts.name.trim(),
        idNumber: texts.idNumber.trim().toUpperCase() || undefined,
        ...personInput(person),
        birthYear: Number(texts.birthYear),
        condition: condition!,
        homeDivisionCode: home[home.length - 1].code,
        homePlace: texts.homePlace.trim(),
        guardianName: texts.guardianName.trim(),
        guardianPhone: texts.guardianPhone.trim(),
        consent
      })
      let photoProblem: string | null = null
      if (photo) {
        try {
          await uploadWandererPhoto(saved.id, photo)
        } catch (e) {
          photoProblem = messageOf(e)
        }
      }
      Taro.showToast({ title: '已登记', icon: 'none' })
      setNotice(
        photoProblem
          ? `已登记，但照片未能上传：${photoProblem}。可在上方「我登记的家人」中重新上传。`
          : '已登记。救助管理站查寻到相符人员时，会第一时间通知您。'
      )
      setTexts(EMPTY_TEXTS)
      setPerson(EMPTY_PERSON)
      setCondition(null)
      setHome([])
      setPhoto(null)
      setConsent(false)
      await load()
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields)
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  async function addPhoto(id: number) {
    let path: string | undefined
    try {
      path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] }))
        .tempFilePaths[0]
    } catch {
      return
    }
    if (!path) return
    setPhotoBusy(id)
    setNotice(null)
    try {
      await uploadWandererPhoto(id, path)
      setNotice('照片已上传（已去除拍摄地点等信息）。')
      await load()
    } catch (e) {
      setNotice(`照片未能上传：${messageOf(e)}`)
    } finally {
      setPhotoBusy(null)
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

  const textField = (f: { key: TextKey; label: string; max: number; type?: string; placeholder?: string }) => (
    <FormField
      key={f.key}
      name={f.key}
      label={f.label}
      type={(f.type ?? 'text') as 'text'}
      value={texts[f.key]}
      maxLength={f.max}
      placeholder={f.placeholder}
      error={errors[f.key]}
      onChange={setText(f.key)}
    />
  )

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
              <Text className="mz-muted">居住地：{w.homePlace}</Text>
              <Text className="mz-muted">
                监护人：{w.guardian.name} {w.guardian.phone}
              </Text>
              <Text className="mz-muted" data-testid="wanderer-photo">
                照片：{w.hasPhoto ? '已上传' : '未上传'}
              </Text>
              <View className="mz-wanderers__actions">
                <Button
                  size="small"
                  loading={photoBusy === w.id}
                  disabled={photoBusy !== null}
                  onClick={() => void addPhoto(w.id)}
                >
                  {w.hasPhoto ? '更换照片' : '上传照片'}
                </Button>
                <Button size="small" onClick={() => void withdraw(w.id)}>
                  撤回授权并删除
                </Button>
              </View>
            </View>
          ))
        )}
      </View>
      <View className="mz-section mz-card">
        <View className="mz-section-title">登记易走失家人</View>
        {TEXT_FIELDS.map(textField)}
        <PersonFields value={person} errors={errors} onChange={(patch) => setPerson((p) => ({ ...p, ...patch }))} />
        <ChoiceRow
          name="condition"
          label="易走失原因"
          options={CONDITIONS}
          value={condition}
          error={errors.condition}
          onChange={(c: WandererCondition) => setCondition(c)}
        />
        <HomeDivisionField label="居住地" value={home} error={errors.homeDivisionCode} onChange={setHome} />
        {GUARDIAN_FIELDS.map(textField)}
        <PhotoField
          label="近期照片（选填）"
          value={photo}
          hint="正面清晰照片有助于救助管理站辨认；上传时会去除拍摄地点、设备等信息"
          onChange={setPhoto}
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
