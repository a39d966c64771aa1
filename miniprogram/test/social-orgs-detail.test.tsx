import { act, cleanup, fireEvent } from '@testing-library/react'
import assert from 'node:assert/strict'
import { taroDouble } from './doubles/taro'
import { renderPage } from './support/render'
import { extra, installSocialOrgDoubles, json, serverWith, uninstallSocialOrgDoubles } from './support/social-orgs'
import DetailPage, { certificateExpired } from '../src/packages/social-orgs/pages/detail/index'
import { complaintSteps } from '../src/packages/social-orgs/components/ComplaintSteps'
import { orderBookings } from '../src/packages/halls/pages/my-bookings/index'

const USCC = '53110105MJ0000001X'
const NAME = '北京市朝阳区书法家协会'

const profile = {
  org: {
    uscc: USCC,
    name: NAME,
    type: 'social_group',
    typeName: '社会团体',
    divisionCode: '110105',
    divisionName: '北京市朝阳区',
    authority: '北京市朝阳区民政局',
    status: 'active',
    statusName: '正常',
    creditStatus: 'serious',
    creditStatusName: '严重违法失信',
    registeredAt: '2015-03-18',
    authorityLevel: 'county',
    authorityLevelName: '县级',
    supervisor: null,
    legalRepresentative: '王建国',
    registeredCapital: 30000,
    address: '北京市朝阳区建国路88号',
    businessScope: '书法交流',
    certificate: { validFrom: '2020-03-18', validTo: '2030-03-17' }
  },
  asOf: '2026-11-29',
  creditStatus: 'serious',
  creditStatusName: '严重违法失信',
  creditHistory: [
    {
      id: 2,
      list: 'serious',
      listName: '严重违法失信名单',
      reasonCategory: 'abnormal_2y',
      reasonCategoryName: '被列入活动异常名录满2年',
      reason: null,
      decisionNo: '朝民〔2026〕2号',
      authority: '北京市朝阳区民政局',
      dateIn: '2026-03-01',
      correctionRequired: true,
      dateOut: null,
      reasonOut: null
    },
    {
      id: 1,
      list: 'abnormal',
      listName: '活动异常名录',
      reasonCategory: 'unreachable',
      reasonCategoryName: '通过登记的住所无法与社会组织取得联系',
      reason: null,
      decisionNo: '朝民〔2024〕1号',
      authority: '北京市朝阳区民政局',
      dateIn: '2024-03-01',
      correctionRequired: true,
      dateOut: '2026-03-01',
      reasonOut: '列入活动异常名录满2年，移入严重违法失信名单'
    }
  ],
  inspections: [
    { year: 2025, kind: 'annual_report', kindName: '年报', result: 'unqualified', resultName: '不合格', remark: null }
  ],
  penalties: [
    {
      decisionNo: '朝民罚〔2025〕9号',
      authority: '北京市朝阳区民政局',
      date: '2025-06-01',
      kind: '警告',
      reason: '未按规定报送年度工作报告',
      amount: null
    }
  ],
  rating: {
    level: 3,
    label: '3A',
    validFrom: '2022-01-01',
    validTo: '2026-12-31',
    authority: '北京市民政局',
    valid: true
  },
  ratingHistory: []
}

