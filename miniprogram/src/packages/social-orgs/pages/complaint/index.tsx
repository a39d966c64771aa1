import { Button, Switch } from '@nutui/nutui-react-taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useRef, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { PageShell } from '../../../../components/PageShell'
import { isApiError } from '../../../../services/errors'
import { askNoticeConsent } from '../../../../services/notices'
import {
  COMPLAINT_CATEGORIES,
  newIdempotencyKey,
  submitComplaint,
  uploadComplaintImage,
  type Complaint,
  type ComplaintCategory,
  type ComplaintInput,
  type ComplaintTarget
} from '../../../../services/social-orgs'
import { glyph } from '../../components/glyphs'
import { go, pageParams, PAGES } from '../../components/nav'
import './index.scss'

const CONTENT_MIN = 10
const CONTENT_MAX = 1000
const MAX_IMAGES = 3
/** the notice the server sends on each step of a complaint (social-orgs COMPLAINT_NOTICE) */
const COMPLAINT_NOTICE = 'social-orgs.complaint-status'
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/

interface Photo {
  path: string
  id: string | null
  state: 'uploading' | 'done' | 'failed'
}

type Errors = Partial<Record<'category' | 'content' | 'images' | 'contactName' | 'phone' | 'target', string>>

/** Server field names (zod paths) → this form's fields. */
const FIELD_OF: Record<string, keyof Errors> = {
  category: 'category',
  content: 'content',
  images: 'images',
  'contact.name': 'contactName',
  'contact.phone': 'phone',
  contact: 'phone',
  target: 'target'
}

function targetFrom(params: Record<string, string>): { target: ComplaintTarget; name: string } | null {
  if (params.uscc) return { target: { uscc: params.uscc }, name: params.name || params.uscc }
  const id = Number(params.illegalOrgId)
  if (Number.isInteger(id) && id > 0) return { target: { illegalOrgId: id }, name: params.name || '涉嫌非法社会组织' }
  return null
}

/**
 * 投诉举报 against a registered organization or a published suspected illegal one: category,
 * text, up to 3 photos (uploaded one by one as they are chosen), optional contact or anonymous.
 * One idempotency key per form, so a double tap or a retry after a lost answer files one complaint.
 */
