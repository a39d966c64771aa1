import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { isApiError, messageOf } from '../../../../services/errors'
import {
  type FamilySearchMatch,
  familySearchMatches,
  type MyFamilySearch,
  myFamilySearches,
  registerFamilySearch,
  uploadFamilySearchPhoto,
  withdrawFamilySearch
} from '../../../../services/family-search'
import type { Division } from '../../../../services/types'
import { HomeDivisionField } from '../../components/HomeDivisionField'
import { PhotoField } from '../../components/PhotoField'
import { checkPerson, EMPTY_PERSON, PersonFields, type PersonDraft, personInput } from '../../components/PersonFields'
import './index.scss'

const labelOf = (s: MyFamilySearch) =>
  `${s.sex === 'male' ? '男' : '女'}，${s.ageMin}–${s.ageMax}岁，${s.lastSeenDate}走失`

/**
 * 寻找走失家人: a family describes who they look for (the same PersonFields as 易走失人员登记, plus the
 * age when lost and where and when last seen) and the server ranks open 寻亲公告 by similarity with the
 * reasons; a new notice that fits is sent to them as a message. Families need not browse every notice.
 */
export default function FamilySearchPage() {
  const [saved, setSaved] = useState<MyFamilySearch[] | null>(null)
  const [savedError, setSavedError] = useState<string | null>(null)
  const [current, setCurrent] = useState<number | null>(null)
  const [matches, setMatches] = useState<FamilySearchMatch[] | null>(null)
  const [matchError, setMatchError] = useState<string | null>(null)
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON)
  const [texts, setTexts] = useState({ ageMin: '', ageMax: '', lastSeenDate: '', lastSeenPlace: '' })
  const [place, setPlace] = useState<Division[]>([])
  const [photo, setPhoto] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (k: keyof typeof texts) => (v: string) => setTexts((t) => ({ ...t, [k]: v }))

  // The family's searches come from the server, so they are the same on every phone.
  const loadSaved = useCallback(async (select?: number) => {
    setSavedError(null)
    try {
      const { items } = await myFamilySearches()
      setSaved(items)
      setCurrent((c) => select ?? (items.some((i) => i.id === c) ? c : null) ?? items[0]?.id ?? null)
    } catch (e) {
      setSavedError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    void loadSaved()
  }, [loadSaved])

  async function withdraw(id: number) {
    const { confirm } = await Taro.showModal({
      title: '撤回寻亲登记',
      content: '撤回后不再为您匹配新的寻亲公告，也不再通知您。确定撤回吗？',
      confirmText: '撤回',
      cancelText: '再想想'
    })
    if (!confirm) return
    try {
      await withdrawFamilySearch(id)
      setNotice('已撤回该寻亲登记。')
      setCurrent(null)
      setMatches(null)
      await loadSaved()
    } catch (e) {
      setNotice(messageOf(e))
    }
  }

  const load = useCallback(async () => {
    if (current === null) return
    setMatches(null)
    setMatchError(null)
    try {
      setMatches((await familySearchMatches(current)).items)
    } catch (e) {
      setMatchError(messageOf(e))
    }
  }, [current])
  useEffect(() => {
    void load()
  }, [load])

  async function submit() {
    const found: Record<string, string> = { ...checkPerson(person) }
    const min = Number(texts.ageMin)
    const max = Number(texts.ageMax)
    if (!/^\d{1,3}$/.test(texts.ageMin.trim()) || min > 120) found.ageMin = '请填写年龄下限'
    if (!/^\d{1,3}$/.test(texts.ageMax.trim()) || max > 120) found.ageMax = '请填写年龄上限'
    else if (!found.ageMin && min > max) found.ageMax = '年龄下限不能大于上限'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(texts.lastSeenDate.trim())) found.lastSeenDate = '请按 2026-10-01 的格式填写日期'
    if ((place[place.length - 1]?.level ?? 0) < 3) found.lastSeenDivisionCode = '请选择走失地，至少到县区'
    if (texts.lastSeenPlace.trim().length < 2) found.lastSeenPlace = '请填写走失地点'
    setErrors(found)
    if (Object.keys(found).length) {
      Taro.showToast({ title: Object.values(found)[0], icon: 'none' })
      return
    }
    setBusy(true)
    setNotice(null)
    try {
      const { id } = await registerFamilySearch({
        ...personInput(person),
        ageMin: min,
        ageMax: max,
        lastSeenDate: texts.lastSeenDate.trim(),
        lastSeenDivisionCode: place[place.length - 1].code,
        lastSeenPlace: texts.lastSeenPlace.trim()
      })
      let photoProblem: string | null = null
      if (photo) {
        try {
          await uploadFamilySearchPhoto(id, photo)
          setPhoto(null)
        } catch (e) {
          photoProblem = messageOf(e)
        }
      }
      await loadSaved(id)
      setNotice(
        photoProblem
          ? `已登记，但照片未能上传：${photoProblem}。以下是与您描述相近的寻亲公告。`
          : '已登记。以下是与您描述相近的寻亲公告；今后有新的相近公告，会第一时间通知您。'
      )
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields)
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className="mz-fsearch">
      <View className="mz-section">
        <View className="mz-section-title">相近的寻亲公告</View>
        {saved && saved.length > 0 ? (
          <View className="mz-fsearch__mine">
            {saved.map((s) => (
              <Button
                key={s.id}
                size="small"
                type={s.id === current ? 'primary' : 'default'}
                onClick={() => setCurrent(s.id)}
              >
                {labelOf(s)}
              </Button>
            ))}
            {current !== null ? (
              <Button size="small" data-testid="family-search-withdraw" onClick={() => void withdraw(current)}>
                撤回此登记
              </Button>
            ) : null}
          </View>
        ) : null}
        {savedError ? (
          <EmptyState title="我的寻亲登记暂时无法加载" description={savedError}>
            <Button size="small" onClick={() => void loadSaved()}>
              重试
            </Button>
          </EmptyState>
        ) : saved === null ? (
          <LoadingBlock />
        ) : current === null ? (
          <EmptyState
            title="尚未登记寻找对象"
            description="填写下方信息后，系统会按相似程度列出正在救助管理站受助的人员"
          />
        ) : matchError ? (
          <EmptyState title="相近公告暂时无法加载" description={matchError}>
            <Button size="small" onClick={() => void load()}>
              重试
            </Button>
          </EmptyState>
        ) : matches === null ? (
          <LoadingBlock />
        ) : matches.length === 0 ? (
          <EmptyState title="暂无相近的寻亲公告" description="有新的相近公告时，会第一时间通知您" />
        ) : (
          matches.map((m) => (
            <View key={m.noticeId} className="mz-card mz-fsearch__match" data-testid="family-match">
              <Text className="mz-fsearch__score">相似度 {m.score}</Text>
              <Text>{m.summary}</Text>
              <Text className="mz-muted">{m.reasons.join('；')}</Text>
            </View>
          ))
        )}
        {matches?.length ? <Text className="mz-muted">如认出家人，请拨打寻亲公告中救助管理站的电话。</Text> : null}
      </View>
      <View className="mz-section mz-card">
        <View className="mz-section-title">登记寻找对象</View>
        <PersonFields value={person} errors={errors} onChange={(patch) => setPerson((p) => ({ ...p, ...patch }))} />
        <FormField
          name="ageMin"
          label="走失时年龄（最小）"
          type="number"
          value={texts.ageMin}
          maxLength={3}
          error={errors.ageMin}
          onChange={set('ageMin')}
        />
        <FormField
          name="ageMax"
          label="走失时年龄（最大）"
          type="number"
          value={texts.ageMax}
          maxLength={3}
          error={errors.ageMax}
          onChange={set('ageMax')}
        />
        <FormField
          name="lastSeenDate"
          label="走失日期"
          value={texts.lastSeenDate}
          maxLength={10}
          placeholder="如：2026-10-01"
          error={errors.lastSeenDate}
          onChange={set('lastSeenDate')}
        />
        <HomeDivisionField
          label="走失地"
          name="lastSeenDivisionCode"
          value={place}
          error={errors.lastSeenDivisionCode}
          onChange={setPlace}
        />
        <FormField
          name="lastSeenPlace"
          label="走失地点"
          value={texts.lastSeenPlace}
          maxLength={200}
          placeholder="如：保定火车站广场"
          error={errors.lastSeenPlace}
          onChange={set('lastSeenPlace')}
        />
        <PhotoField
          label="走失者照片（选填）"
          value={photo}
          hint="只有您和走失地的救助管理站能看到；上传时会去除拍摄地点、设备等信息"
          onChange={setPhoto}
        />
      </View>
      {notice ? <Text className="mz-section mz-fsearch__notice">{notice}</Text> : null}
      <View className="mz-section">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          登记并查找
        </Button>
      </View>
    </PageShell>
  )
}