describe('社会组织详情 page', () => {
  let following = false
  beforeEach(() => {
    taroDouble.reset()
    installSocialOrgDoubles()
    extra.params = { uscc: USCC }
    following = false
    serverWith((req, url) => {
      if (url.pathname === `/api/social-orgs/${USCC}`) return json(profile)
      if (url.pathname === `/api/social-orgs/${USCC}/follow`) {
        if (req.method === 'PUT') following = true
        if (req.method === 'DELETE') following = false
        return json({ following })
      }
      if (url.pathname === '/api/matrix/articles') {
        return json({
          items: [
            {
              id: 5,
              title: `${NAME}被列入严重违法失信名单`,
              author: null,
              digest: null,
              cover: 'https://mmbiz.qpic.cn/x.jpg',
              link: 'https://mp.weixin.qq.com/s/abc',
              publishedAt: '2026-03-02T00:00:00Z',
              pinned: false,
              tags: [],
              member: { id: 1, name: '北京社会组织' }
            }
          ],
          total: 1
        })
      }
      return undefined
    })
  })
  afterEach(() => {
    cleanup()
    uninstallSocialOrgDoubles()
  })

  it('shows the credit status, the list history as a timeline, the rating, inspections and penalties', async () => {
    const view = await renderPage(DetailPage)
    assert.equal(view.getByTestId('org-name').textContent, NAME)
    assert.equal(view.getByTestId('credit-card').querySelector('.so-credit--serious')?.textContent, '严重违法失信')
    const events = Array.from(view.getByTestId('credit-timeline').querySelectorAll('.so-timeline__item'))
    assert.deepEqual(
      events.map((e) => e.getAttribute('data-kind')),
      ['in-serious', 'out', 'in-abnormal'],
      'newest first; the move out on the day of the move in comes after it'
    )
    assert.match(events[1].textContent!, /移出原因：列入活动异常名录满2年/)
    assert.match(events[2].textContent!, /决定书文号：朝民〔2024〕1号/)
    assert.equal(view.getByTestId('rating').querySelectorAll('.so-rating__star--on').length, 3)
    assert.match(view.container.textContent!, /2025年度年报不合格/)
    assert.match(view.container.textContent!, /未按规定报送年度工作报告/)
    assert.match(view.container.textContent!, /3万元/)
  })

  it('lists related news found by the organization name (3 at most) and opens one in the web-view', async () => {
    const view = await renderPage(DetailPage)
    const asked = taroDouble.requests.find((r) => new URL(r.url).pathname === '/api/matrix/articles')!
    assert.deepEqual(Object.fromEntries(new URL(asked.url).searchParams), { q: NAME, pageSize: '3' })
    await act(async () => {
      fireEvent.click(view.getByTestId('related-news').querySelector('.so-article')!)
    })
    assert.deepEqual(taroDouble.navigations.at(-1), {
      kind: 'navigateTo',
      url: `/packages/social-orgs/pages/web-view/index?url=${encodeURIComponent('https://mp.weixin.qq.com/s/abc')}&title=${encodeURIComponent(`${NAME}被列入严重违法失信名单`)}`
    })
  })

  it('follows and unfollows; 投诉举报 opens the form for this organization', async () => {
    const view = await renderPage(DetailPage)
    const button = () => view.container.querySelector('.so-detail__follow') as HTMLElement
    assert.match(button().textContent!, /关注/)
    await act(async () => {
      fireEvent.click(button())
    })
    for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 0)))
    assert.equal(following, true)
    assert.equal(button().textContent, '已关注')
    await act(async () => {
      fireEvent.click(view.getByText('投诉举报'))
    })
    assert.deepEqual(taroDouble.navigations.at(-1), {
      kind: 'navigateTo',
      url: `/packages/social-orgs/pages/complaint/index?uscc=${USCC}&name=${encodeURIComponent(NAME)}`
    })
  })

  it('says so when the code is not on record', async () => {
    taroDouble.server = (req) =>
      new URL(req.url).pathname === `/api/social-orgs/${USCC}`
        ? json(
            { error: { code: 'NOT_FOUND', message: '未找到该统一社会信用代码对应的社会组织，请核实代码或谨防假冒' } },
            404
          )
        : json({ items: [], total: 0 })
    const view = await renderPage(DetailPage)
    assert.match(view.container.textContent!, /未找到该社会组织/)
    assert.match(view.container.textContent!, /谨防假冒/)
  })

  it('gives a de-registered organization a grey 已注销 badge, never a green 正常, and flags an expired certificate', async () => {
    taroDouble.server = (req) =>
      new URL(req.url).pathname === `/api/social-orgs/${USCC}`
        ? json({
            ...profile,
            creditStatus: 'normal',
            creditStatusName: '正常',
            org: {
              ...profile.org,
              status: 'deregistered',
              statusName: '注销',
              creditStatus: 'normal',
              certificate: { validFrom: '2015-03-18', validTo: '2020-03-17' }
            }
          })
        : json({ items: [], total: 0 })
    const view = await renderPage(DetailPage)
    const card = view.getByTestId('credit-card')
    assert.equal(card.querySelector('.so-credit--normal'), null)
    assert.equal(card.querySelector('.so-credit--closed')?.textContent, '已注销')
    assert.match(card.textContent!, /已注销登记/)
    assert.match(view.container.textContent!, /2015-03-18 至 2020-03-17（已过期）/)
    assert.equal(certificateExpired('2030-03-17'), false)
  })

  it('offers no 重试 for a code that is not on record or not valid, but does for a network failure', async () => {
    taroDouble.server = (req) =>
      new URL(req.url).pathname === `/api/social-orgs/${USCC}`
        ? json({ error: { code: 'VALIDATION_FAILED', message: '统一社会信用代码格式不正确' } }, 400)
        : json({ items: [], total: 0 })
    const view = await renderPage(DetailPage)
    assert.match(view.container.textContent!, /统一社会信用代码格式不正确/)
    assert.equal(view.queryByText('重试'), null)
    cleanup()
    taroDouble.server = (req) =>
      new URL(req.url).pathname === `/api/social-orgs/${USCC}`
        ? json({ error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }, 503)
        : json({ items: [], total: 0 })
    const again = await renderPage(DetailPage)
    assert.ok(again.getByText('重试'))
  })
})

describe('Statuses that do not mislead', () => {
  it('paints only what happened on the complaint stepper: 已提交 is not 已受理', () => {
    const submitted = complaintSteps('submitted')
    assert.deepEqual(
      submitted.map((s) => [s.label, s.state]),
      [
        ['已提交', 'done'],
        ['待受理', 'todo'],
        ['待答复', 'todo']
      ]
    )
    assert.deepEqual(
      complaintSteps('accepted').map((s) => [s.label, s.state]),
      [
        ['已提交', 'done'],
        ['已受理', 'done'],
        ['处理中', 'current']
      ]
    )
  })

  it('lists live bookings first, soonest first, and cancelled ones after them', () => {
    const items = [
      { code: 'C', status: 'cancelled', date: '2026-12-20', time: '09:00' },
      { code: 'B', status: 'confirmed', date: '2026-12-18', time: '09:00' },
      { code: 'D', status: 'completed', date: '2026-12-01', time: '09:00' },
      { code: 'A', status: 'confirmed', date: '2026-12-10', time: '09:00' }
    ]
    assert.deepEqual(
      orderBookings(items).map((b) => b.code),
      ['A', 'B', 'C', 'D']
    )
  })
})
