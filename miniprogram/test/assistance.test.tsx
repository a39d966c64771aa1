import { act, cleanup, fireEvent, type RenderResult } from '@testing-library/react'
import assert from 'node:assert/strict'
import Taro, { taroDouble, type FakeResponse, type RequestOptions } from './doubles/taro'
import { FakeServer } from './support/fake-server'
import { renderPage, settle } from './support/render'
import ApplyPage from '../src/packages/assistance/pages/apply/index'
import MyApplicationsPage from '../src/packages/assistance/pages/applications/index'
import CasePage from '../src/packages/assistance/pages/case/index'
import AssistanceIndexPage from '../src/packages/assistance/pages/index/index'
import PublicityPage from '../src/packages/assistance/pages/publicity/index'
import ReportsPage from '../src/packages/assistance/pages/reports/index'

type Handler = (req: RequestOptions, url: URL) => FakeResponse | undefined
const json = (data: unknown, statusCode = 200): FakeResponse => ({ statusCode, data })
const fail = (statusCode: number, code: string, message: string, fields?: Record<string, string>) =>
  json({ error: { code, message, ...(fields ? { fields } : {}) } }, statusCode)

/** The shell's fake server (login, me) with a real-named citizen, plus what a test answers itself. */
function serverWith(handler: Handler, realNamed = true) {
  const base = new FakeServer()
  if (realNamed) base.user = { ...base.user, name: '张*', idNumber: '110105********0034', realNamed: true }
  taroDouble.server = (req) => handler(req, new URL(req.url)) ?? base.handle(req)
  return base
}
const posts = (path: string) =>
  taroDouble.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === path)

const field = (view: RenderResult, name: string) =>
  view.container.querySelector(`[data-field="${name}"]`) as HTMLElement
const errorOf = (view: RenderResult, name: string) =>
  field(view, name)?.querySelector('.mz-field__error')?.textContent ?? null
async function type(view: RenderResult, name: string, value: string) {
  const el = field(view, name).querySelector('textarea, input') as HTMLInputElement
  await act(async () => {
    fireEvent.change(el, { target: { value } })
  })
}
async function tap(view: RenderResult, text: string) {
  await act(async () => {
    fireEvent.click(view.getByText(text))
  })
  await settle()
}

const HEAD_ID = '110105198203150034'

const current = (over: Record<string, unknown> = {}) => ({
  stage: 'accept',
  stageName: '受理',
  heldBy: '北京市朝阳区建国门外街道',
  enteredOn: '2026-03-02',
  dueOn: '2026-03-09',
  dueProvisional: false,
  basis: '乡镇（街道）收到申请后5个工作日内决定是否受理',
  workingDaysLeft: 3,
  overdue: false,
  note: '乡镇（街道）正在审查您提交的材料',
  flag: 'none',
  ...over
})
const summary = (over: Record<string, unknown> = {}) => ({
  id: 7,
  number: 'DB-20260302-7K3QX9',
  type: 'assistance.dibao',
  typeName: '最低生活保障',
  title: '张*家庭（2人）',
  status: 'open',
  statusName: '办理中',
  amountCents: null,
  divisionCode: '110105001003',
  createdAt: '2026-03-02T01:00:00.000Z',
  closedAt: null,
  ...over
})
const caseView = (
  over: { case?: Record<string, unknown>; current?: Record<string, unknown>; missing?: string[] } = {}
) => ({
  case: summary(over.case),
  current: current(over.current),
  steps: [
    {
      seq: 1,
      at: '2026-03-02T01:00:00.000Z',
      actionName: '提交申请',
      stageName: '受理',
      organName: '申请人',
      person: '张**',
      opinion: null,
      dueOn: '2026-03-09'
    }
  ],
  application: {
    kind: 'dibao',
    kindName: '最低生活保障',
    householdSize: 1,
    household: [{ seq: 1, name: '张**', idNumber: '110105********0034', relation: '本人' }],
    materials: [],
    missingMaterials: over.missing ?? null
  }
})

