import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import {
  ASSISTANCE_REPORT_CATEGORIES,
  type MyReport,
  myReports,
  submitReport,
  uploadMaterial
} from '../../../../services/assistance'
import { isApiError, messageOf } from '../../../../services/errors'
import { Choice } from '../../components/Choice'
import '../../components/assistance.scss'
import { beijingDate, pageParams } from '../../components/nav'

const CATEGORY_KEYS = Object.keys(ASSISTANCE_REPORT_CATEGORIES)
const CASE_NUMBER = /^[A-Z]{2,3}-\d{8}-[0-9A-Z]{6}$/
const COMMUNITY = /^\d{12}$/
const CONTENT_MIN = 15
const MAX_PHOTOS = 9

type Field = 'category' | 'caseNumber' | 'divisionCode' | 'subject' | 'content'
type Photo = { path: string; id: string | null; failed?: boolean }

/**
 * 监督举报: a real-named citizen reports a suspected irregularity in a 社会救助 case or 公示 (人情保,
 * hidden income, a clerk's misconduct…) with optional photos, then follows each report: 待受理,
 * 核查中, 已办结 with the result. The reporter is also told in 消息 when staff take it up and close it.
 */
export default function ReportsPage() {
  const { user, status } = useAuth()
  const [params] = useState(pageParams)
  const [category, setCategory] = useState('')
  const [caseNumber, setCaseNumber] = useState(params.caseNumber ?? '')
  const [community, setCommunity] = useState(params.community ?? '')
  const [subject, setSubject] = useState('')
  const [content, setContent] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [sending, setSending] = useState(false)
  const [items, setItems] = useState<MyReport[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setLoadError(null)
    try {
      setItems((await myReports()).items)
    } catch (e) {
      setLoadError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    if (user?.realNamed) void load()
  }, [user, load])
  useDidShow(() => {
    if (user?.realNamed && items) void load()
  })

  const addPhotos = async () => {
    const room = MAX_PHOTOS - photos.length
    if (room <= 0) return
    let paths: string[]
    try {
      paths = (
        await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      ).tempFilePaths.slice(0, room)
    } catch {
      return // cancelled
    }
    setPhotos((all) => [...all, ...paths.map((path) => ({ path, id: null }))])
    for (const path of paths) {
      try {
        const id = await uploadMaterial(path, '举报证据')
        setPhotos((all) => all.map((p) => (p.path === path ? { ...p, id } : p)))
      } catch {
        setPhotos((all) => all.map((p) => (p.path === path ? { ...p, failed: true } : p)))
      }
    }
  }

  const validate = () => {
    const e: Partial<Record<Field, string>> = {}
    if (!category) e.category = '请选择举报类别'
    const num = caseNumber.trim().toUpperCase()
    if (num && !CASE_NUMBER.test(num)) e.caseNumber = '编号格式不正确，如 DB-20260302-8K2M4Q'
    if (community && !COMMUNITY.test(community)) e.divisionCode = '请输入12位村（社区）代码'
    if (!num && !community) e.caseNumber = '请填写申请或公示编号，或填写所在村（社区）代码'
    if (subject.trim().length < 2) e.subject = '请填写被举报的对象'
    if (content.trim().length < CONTENT_MIN) e.content = `请写明举报的事实（至少${CONTENT_MIN}字）`
    setErrors(e)
    return Object.keys(e).length === 0
  }

  const send = async () => {
    if (sending || !validate()) return
    if (photos.some((p) => !p.id && !p.failed)) {
      Taro.showToast({ title: '照片正在上传，请稍候', icon: 'none' })
      return
    }
    setSending(true)
    try {
      const num = caseNumber.trim().toUpperCase()
      await submitReport({
        category,
        ...(num ? { caseNumber: num } : { divisionCode: community }),
        subject: subject.trim(),
        content: content.trim(),
        materialIds: photos.flatMap((p) => (p.id ? [p.id] : []))
      })
      setCategory('')
      setSubject('')
      setContent('')
      setPhotos([])
      setErrors({})
      Taro.showToast({ title: '举报已提交，办理结果将通过消息告知您', icon: 'none' })
      await load()
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) setErrors(e.fields as Partial<Record<Field, string>>)
      else Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setSending(false)
    }
  }

  if (status === 'loading' && !user)
    return (
      <PageShell className="as-reports">
        <LoadingBlock />
      </PageShell>
    )
  if (!user || !user.realNamed)
    return (
      <PageShell className="as-reports">
        <View className="mz-section mz-card" data-testid="need-real-name">
          <EmptyState
            icon="user"
            title="请先完成实名认证"
            description="监督举报须实名提交，举报人信息严格保密。请在「我的」完成实名认证。"
          />
        </View>
      </PageShell>
    )

  return (
    <PageShell className="as-reports">
      <View className="mz-section mz-card" data-testid="report-form">
        <Text className="as-list__title">我要举报</Text>
        <Choice
          name="category"
          label="举报类别"
          options={CATEGORY_KEYS}
          labels={ASSISTANCE_REPORT_CATEGORIES}
          value={category}
          error={errors.category}
          onChange={setCategory}
        />
        <FormField
          name="caseNumber"
          label="申请或公示编号"
          value={caseNumber}
          maxLength={20}
          placeholder="如 DB-20260302-8K2M4Q，见公示栏"
          error={errors.caseNumber}
          onChange={setCaseNumber}
        />
        <FormField
          name="divisionCode"
          label="或所在村（社区）代码"
          type="number"
          value={community}
          maxLength={12}
          placeholder="不知道编号时填写，12位代码"
          error={errors.divisionCode}
          onChange={setCommunity}
        />
        <FormField
          name="subject"
          label="被举报对象"
          value={subject}
          maxLength={100}
          placeholder="如：某某家庭、某村干部"
          error={errors.subject}
          onChange={setSubject}
        />
        <View className={`mz-field${errors.content ? ' mz-field--error' : ''}`} data-field="content">
          <Text className="mz-field__label">举报内容</Text>
          <Textarea
            className="as-textarea"
            value={content}
            maxlength={2000}
            placeholder={`请写明何人、何时、何种不实或违规情形（至少${CONTENT_MIN}字）`}
            onInput={(e) => setContent(e.detail.value)}
          />
          {errors.content ? <Text className="mz-field__error">{errors.content}</Text> : null}
        </View>
        <View className="mz-field" data-field="photos">
          <Text className="mz-field__label">
            证据照片（选填，{photos.length}/{MAX_PHOTOS}）
          </Text>
          <View className="as-photos">
            {photos.map((p) => (
              <View key={p.path} className="as-photo" data-state={p.id ? 'done' : p.failed ? 'failed' : 'uploading'}>
                <Image className="as-photo__img" src={p.path} mode="aspectFill" />
                {p.id ? null : <Text className="as-photo__state">{p.failed ? '上传失败' : '上传中'}</Text>}
                <Text className="as-photo__remove" onClick={() => setPhotos((all) => all.filter((x) => x !== p))}>
                  删除
                </Text>
              </View>
            ))}
            {photos.length < MAX_PHOTOS ? (
              <Button size="small" onClick={addPhotos}>
                添加照片
              </Button>
            ) : null}
          </View>
        </View>
        <Button type="primary" block loading={sending} onClick={send}>
          提交举报
        </Button>
        <Text className="as-hint">举报须实名，举报人信息严格保密；请如实举报，捏造事实诬告他人须承担法律责任。</Text>
      </View>

      <View className="mz-section">
        <Text className="as-steps__title">我的举报</Text>
        {!items && !loadError ? <LoadingBlock /> : null}
        {loadError ? (
          <View className="mz-card" data-testid="error">
            <EmptyState title="加载失败" description={loadError}>
              <Button type="primary" size="small" onClick={load}>
                重试
              </Button>
            </EmptyState>
          </View>
        ) : null}
        {items && !items.length ? (
          <View className="mz-card" data-testid="empty">
            <EmptyState title="暂无举报记录" description="提交的举报及其办理结果会显示在这里" />
          </View>
        ) : null}
        {items?.map((r) => (
          <View key={r.number} className="mz-card as-list__item" data-number={r.number}>
            <View className="as-current__head">
              <Text className="as-list__title">{r.categoryName}</Text>
              <Text className={`as-status${r.status === 'closed' ? ' as-status--closed' : ''}`}>{r.statusName}</Text>
            </View>
            <Text className="as-list__meta">
              {r.number} · {beijingDate(r.submittedAt)}提交
            </Text>
            <Text className="as-list__meta">
              被举报对象：{r.subject}
              {r.caseNumber ? `（${r.caseNumber}）` : ''}
            </Text>
            {r.result ? <Text className="as-current__note">处理结果：{r.result}</Text> : null}
          </View>
        ))}
      </View>
    </PageShell>
  )
}
