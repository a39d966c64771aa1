import { Button, Switch } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import {
  type AssistanceKind,
  DISABILITY,
  drafts,
  HEALTH,
  KIND_NAMES,
  RELATIONS,
  submitApplication,
  uploadMaterial
} from '../../../../services/assistance'
import { isApiError } from '../../../../services/errors'
import '../../components/assistance.scss'
import { Choice } from '../../components/Choice'
import { go, PAGES } from '../../components/nav'
import { VillagePicker } from '../../components/VillagePicker'

interface MemberDraft {
  /** A stable key for the list (members are added and removed). */
  key: string
  name: string
  idNumber: string
  relation: string
  income: string
  health: string
  disability: string
}
interface Draft {
  kind: AssistanceKind
  divisionCode: string
  /** the names from the province down, when chosen in the picker */
  divisionName?: string
  address: string
  reason: string
  emergencyCause: string
  members: MemberDraft[]
  vehicles: string
  houses: string
  deposits: string
  materials: { id: string; label: string }[]
  agreed: boolean
  signedName: string
}

const emptyMember = (relation = '本人'): MemberDraft => ({
  key: Math.random().toString(36).slice(2, 10),
  name: '',
  idNumber: '',
  relation,
  income: '0',
  health: '健康',
  disability: '无'
})
const EMPTY: Draft = {
  kind: 'dibao',
  divisionCode: '',
  address: '',
  reason: '',
  emergencyCause: '',
  members: [emptyMember()],
  vehicles: '0',
  houses: '0',
  deposits: '0',
  materials: [],
  agreed: false,
  signedName: ''
}
const STEPS = ['申请类型', '家庭成员', '收入财产与材料', '核对授权']
const ID = /^[1-9]\d{16}[\dXx]$/
const cents = (yuanText: string) => Math.round(Number(yuanText || '0') * 100)

type Errors = Record<string, string>

/** Client-side checks of one step (the server checks everything again). */
function check(d: Draft, step: number): Errors {
  const e: Errors = {}
  if (step === 0) {
    if (!/^\d{12}$/.test(d.divisionCode)) e.divisionCode = '请填写12位村（社区）代码'
    if (d.address.trim().length < 5) e.address = '请填写详细居住地址'
    if (d.reason.trim().length < 10) e.reason = '请写明申请理由（至少10字）'
    if (d.kind === 'emergency' && d.emergencyCause.trim().length < 4) e.emergencyCause = '请说明急难情形'
  }
  if (step === 1)
    d.members.forEach((m, i) => {
      if (m.name.trim().length < 2) e[`members.${i}.name`] = '请填写姓名'
      if (!ID.test(m.idNumber.trim())) e[`members.${i}.idNumber`] = '请填写18位身份证号'
      if (!(Number(m.income) >= 0)) e[`members.${i}.monthlyIncomeCents`] = '请填写月收入（元）'
    })
  if (step === 2) {
    for (const [k, v] of [
      ['assets.vehicles', d.vehicles],
      ['assets.houses', d.houses],
      ['assets.depositsCents', d.deposits]
    ] as const)
      if (!(Number(v) >= 0)) e[k] = '请填写数字'
  }
  if (step === 3) {
    if (!d.agreed) e['consent.agreed'] = '请阅读并同意家庭经济状况核对授权书'
    if (d.signedName.trim().length < 2) e['consent.signedName'] = '请签署本人姓名'
  }
  return e
}

/** The step a server field belongs to. */
const stepOfField = (field: string) =>
  field.startsWith('members')
    ? 1
    : field.startsWith('assets') || field === 'materialIds'
      ? 2
      : field.startsWith('consent')
        ? 3
        : 0

/**
 * 申请社会救助, in four steps: the kind and where the family lives, the household, income,
 * assets and materials, then the consent to the household economic check signed with the
 * applicant's name. Every change is kept on the phone (a draft restored on the next visit), so
 * an interrupted application is not lost; the draft is cleared once the server has it.
 */