describe('社会救助 pages', () => {
  const saved: Record<string, unknown> = {}
  let chosen: string[]
  beforeEach(() => {
    taroDouble.reset()
    chosen = []
    const t = Taro as any
    for (const k of ['chooseImage', 'uploadFile']) saved[k] = t[k]
    t.chooseImage = async () => ({ tempFilePaths: chosen, errMsg: 'chooseImage:ok' })
    t.uploadFile = async () => ({
      statusCode: 201,
      data: JSON.stringify({
        material: { id: `m_${'0'.repeat(20)}${chosen.length}`, label: '申请材料', mime: 'image/png' }
      })
    })
  })
  afterEach(() => {
    cleanup()
    Object.assign(Taro as any, saved)
  })

  it('explains who may apply for what, and what to prepare', async () => {
    serverWith(() => undefined)
    const view = await renderPage(AssistanceIndexPage)
    assert.match(view.getByTestId('kind-dibao').textContent!, /月人均收入低于当地低保标准/)
    assert.match(view.getByTestId('kind-tekun').textContent!, /年满60周岁或未满16周岁/)
    assert.match(view.container.textContent!, /家庭经济状况核对授权书/)
    await tap(view, '我要申请')
    assert.equal(taroDouble.navigations.at(-1)?.url, '/packages/assistance/pages/apply/index')
  })

  it('walks the application in four steps, keeps a draft on the phone, and sends what the server expects', async () => {
    let answer: (req: RequestOptions) => FakeResponse = () => json({ number: 'DB-20260302-7K3QX9', caseId: 7 }, 201)
    serverWith((req, url) => (url.pathname === '/api/assistance/applications' ? answer(req) : undefined))
    let view = await renderPage(ApplyPage)
    assert.match(view.getByTestId('step').textContent!, /第1步\/共4步/)
    await tap(view, '下一步')
    assert.equal(errorOf(view, 'divisionCode'), '请填写12位村（社区）代码')
    assert.equal(errorOf(view, 'reason'), '请写明申请理由（至少10字）')
    assert.match(view.getByTestId('step').textContent!, /第1步/, 'stays on the step')

    await type(view, 'divisionCode', '110105001003')
    await type(view, 'address', '北京市朝阳区建外街道某小区3号楼')
    await type(view, 'reason', '丈夫因病去世，本人无固定工作，家庭生活困难')
    // The draft is on the phone already: a second visit finds it.
    const draft = taroDouble.storage.get('mz.assistance.draft') as { address: string }
    assert.equal(draft.address, '北京市朝阳区建外街道某小区3号楼')
    cleanup()
    view = await renderPage(ApplyPage)
    assert.match(view.getByTestId('draft-hint').textContent!, /已恢复上次填写的内容/)
    assert.equal(
      (field(view, 'address').querySelector('input') as HTMLInputElement).value,
      '北京市朝阳区建外街道某小区3号楼'
    )

    await tap(view, '下一步')
    await type(view, 'members.0.name', '张秀英')
    await type(view, 'members.0.idNumber', '11010519820315003x')
    await type(view, 'members.0.monthlyIncomeCents', '800')
    await tap(view, '添加家庭成员')
    await tap(view, '下一步')
    assert.equal(errorOf(view, 'members.1.name'), '请填写姓名')
    await type(view, 'members.1.name', '王小明')
    await type(view, 'members.1.idNumber', '110105201409010012')
    await tap(view, '下一步')
    assert.match(view.getByTestId('step').textContent!, /第3步/)
    await type(view, 'assets.depositsCents', '5000')
    chosen = ['wxfile://hukou.jpg']
    await tap(view, '上传材料照片')
    assert.match(view.container.textContent!, /申请材料（1份）/)
    await tap(view, '下一步')
    await tap(view, '提交申请')
    assert.equal(posts('/api/assistance/applications').length, 0, 'no consent, nothing sent')
    assert.match(view.container.textContent!, /请阅读并同意家庭经济状况核对授权书/)

    await act(async () => {
      fireEvent.click(field(view, 'consent.agreed').querySelector('.nut-switch')!)
    })
    await type(view, 'consent.signedName', '张秀英')
    // The server refuses an ID number: the wizard goes back to the household and shows it there.
    answer = () =>
      fail(400, 'VALIDATION_FAILED', '提交的信息有误：身份证号校验位不正确', {
        'members.1.idNumber': '身份证号校验位不正确'
      })
    await tap(view, '提交申请')
    assert.match(view.getByTestId('step').textContent!, /第2步/)
    assert.equal(errorOf(view, 'members.1.idNumber'), '身份证号校验位不正确')
    await type(view, 'members.1.idNumber', '110105201409010039')
    await tap(view, '下一步')
    await tap(view, '下一步')
    answer = () => json({ number: 'DB-20260302-7K3QX9', caseId: 7 }, 201)
    await tap(view, '提交申请')

    const sent = posts('/api/assistance/applications').at(-1)!.data
    assert.equal(sent.kind, 'dibao')
    assert.equal(sent.members[0].idNumber, HEAD_ID.slice(0, 17) + 'X', 'upper-cased')
    assert.equal(sent.members[0].monthlyIncomeCents, 80_000)
    assert.equal(sent.members[1].relation, '子女')
    assert.equal(sent.assets.depositsCents, 500_000)
    assert.deepEqual(sent.consent, { agreed: true, signedName: '张秀英' })
    assert.equal(sent.materialIds.length, 1)
    assert.match(view.getByTestId('done').textContent!, /DB-20260302-7K3QX9/)
    assert.equal(taroDouble.storage.has('mz.assistance.draft'), false, 'the draft is gone once the server has it')
  })

  it('picks the village or community level by level from the divisions', async () => {
    const levels: Record<string, { code: string; name: string; hasChildren: boolean }[]> = {
      '': [{ code: '110000', name: '北京市', hasChildren: true }],
      '110000': [{ code: '110105', name: '朝阳区', hasChildren: true }],
      '110105': [{ code: '110105001', name: '建外街道', hasChildren: true }],
      '110105001': [
        { code: '110105001001', name: '永安里社区', hasChildren: false },
        { code: '110105001003', name: '建国里社区', hasChildren: false }
      ]
    }
    serverWith((_req, url) =>
      url.pathname === '/api/divisions'
        ? url.searchParams.get('deep') === '1'
          ? json({ items: levels[url.searchParams.get('parent') ?? ''] ?? [] })
          : fail(400, 'VALIDATION_FAILED', '应带 deep=1')
        : undefined
    )
    const view = await renderPage(ApplyPage)
    await tap(view, '按地区选择村（社区）')
    for (const name of ['北京市', '朝阳区', '建外街道']) {
      await settle()
      await tap(view, name)
    }
    await settle()
    await tap(view, '建国里社区')
    assert.equal((field(view, 'divisionCode').querySelector('input') as HTMLInputElement).value, '110105001003')
    assert.equal(view.getByTestId('village-chosen').textContent, '北京市 朝阳区 建外街道 建国里社区')
    assert.equal(view.queryByTestId('village-picker'), null)
  })

  it('asks for the real name first', async () => {
    serverWith(() => undefined, false)
    const view = await renderPage(ApplyPage)
    assert.match(view.getByTestId('need-real-name').textContent!, /请先完成实名认证/)
  })

  it('shows where a case stands without making it look better than it is', async () => {
    let answer = () => json(caseView({ current: { overdue: true, workingDaysLeft: null, dueOn: '2026-03-09' } }))
    serverWith((_req, url) => (url.pathname.startsWith('/api/assistance/applications/') ? answer() : undefined))
    taroDouble.params = { number: 'DB-20260302-7K3QX9' }
    let view = await renderPage(CasePage)
    const deadline = view.getByTestId('deadline').textContent!
    assert.match(deadline, /2026-03-09前/)
    assert.match(deadline, /已超过办理时限/)
    assert.doesNotMatch(deadline, /剩余/)
    assert.match(view.getByTestId('current').textContent!, /北京市朝阳区建国门外街道/)
    assert.equal(view.getAllByTestId('step').length, 1)
    cleanup()

    answer = () => json(caseView({ current: { dueOn: '2027-01-08', dueProvisional: true, workingDaysLeft: 5 } }))
    view = await renderPage(CasePage)
    assert.match(view.getByTestId('deadline').textContent!, /暂定/)
    cleanup()

    // Closed: no deadline, no withdraw.
    answer = () =>
      json(
        caseView({
          case: { status: 'closed', statusName: '已办结' },
          current: { stage: 'refused', stageName: '不予批准' }
        })
      )
    view = await renderPage(CasePage)
    assert.equal(view.queryByTestId('deadline'), null)
    assert.equal(view.queryByText('撤回申请'), null)
    cleanup()

    answer = () => fail(404, 'NOT_FOUND', '未找到该申请')
    view = await renderPage(CasePage)
    assert.match(view.getByTestId('error').textContent!, /未找到该申请/)
    assert.equal(view.queryByText('重试'), null, 'retrying cannot help')
  })

  it('hands in the materials asked for at once, and withdraws only after a confirmation', async () => {
    let state = caseView({
      current: { stage: 'supplement', stageName: '补齐材料', heldBy: '申请人' },
      missing: ['学籍证明', '失业登记证明']
    })
    serverWith((_req, url) => {
      if (url.pathname.endsWith('/supplement')) {
        state = caseView({ current: { stage: 'accept' } })
        return json(state)
      }
      if (url.pathname.endsWith('/withdraw')) {
        state = caseView({
          case: { status: 'closed', statusName: '已办结' },
          current: { stage: 'withdrawn', stageName: '已撤回' }
        })
        return json(state)
      }
      if (url.pathname.startsWith('/api/assistance/applications/')) return json(state)
      return undefined
    })
    taroDouble.params = { number: 'DB-20260302-7K3QX9' }
    const view = await renderPage(CasePage)
    assert.match(view.getByTestId('missing').textContent!, /学籍证明.*失业登记证明/)
    await tap(view, '提交补充材料')
    assert.equal(posts('/api/assistance/applications/DB-20260302-7K3QX9/supplement').length, 0)
    chosen = ['wxfile://school.jpg']
    await tap(view, '上传材料照片')
    await tap(view, '提交补充材料')
    assert.equal(posts('/api/assistance/applications/DB-20260302-7K3QX9/supplement').length, 1)
    assert.equal(view.queryByTestId('missing'), null)

    await tap(view, '撤回申请')
    assert.equal(posts('/api/assistance/applications/DB-20260302-7K3QX9/withdraw').length, 0, 'asks first')
    await tap(view, '确认撤回')
    assert.equal(posts('/api/assistance/applications/DB-20260302-7K3QX9/withdraw').length, 1)
    assert.match(view.getByTestId('current').textContent!, /已撤回/)
  })

  it('lists my applications with loading, empty and error states in Chinese', async () => {
    let answer = () => json({ items: [] })
    serverWith((_req, url) => (url.pathname === '/api/assistance/applications' ? answer() : undefined))
    let view = await renderPage(MyApplicationsPage)
    assert.match(view.getByTestId('empty').textContent!, /暂无救助申请/)
    cleanup()
    answer = () => fail(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试')
    view = await renderPage(MyApplicationsPage)
    assert.match(view.getByTestId('error').textContent!, /服务暂时不可用/)
    answer = () => json({ items: [{ ...summary(), current: current({ overdue: true }) }] })
    await tap(view, '重试')
    const item = view.container.querySelector('[data-number="DB-20260302-7K3QX9"]')!
    assert.match(item.textContent!, /当前环节：受理 · 已超过办理时限/)
  })

  it('shows the 公示 of my community and takes an objection with its reasons', async () => {
    serverWith((_req, url) => {
      if (url.pathname === '/api/assistance/applications')
        return json({ items: [{ ...summary(), current: current() }] })
      if (url.pathname === '/api/assistance/publicity')
        return json({
          community: url.searchParams.get('community'),
          communityName: '北京市朝阳区',
          items: [
            {
              number: 'DB-20260302-AAAAAA',
              kindName: '最低生活保障',
              headName: '吴**',
              householdSize: 1,
              proposedAmountCents: 100_000,
              startsOn: '2026-03-05',
              endsOn: '2026-03-16'
            }
          ]
        })
      if (url.pathname.endsWith('/objections')) return json({ ok: true }, 201)
      return undefined
    })
    const view = await renderPage(PublicityPage)
    const get = taroDouble.requests.find((r) => new URL(r.url).pathname === '/api/assistance/publicity')!
    assert.equal(new URL(get.url).searchParams.get('community'), '110105001003', 'my community by default')
    const entry = view.container.querySelector('[data-number="DB-20260302-AAAAAA"]')!
    assert.match(entry.textContent!, /吴\*\*家庭（1人）/)
    assert.match(entry.textContent!, /拟救助1000元\/月/)
    await tap(view, '监督举报')
    assert.equal(
      taroDouble.navigations.at(-1)?.url,
      '/packages/assistance/pages/reports/index?caseNumber=DB-20260302-AAAAAA',
      'a report about this 公示'
    )
    await tap(view, '我有异议')
    await type(view, 'reason', '不同意')
    await tap(view, '提交异议')
    assert.equal(errorOf(view, 'reason'), '请写明异议的事实和理由（至少10字）')
    assert.equal(posts('/api/assistance/publicity/DB-20260302-AAAAAA/objections').length, 0)
    await type(view, 'reason', '该户子女在外地工作，每月寄钱回家')
    await tap(view, '提交异议')
    assert.equal(posts('/api/assistance/publicity/DB-20260302-AAAAAA/objections').length, 1)
    assert.match(entry.textContent!, /您的异议已提交/)
  })

  it('takes a 监督举报 with its category and a photo, and lists mine with the result', async () => {
    taroDouble.params = { caseNumber: 'DB-20260302-AAAAAA' }
    const mine = [
      {
        id: 1,
        number: 'JB20260301ABCDEF',
        caseNumber: null,
        divisionCode: '110105001003',
        category: 'staff',
        categoryName: '工作人员违规办理',
        subject: '某村干部',
        content: '村干部为自己的亲戚办理低保，亲戚家有商铺出租',
        status: 'closed',
        statusName: '已办结',
        result: '经核查属实，已取消该户低保并追回资金',
        handledAt: '2026-03-04T02:00:00.000Z',
        submittedAt: '2026-03-01T02:00:00.000Z'
      }
    ]
    serverWith((req, url) => {
      if (url.pathname === '/api/assistance/reports' && req.method === 'POST') {
        const body = req.data as Record<string, unknown>
        if (body.subject === '吴某')
          return fail(400, 'VALIDATION_FAILED', '输入有误', { subject: '请填写被举报的对象全称' })
        mine.unshift({
          ...mine[0],
          number: 'JB20260302QWERTY',
          status: 'submitted',
          statusName: '已提交，待受理',
          result: null
        } as never)
        return json({ report: mine[0] }, 201)
      }
      if (url.pathname === '/api/assistance/reports') return json({ items: mine })
      return undefined
    })
    const view = await renderPage(ReportsPage)
    await settle()
    const closed = view.container.querySelector('[data-number="JB20260301ABCDEF"]')!
    assert.match(closed.textContent!, /已办结/)
    assert.match(closed.textContent!, /处理结果：经核查属实/)

    await tap(view, '提交举报')
    assert.equal(errorOf(view, 'category'), '请选择举报类别')
    assert.equal(errorOf(view, 'content'), '请写明举报的事实（至少15字）')
    assert.equal(posts('/api/assistance/reports').length, 0)

    await act(async () => {
      fireEvent.click(view.container.querySelector('[data-field="category"] [data-value="concealment"]')!)
    })
    await type(view, 'subject', '吴某')
    const area = view.container.querySelector('[data-field="content"] textarea') as HTMLTextAreaElement
    await act(async () => {
      fireEvent.change(area, { target: { value: '该户家中有一辆小轿车，登记在女儿名下，申报时未如实填写' } })
    })
    chosen = ['/tmp/car.png']
    await tap(view, '添加照片')
    await tap(view, '提交举报')
    assert.equal(errorOf(view, 'subject'), '请填写被举报的对象全称', "the server's field message on its field")
    await type(view, 'subject', '吴某某家庭')
    await tap(view, '提交举报')
    const sent = posts('/api/assistance/reports').at(-1)!.data as Record<string, unknown>
    assert.equal(sent.category, 'concealment')
    assert.equal(sent.caseNumber, 'DB-20260302-AAAAAA', 'the case it was opened about')
    assert.equal((sent.materialIds as string[]).length, 1)
    assert.ok(view.container.querySelector('[data-number="JB20260302QWERTY"]'))
  })

  it('asks for the real name before a 监督举报', async () => {
    serverWith(() => undefined, false)
    const view = await renderPage(ReportsPage)
    await settle()
    assert.ok(view.getByTestId('need-real-name'))
  })

  it('follows 长辈模式', async () => {
    taroDouble.storage.set('mz.elderlyMode', true)
    serverWith(() => undefined)
    const view = await renderPage(AssistanceIndexPage)
    assert.ok(view.container.querySelector('.mz-elderly.as-home'))
  })
})
