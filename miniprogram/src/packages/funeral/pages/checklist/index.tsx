import { Button } from '@nutui/nutui-react-taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { isApiError, messageOf } from '../../../../services/errors'
import {
  applySubsidy,
  type ChecklistView,
  checklistOf,
  DEATH_PLACES,
  type DeathPlace,
  markStep,
  myChecklists,
  startChecklist
} from '../../../../services/funeral'
import '../../components/funeral.scss'
import { go, pageParams } from '../../components/nav'

const RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '其他近亲属']
const PLACE_KEYS = Object.keys(DEATH_PLACES) as DeathPlace[]
const checklistPage = (id: number) => `/packages/funeral/pages/checklist/index?id=${id}`

/**
 * 身后一件事: without an id, the family's checklists and a form to start one; with an id, each
 * step with its office, materials, state and last day, to mark done or not needed, and 丧葬补助
 * applied for in place.
 */
export default function ChecklistPage() {
  const id = useMemo(() => Number(pageParams().id ?? 0), [])
  const { user, status } = useAuth()
  const [list, setList] = useState<ChecklistView | null>(null)
  const [lists, setLists] = useState<ChecklistView[] | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)
  const [form, setForm] = useState({
    deceasedName: '',
    deathDate: '',
    deathPlace: 'hospital' as DeathPlace,
    divisionCode: ''
  })
  const [applicant, setApplicant] = useState({ name: '', relation: '子女' })
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      if (id) setList(await checklistOf(id))
      else setLists(await myChecklists())
    } catch (e) {
      setError({ message: messageOf(e), missing: isApiError(e) && e.status === 404 })
    }
  }, [id])
  useEffect(() => {
    if (user) void load()
  }, [user, load])

  const act = async (fn: () => Promise<void>) => {
    setBusy(true)
    try {
      await fn()
    } catch {
      // the toast says why
    } finally {
      setBusy(false)
    }
  }
  const start = () =>
    act(async () => {
      if (!form.deceasedName.trim() || !form.deathDate || !/^\d{6,12}$/.test(form.divisionCode)) {
        Taro.showToast({ title: '请填写逝者姓名、去世日期和户籍地区划代码', icon: 'none' })
        return
      }
      const created = await startChecklist({ ...form, deceasedName: form.deceasedName.trim() })
      Taro.redirectTo({ url: checklistPage(created.id) })
    })

  const loading = status === 'loading' || (user && !list && !lists && !error)
  return (
    <PageShell className="fu-checklist">
      {loading ? <LoadingBlock /> : null}
      {status === 'error' && !user ? <EmptyState icon="user" title="登录后使用身后一件事" /> : null}
      {error ? (
        <View className="mz-section mz-card" data-testid="error">
          <EmptyState title={error.missing ? '未找到该清单' : '加载失败'} description={error.message}>
            {error.missing ? null : <Button onClick={() => void load()}>重试</Button>}
          </EmptyState>
        </View>
      ) : null}
      {!id && lists ? (
        <>
          <View className="mz-section mz-card">
            <Text className="fu-section__title">节哀顺变。我们帮您把身后事一件件办好</Text>
            <Input
              className="fu-input"
              placeholder="逝者姓名"
              value={form.deceasedName}
              onInput={(e) => setForm({ ...form, deceasedName: e.detail.value })}
            />
            <Picker
              mode="date"
              value={form.deathDate}
              onChange={(e) => setForm({ ...form, deathDate: e.detail.value })}
            >
              <View className="fu-input">{form.deathDate || '去世日期'}</View>
            </Picker>
            <View className="fu-tabs">
              {PLACE_KEYS.map((k) => (
                <Text
                  key={k}
                  className={`fu-tab ${form.deathPlace === k ? 'fu-tab--on' : ''}`}
                  onClick={() => setForm({ ...form, deathPlace: k })}
                >
                  {DEATH_PLACES[k]}
                </Text>
              ))}
            </View>
            <Input
              className="fu-input"
              placeholder="户籍所在地区划代码（如 110105）"
              value={form.divisionCode}
              onInput={(e) => setForm({ ...form, divisionCode: e.detail.value })}
            />
            <Button type="primary" loading={busy} onClick={() => void start()}>
              开始办理
            </Button>
          </View>
          {lists.length === 0 ? <EmptyState title="暂无办理清单" /> : null}
          {lists.map((l) => (
            <View key={l.id} className="mz-section mz-card fu-place" onClick={() => go(checklistPage(l.id))}>
              <Text className="fu-place__name">{l.deceasedName}</Text>
              <Text className="fu-line">去世日期：{l.deathDate}</Text>
              <Text className="fu-line">
                已办 {l.steps.filter((s) => s.state !== 'todo').length}/{l.steps.length} 项
              </Text>
            </View>
          ))}
        </>
      ) : null}
      {list ? (
        <>
          <View className="mz-section mz-card">
            <Text className="fu-place__name">{list.deceasedName}</Text>
            <Text className="fu-line">
              去世日期：{list.deathDate} · {list.deathPlaceName}
            </Text>
          </View>
          {list.steps.map((s, i) => (
            <View key={s.key} className="mz-section mz-card fu-place" data-testid={`step-${s.key}`}>
              <View className="fu-fee__head">
                <Text className="fu-section__title">
                  {i + 1}. {s.name}
                </Text>
                <Text className={s.state === 'todo' ? 'fu-fee__price' : 'fu-waived'}>{s.caseStage ?? s.stateName}</Text>
              </View>
              <Text className="fu-line">办理机构：{s.office}</Text>
              <Text className="fu-line">所需材料：{s.materials.join('、')}</Text>
              {s.dueOn ? (
                <Text className="fu-line fu-complaint-line">
                  请在 {s.dueOn} 前办理（{s.dueBasis}）
                </Text>
              ) : null}
              <Text className="fu-hint">{s.note}</Text>
              {s.caseNumber ? <Text className="fu-line">申请编号：{s.caseNumber}</Text> : null}
              {s.key === 'subsidy' && !s.caseNumber ? (
                <View>
                  <Input
                    className="fu-input"
                    placeholder="申请人姓名"
                    value={applicant.name}
                    onInput={(e) => setApplicant({ ...applicant, name: e.detail.value })}
                  />
                  <View className="fu-tabs">
                    {RELATIONS.map((r) => (
                      <Text
                        key={r}
                        className={`fu-tab ${applicant.relation === r ? 'fu-tab--on' : ''}`}
                        onClick={() => setApplicant({ ...applicant, relation: r })}
                      >
                        {r}
                      </Text>
                    ))}
                  </View>
                  <Button
                    type="primary"
                    loading={busy}
                    onClick={() =>
                      void act(async () => {
                        const r = await applySubsidy(list.id, applicant.name.trim(), applicant.relation)
                        setList(r.checklist)
                        Taro.showToast({ title: `已提交，编号${r.number}`, icon: 'none' })
                      })
                    }
                  >
                    在线申请丧葬补助
                  </Button>
                </View>
              ) : null}
              {!s.caseNumber ? (
                <View className="fu-actions">
                  {s.state === 'todo' ? (
                    <>
                      <Button
                        size="small"
                        onClick={() => void act(async () => setList(await markStep(list.id, s.key, 'done')))}
                      >
                        标记已办
                      </Button>
                      <Button
                        size="small"
                        onClick={() => void act(async () => setList(await markStep(list.id, s.key, 'skipped')))}
                      >
                        无需办理
                      </Button>
                    </>
                  ) : (
                    <Button
                      size="small"
                      onClick={() => void act(async () => setList(await markStep(list.id, s.key, 'todo')))}
                    >
                      改为待办
                    </Button>
                  )}
                </View>
              ) : null}
            </View>
          ))}
        </>
      ) : null}
    </PageShell>
  )
}