export default function ApplyPage() {
  const { user } = useAuth()
  const [draft, setDraft] = useState<Draft>(() => ({ ...EMPTY, ...(drafts.load<Draft>() ?? {}) }))
  const [restored] = useState(() => drafts.load<Draft>() !== null)
  const [step, setStep] = useState(0)
  const [errors, setErrors] = useState<Errors>({})
  const [submitting, setSubmitting] = useState(false)
  const sending = useRef(false)
  const [done, setDone] = useState<string | null>(null)
  const [picking, setPicking] = useState(false)

  useEffect(() => {
    if (!done) drafts.save(draft)
  }, [draft, done])

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))
  const setMember = (i: number, patch: Partial<MemberDraft>) =>
    setDraft((d) => ({ ...d, members: d.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) }))

  const next = () => {
    const found = check(draft, step)
    setErrors(found)
    if (Object.keys(found).length) {
      Taro.showToast({ title: Object.values(found)[0], icon: 'none' })
      return
    }
    setStep((s) => Math.min(s + 1, STEPS.length - 1))
  }

  const addMaterial = async () => {
    let paths: string[]
    try {
      paths = (await Taro.chooseImage({ count: 9, sizeType: ['compressed'], sourceType: ['album', 'camera'] }))
        .tempFilePaths
    } catch {
      return
    }
    for (const path of paths) {
      try {
        const id = await uploadMaterial(path, '申请材料')
        setDraft((d) => ({ ...d, materials: [...d.materials, { id, label: `材料${d.materials.length + 1}` }] }))
      } catch {
        // the toast says why
      }
    }
  }

  const submit = async () => {
    if (sending.current) return
    const found = check(draft, 3)
    setErrors(found)
    if (Object.keys(found).length) {
      Taro.showToast({ title: Object.values(found)[0], icon: 'none' })
      return
    }
    sending.current = true
    setSubmitting(true)
    try {
      const { number } = await submitApplication({
        kind: draft.kind,
        divisionCode: draft.divisionCode,
        address: draft.address.trim(),
        reason: draft.reason.trim(),
        members: draft.members.map((m) => ({
          name: m.name.trim(),
          idNumber: m.idNumber.trim().toUpperCase(),
          relation: m.relation,
          monthlyIncomeCents: cents(m.income),
          health: m.health,
          disability: m.disability
        })),
        assets: {
          vehicles: Number(draft.vehicles),
          houses: Number(draft.houses),
          depositsCents: cents(draft.deposits)
        },
        consent: { agreed: draft.agreed, signedName: draft.signedName.trim() },
        materialIds: draft.materials.map((m) => m.id),
        ...(draft.kind === 'emergency' ? { emergencyCause: draft.emergencyCause.trim() } : {})
      })
      drafts.clear()
      setDone(number)
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) {
        setErrors(e.fields)
        setStep(Math.min(...Object.keys(e.fields).map(stepOfField)))
      }
    } finally {
      sending.current = false
      setSubmitting(false)
    }
  }

  if (done)
    return (
      <PageShell className="as-apply">
        <View className="mz-section mz-card" data-testid="done">
          <EmptyState
            icon="assistance"
            title="申请已提交"
            description={`申请编号 ${done}。办理进度会通过「消息」通知您。`}
          >
            <Button type="primary" size="small" onClick={() => go(PAGES.case(done))}>
              查看办理进度
            </Button>
          </EmptyState>
        </View>
      </PageShell>
    )

  if (user && !user.realNamed)
    return (
      <PageShell className="as-apply">
        <View className="mz-section mz-card" data-testid="need-real-name">
          <EmptyState
            icon="user"
            title="请先完成实名认证"
            description="社会救助须由申请人本人实名申请，请在「我的」完成实名认证。"
          />
        </View>
      </PageShell>
    )

  const err = (k: string) => errors[k] ?? null
  return (
    <PageShell className="as-apply">
      <View className="mz-section">
        <Text className="as-list__title" data-testid="step">
          第{step + 1}步/共{STEPS.length}步：{STEPS[step]}
        </Text>
        <Text className="as-hint" data-testid="draft-hint">
          {restored ? '已恢复上次填写的内容，' : ''}填写内容自动保存在本机
        </Text>
      </View>
      {step === 0 ? (
        <View className="mz-section mz-card">
          <Choice
            name="kind"
            label="申请类型"
            options={Object.keys(KIND_NAMES)}
            labels={KIND_NAMES}
            value={draft.kind}
            onChange={(v) => set({ kind: v as AssistanceKind })}
          />
          <FormField
            name="divisionCode"
            label="所在村（社区）代码"
            type="number"
            maxLength={12}
            value={draft.divisionCode}
            error={err('divisionCode')}
            placeholder="12位代码，可向社区居委会询问"
            onChange={(v) => set({ divisionCode: v, divisionName: undefined })}
          />
          {draft.divisionName && !picking ? (
            <Text className="as-village__chosen" data-testid="village-chosen">
              {draft.divisionName}
            </Text>
          ) : null}
          {picking ? (
            <VillagePicker
              onChoose={(code, names) => {
                set({ divisionCode: code, divisionName: names.join(' ') })
                setErrors(({ divisionCode: _, ...rest }) => rest)
                setPicking(false)
              }}
              onClose={() => setPicking(false)}
            />
          ) : (
            <Button size="small" fill="outline" onClick={() => setPicking(true)}>
              {draft.divisionName ? '重新选择村（社区）' : '按地区选择村（社区）'}
            </Button>
          )}
          <FormField
            name="address"
            label="居住地址"
            value={draft.address}
            error={err('address')}
            onChange={(v) => set({ address: v })}
          />
          <FormField
            name="reason"
            label="申请理由"
            maxLength={1000}
            value={draft.reason}
            error={err('reason')}
            placeholder="家庭困难的主要原因"
            onChange={(v) => set({ reason: v })}
          />
          {draft.kind === 'emergency' ? (
            <FormField
              name="emergencyCause"
              label="急难情形"
              value={draft.emergencyCause}
              error={err('emergencyCause')}
              placeholder="如火灾、交通事故、突发重病"
              onChange={(v) => set({ emergencyCause: v })}
            />
          ) : null}
        </View>
      ) : null}
      {step === 1 ? (
        <View className="mz-section mz-card">
          {draft.members.map((m, i) => (
            <View key={m.key} className="as-member" data-member={i}>
              <View className="as-member__head">
                <Text>{i === 0 ? '申请人本人' : `家庭成员${i + 1}`}</Text>
                {i > 0 ? (
                  <Text
                    className="as-error"
                    onClick={() => setDraft((d) => ({ ...d, members: d.members.filter((_, j) => j !== i) }))}
                  >
                    删除
                  </Text>
                ) : null}
              </View>
              <FormField
                name={`members.${i}.name`}
                label="姓名"
                value={m.name}
                error={err(`members.${i}.name`)}
                onChange={(v) => setMember(i, { name: v })}
              />
              <FormField
                name={`members.${i}.idNumber`}
                label="身份证号"
                type="idcard"
                maxLength={18}
                value={m.idNumber}
                error={err(`members.${i}.idNumber`)}
                onChange={(v) => setMember(i, { idNumber: v })}
              />
              {i > 0 ? (
                <Choice
                  name={`members.${i}.relation`}
                  label="与申请人关系"
                  options={RELATIONS.filter((r) => r !== '本人')}
                  value={m.relation}
                  error={err(`members.${i}.relation`)}
                  onChange={(v) => setMember(i, { relation: v })}
                />
              ) : null}
              <FormField
                name={`members.${i}.monthlyIncomeCents`}
                label="月收入（元）"
                type="number"
                value={m.income}
                error={err(`members.${i}.monthlyIncomeCents`)}
                onChange={(v) => setMember(i, { income: v })}
              />
              <Choice
                name={`members.${i}.health`}
                label="健康状况"
                options={HEALTH}
                value={m.health}
                onChange={(v) => setMember(i, { health: v })}
              />
              <Choice
                name={`members.${i}.disability`}
                label="残疾情况"
                options={DISABILITY}
                value={m.disability}
                onChange={(v) => setMember(i, { disability: v })}
              />
            </View>
          ))}
          {draft.members.length < 15 ? (
            <Button onClick={() => setDraft((d) => ({ ...d, members: [...d.members, emptyMember('子女')] }))}>
              添加家庭成员
            </Button>
          ) : null}
        </View>
      ) : null}
      {step === 2 ? (
        <View className="mz-section mz-card">
          <FormField
            name="assets.vehicles"
            label="机动车（辆）"
            type="number"
            value={draft.vehicles}
            error={err('assets.vehicles')}
            onChange={(v) => set({ vehicles: v })}
          />
          <FormField
            name="assets.houses"
            label="住房（套）"
            type="number"
            value={draft.houses}
            error={err('assets.houses')}
            onChange={(v) => set({ houses: v })}
          />
          <FormField
            name="assets.depositsCents"
            label="存款及有价证券（元）"
            type="number"
            value={draft.deposits}
            error={err('assets.depositsCents')}
            onChange={(v) => set({ deposits: v })}
          />
          <Text className="as-hint">请如实填写，将与家庭经济状况核对结果比对。</Text>
          <Text className="as-kind__name">申请材料（{draft.materials.length}份）</Text>
          <Text className="as-hint">户口簿、身份证、收入证明、病历或残疾证等的照片。</Text>
          {err('materialIds') ? <Text className="as-error">{err('materialIds')}</Text> : null}
          <Button onClick={addMaterial}>上传材料照片</Button>
        </View>
      ) : null}
      {step === 3 ? (
        <View className="mz-section mz-card" data-field="consent">
          <Text className="as-kind__name">家庭经济状况核对授权书</Text>
          <Text className="as-kind__text">
            本人及共同生活的家庭成员同意民政部门及其委托的核对机构，向公安、人社、住建（不动产）、交管、市场监管、税务、银行、证券、保险等单位查询家庭成员的户籍、收入、财产等信息，用于审核本次社会救助申请。信息仅用于社会救助审核，依法保密。
          </Text>
          <View className="as-actions" data-field="consent.agreed">
            <Switch checked={draft.agreed} onChange={(v) => set({ agreed: Boolean(v) })} />
            <Text className="as-kind__text">我已阅读并同意</Text>
          </View>
          {err('consent.agreed') ? <Text className="as-error">{err('consent.agreed')}</Text> : null}
          <FormField
            name="consent.signedName"
            label="签名（申请人姓名）"
            value={draft.signedName}
            error={err('consent.signedName')}
            onChange={(v) => set({ signedName: v })}
          />
        </View>
      ) : null}
      <View className="mz-section as-actions">
        {step > 0 ? <Button onClick={() => setStep((s) => s - 1)}>上一步</Button> : null}
        {step < STEPS.length - 1 ? (
          <Button type="primary" onClick={next}>
            下一步
          </Button>
        ) : (
          <Button type="primary" loading={submitting} onClick={submit}>
            提交申请
          </Button>
        )}
      </View>
    </PageShell>
  )
}