export default function ComplaintFormPage() {
  const about = useMemo(() => targetFrom(pageParams()), [])
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey)
  const [category, setCategory] = useState<ComplaintCategory | ''>('')
  const [content, setContent] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [anonymous, setAnonymous] = useState(false)
  const [contactName, setContactName] = useState('')
  const [phone, setPhone] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [submitting, setSubmitting] = useState(false)
  const submittingRef = useRef(false)
  const [done, setDone] = useState<Complaint | null>(null)
  const [consent, setConsent] = useState<'ask' | 'asking' | 'given'>('ask')

  const upload = async (path: string) => {
    try {
      const id = await uploadComplaintImage(path)
      setPhotos((all) => all.map((p) => (p.path === path ? { ...p, id, state: 'done' } : p)))
    } catch {
      setPhotos((all) => all.map((p) => (p.path === path ? { ...p, state: 'failed' } : p)))
    }
  }

  const addPhotos = async () => {
    const room = MAX_IMAGES - photos.length
    if (room <= 0) return
    let paths: string[]
    try {
      const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = (res.tempFilePaths ?? []).slice(0, room)
    } catch {
      return // the citizen cancelled
    }
    setPhotos((all) => [...all, ...paths.map((path) => ({ path, id: null, state: 'uploading' as const }))])
    setErrors((e) => ({ ...e, images: undefined }))
    await Promise.all(paths.map(upload))
  }

  const removePhoto = (path: string) => setPhotos((all) => all.filter((p) => p.path !== path))
  const retryPhoto = (path: string) => {
    setPhotos((all) => all.map((p) => (p.path === path ? { ...p, state: 'uploading' } : p)))
    void upload(path)
  }

  function validate(): Errors {
    const e: Errors = {}
    if (!about) e.target = '请从社会组织详情页或预警提示发起投诉'
    if (!category) e.category = '请选择投诉类别'
    const text = content.trim()
    if (!text) e.content = '请填写投诉内容'
    else if (text.length < CONTENT_MIN) e.content = `投诉内容至少${CONTENT_MIN}个字`
    else if (text.length > CONTENT_MAX) e.content = `投诉内容不能超过${CONTENT_MAX}个字`
    if (photos.some((p) => p.state === 'uploading')) e.images = '图片正在上传，请稍候'
    else if (photos.some((p) => p.state === 'failed')) e.images = '有图片上传失败，请重试或删除'
    if (!anonymous) {
      if (phone.trim() && !PHONE.test(phone.trim())) e.phone = '联系电话格式不正确'
      if (contactName.trim() && !phone.trim()) e.phone = '请填写联系电话'
    }
    return e
  }

  const submit = async () => {
    if (submittingRef.current) return // a second tap while the first is on its way
    const found = validate()
    setErrors(found)
    if (Object.keys(found).length || !about) {
      Taro.showToast({ title: Object.values(found)[0] ?? '请检查填写的内容', icon: 'none' })
      return
    }
    const input: ComplaintInput = {
      target: about.target,
      category: category as ComplaintCategory,
      content: content.trim(),
      images: photos.map((p) => p.id!),
      anonymous,
      ...(!anonymous && phone.trim()
        ? { contact: { phone: phone.trim(), ...(contactName.trim() ? { name: contactName.trim() } : {}) } }
        : {}),
      idempotencyKey
    }
    submittingRef.current = true
    setSubmitting(true)
    try {
      const { complaint } = await submitComplaint(input)
      setDone(complaint)
    } catch (e) {
      if (isApiError(e)) {
        if (e.code === 'IDEMPOTENCY_KEY_REUSED') setIdempotencyKey(newIdempotencyKey())
        const fromServer: Errors = {}
        for (const [k, v] of Object.entries(e.fields)) {
          const f = FIELD_OF[k] ?? FIELD_OF[k.split('.')[0]]
          if (f) fromServer[f] ??= v
        }
        setErrors(fromServer)
      }
    } finally {
      submittingRef.current = false
      setSubmitting(false)
    }
  }

  // WeChat asks only from a tap: the citizen chooses to hear of each step of this complaint
  const askConsent = async () => {
    setConsent('asking')
    const consents = await askNoticeConsent([COMPLAINT_NOTICE])
    setConsent(Object.keys(consents).length ? 'given' : 'ask')
    if (Object.keys(consents).length) Taro.showToast({ title: '已开启进度通知', icon: 'none' })
  }

  const copyTrackingNo = (no: string) => {
    Taro.setClipboardData?.({ data: no })?.catch?.(() => {})
  }

  if (done) {
    return (
      <PageShell className="so-complaint">
        <View className="mz-section mz-card so-complaint__done" data-testid="complaint-done">
          <Image className="so-complaint__done-icon" src={glyph('check', '#2f9e44')} />
          <Text className="so-complaint__done-title">投诉已提交</Text>
          <Text className="so-complaint__done-desc">我们将依法核查处理，办理进度和答复会通过「消息」通知您。</Text>
          <View className="so-complaint__tracking" onClick={() => copyTrackingNo(done.trackingNo)}>
            <Text className="so-complaint__tracking-label">投诉编号（点击复制）</Text>
            <Text className="so-complaint__tracking-no" data-testid="tracking-no">
              {done.trackingNo}
            </Text>
          </View>
          <Text className="mz-muted">被投诉对象：{done.targetName}</Text>
          {process.env.TARO_ENV !== 'h5' ? (
            <View className="so-complaint__consent" data-testid="notice-consent">
              <Text className="so-complaint__consent-text">
                {consent === 'given' ? '已开启微信进度通知' : '受理、答复时通过微信通知我'}
              </Text>
              {consent !== 'given' ? (
                <Button
                  size="small"
                  type="primary"
                  fill="outline"
                  loading={consent === 'asking'}
                  onClick={() => void askConsent()}
                >
                  接收通知
                </Button>
              ) : null}
            </View>
          ) : null}
          <View className="so-complaint__done-actions">
            <Button
              block
              type="primary"
              onClick={() =>
                Taro.redirectTo({ url: PAGES.complaint(done.trackingNo) }).catch(() =>
                  go(PAGES.complaint(done.trackingNo))
                )
              }
            >
              查看办理进度
            </Button>
            <Button block fill="outline" type="primary" onClick={() => go(PAGES.complaints)}>
              我的投诉
            </Button>
          </View>
        </View>
      </PageShell>
    )
  }

  if (!about) {
    return (
      <PageShell className="so-complaint">
        <View className="mz-section mz-card">
          <EmptyState title="请选择被投诉的组织" description="请先查询社会组织，在详情页或预警提示中发起投诉举报。">
            <Button type="primary" size="small" onClick={() => go(PAGES.search)}>
              去查询
            </Button>
          </EmptyState>
        </View>
      </PageShell>
    )
  }

  const length = content.trim().length
  return (
    <PageShell className="so-complaint">
      <View className="so-complaint__target">
        <Text className="so-complaint__target-label">被投诉对象</Text>
        <Text className="so-complaint__target-name" data-testid="complaint-target">
          {about.name}
        </Text>
        {'illegalOrgId' in about.target ? <Text className="so-complaint__target-flag">涉嫌非法社会组织</Text> : null}
      </View>

      <View className="mz-section mz-card">
        <View
          className={`so-complaint__field${errors.category ? ' so-complaint__field--error' : ''}`}
          data-field="category"
        >
          <Text className="so-complaint__label">
            投诉类别<Text className="so-complaint__required">*</Text>
          </Text>
          <View className="so-complaint__categories">
            {(Object.entries(COMPLAINT_CATEGORIES) as [ComplaintCategory, string][]).map(([value, label]) => (
              <Text
                key={value}
                className={`so-complaint__category${category === value ? ' so-complaint__category--on' : ''}`}
                data-value={value}
                onClick={() => {
                  setCategory(value)
                  setErrors((e) => ({ ...e, category: undefined }))
                }}
              >
                {label}
              </Text>
            ))}
          </View>
          {errors.category ? <Text className="so-complaint__error">{errors.category}</Text> : null}
        </View>

        <View
          className={`so-complaint__field${errors.content ? ' so-complaint__field--error' : ''}`}
          data-field="content"
        >
          <Text className="so-complaint__label">
            投诉内容<Text className="so-complaint__required">*</Text>
          </Text>
          <Textarea
            className="so-complaint__textarea"
            value={content}
            maxlength={CONTENT_MAX}
            placeholder={`请描述时间、地点、经过及涉及金额等（${CONTENT_MIN}–${CONTENT_MAX}字）`}
            onInput={(e) => {
              setContent(e.detail.value)
              if (errors.content) setErrors((x) => ({ ...x, content: undefined }))
            }}
          />
          <View className="so-complaint__counter-row">
            <Text className="so-complaint__counter-hint">
              {length < CONTENT_MIN ? `还需至少${CONTENT_MIN - length}个字` : ''}
            </Text>
            <Text
              className={`so-complaint__counter${length > CONTENT_MAX ? ' so-complaint__counter--over' : ''}`}
              data-testid="content-counter"
            >
              {length}/{CONTENT_MAX}
            </Text>
          </View>
          {errors.content ? <Text className="so-complaint__error">{errors.content}</Text> : null}
        </View>

        <View className="so-complaint__field" data-field="images">
          <Text className="so-complaint__label">图片证据（选填，最多{MAX_IMAGES}张）</Text>
          <View className="so-complaint__photos">
            {photos.map((p) => (
              <View key={p.path} className={`so-complaint__photo so-complaint__photo--${p.state}`} data-state={p.state}>
                <Image className="so-complaint__photo-img" src={p.path} mode="aspectFill" />
                {p.state === 'uploading' ? <Text className="so-complaint__photo-state">上传中</Text> : null}
                {p.state === 'failed' ? (
                  <Text className="so-complaint__photo-state" onClick={() => retryPhoto(p.path)}>
                    重试
                  </Text>
                ) : null}
                <Text className="so-complaint__photo-remove" onClick={() => removePhoto(p.path)}>
                  ×
                </Text>
              </View>
            ))}
            {photos.length < MAX_IMAGES ? (
              <View className="so-complaint__photo-add" data-testid="add-photo" onClick={() => void addPhotos()}>
                <Image className="so-complaint__photo-add-icon" src={glyph('camera', '#8a919f')} />
                <Text className="so-complaint__photo-add-text">
                  {photos.length}/{MAX_IMAGES}
                </Text>
              </View>
            ) : null}
          </View>
          <Text className="so-complaint__tip">支持 JPG、PNG、WEBP，每张不超过2MB</Text>
          {errors.images ? <Text className="so-complaint__error">{errors.images}</Text> : null}
        </View>
      </View>

      <View className="mz-section mz-card">
        <View className="so-complaint__switch" data-testid="anonymous-switch">
          <View className="so-complaint__switch-text">
            <Text className="so-complaint__label">匿名投诉</Text>
            <Text className="so-complaint__tip">匿名时不留联系方式，处理结果仍可在「我的投诉」查看</Text>
          </View>
          <Switch checked={anonymous} onChange={(v: boolean) => setAnonymous(v)} />
        </View>
        {!anonymous ? (
          <>
            <FormField
              name="contactName"
              label="联系人（选填）"
              value={contactName}
              maxLength={30}
              placeholder="您的称呼"
              error={errors.contactName}
              onChange={setContactName}
            />
            <FormField
              name="phone"
              label="联系电话（选填）"
              type="tel"
              value={phone}
              maxLength={13}
              placeholder="便于核实情况时与您联系"
              error={errors.phone}
              onChange={setPhone}
            />
          </>
        ) : null}
      </View>

      <View className="mz-section">
        <Text className="so-complaint__notice">请如实反映情况。捏造事实、诬告陷害他人的，须依法承担相应责任。</Text>
        <Button
          className="so-complaint__submit"
          block
          type="primary"
          size="large"
          loading={submitting}
          onClick={() => void submit()}
        >
          提交投诉
        </Button>
      </View>
    </PageShell>
  )
}
