import { act, cleanup, fireEvent } from '@testing-library/react'
import assert from 'node:assert/strict'
import { taroDouble, type FakeResponse, type RequestOptions } from './doubles/taro'
import { FakeServer } from './support/fake-server'
import { renderPage, settle } from './support/render'
import MessagesPage from '../src/pages/messages/index'
import MessageDetailPage from '../src/packages/messages/pages/detail/index'
import NoticeSettingsPage from '../src/packages/messages/pages/settings/index'
import { askNoticeConsent, MESSAGES_TAB } from '../src/services/notices'

interface Msg {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  read: boolean
  createdAt: string
}

/** The /api/messages… contract (server/src/modules/notices/routes.ts), in memory. */
class FakeInbox {
  messages: Msg[] = []
  prefs: Record<string, boolean> = {
    booking: true,
    application: true,
    complaint: true,
    credit: true,
    policy: true,
    queue: true,
    system: true
  }
  consents: Record<string, number> = {}
  consentPosts: unknown[] = []

  add(m: Partial<Msg> & { title: string }): Msg {
    const msg: Msg = {
      id: this.messages.length + 1,
      kind: 'booking',
      body: '正文',
      link: null,
      read: false,
      createdAt: new Date(Date.UTC(2026, 10, 29, 8, this.messages.length)).toISOString(),
      ...m
    }
    this.messages.unshift(msg)
    return msg
  }

  unread = () => this.messages.filter((m) => !m.read).length

  handle = (req: RequestOptions): FakeResponse | null => {
    const url = new URL(req.url)
    const method = (req.method ?? 'GET').toUpperCase()
    const ok = (data: unknown) => ({ statusCode: 200, data })
    if (!url.pathname.startsWith('/api/messages')) return null
    if (method === 'GET' && url.pathname === '/api/messages') {
      const page = Number(url.searchParams.get('page') ?? 1)
      const size = Number(url.searchParams.get('pageSize') ?? 20)
      return ok({
        items: this.messages.slice((page - 1) * size, page * size),
        total: this.messages.length,
        unread: this.unread()
      })
    }
    if (method === 'GET' && url.pathname === '/api/messages/unread-count') return ok({ unread: this.unread() })
    if (method === 'POST' && url.pathname === '/api/messages/read-all') {
      const updated = this.unread()
      this.messages.forEach((m) => (m.read = true))
      return ok({ updated })
    }
    if (url.pathname === '/api/messages/preferences') {
      if (method === 'PUT') Object.assign(this.prefs, req.data)
      return ok({ preferences: this.prefs })
    }
    if (method === 'GET' && url.pathname === '/api/messages/subscribe-templates') {
      const ids: Record<string, string> = {
        'bookings.confirmed': 'SUB_booking_confirmed_01',
        'bookings.reminder': 'SUB_booking_reminder_01'
      }
      const keys = (url.searchParams.get('keys') ?? '').split(',')
      return ok({ templates: Object.fromEntries(keys.filter((k) => ids[k]).map((k) => [k, ids[k]])) })
    }
    if (method === 'POST' && url.pathname === '/api/messages/consents') {
      this.consentPosts.push(req.data)
      for (const [id, r] of Object.entries(req.data.results as Record<string, string>))
        if (r === 'accept') this.consents[id] = (this.consents[id] ?? 0) + 1
      return ok({ consents: this.consents })
    }
    const one = /^\/api\/messages\/(\d+)(\/read)?$/.exec(url.pathname)
    const m = one && this.messages.find((x) => x.id === Number(one[1]))
    if (!m) return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到该消息' } } }
    if (method === 'POST' && one![2]) m.read = true
    return ok({ message: { ...m, delivery: m.id === 1 ? { channel: 'mp_template', status: 'delivered' } : null } })
  }
}

describe('消息', () => {
  let server: FakeServer
  let inbox: FakeInbox

  beforeEach(() => {
    taroDouble.reset()
    server = new FakeServer()
    inbox = new FakeInbox()
    // Messages need a logged-in citizen, like the real server.
    taroDouble.server = (req) => {
      const auth = (req.header?.Authorization ?? '').replace(/^Bearer /, '')
      if (new URL(req.url).pathname.startsWith('/api/messages') && !server.tokens.has(auth)) return server.handle(req)
      return inbox.handle(req) ?? server.handle(req)
    }
  })
  afterEach(cleanup)

  it('lists my notices newest first with the unread count on the tab badge', async () => {
    inbox.add({ title: '预约成功', read: true })
    inbox.add({ title: '投诉已受理', kind: 'complaint' })
    inbox.add({ title: '明天上午请到婚姻登记处' })
    const view = await renderPage(MessagesPage)
    const items = view.getAllByTestId('message-item')
    assert.deepEqual(
      items.map((i) => i.querySelector('.mz-message__title')!.textContent),
      ['明天上午请到婚姻登记处', '投诉已受理', '预约成功']
    )
    assert.deepEqual(
      items.map((i) => i.dataset.read),
      ['false', 'false', 'true']
    )
    assert.equal(view.getByTestId('unread-count').textContent, '2 条未读')
    assert.equal(taroDouble.badges.get(MESSAGES_TAB), '2')
  })

  it('shows the unread badge from launch, on any page, without 消息 being opened', async () => {
    inbox.add({ title: '请到3号窗口办理' })
    inbox.add({ title: '预约成功' })
    await renderPage(() => null) // 首页 or any page: 消息 never opened
    assert.equal(taroDouble.badges.get(MESSAGES_TAB), '2')
  })

  it('shows a friendly empty state and no badge when there is nothing', async () => {
    taroDouble.badges.set(MESSAGES_TAB, '5') // left from before
    const view = await renderPage(MessagesPage)
    assert.ok(view.getByText('暂无消息'))
    assert.equal(view.queryAllByTestId('message-item').length, 0)
    assert.equal(taroDouble.badges.has(MESSAGES_TAB), false)
  })

  it('marks a notice read when I open it, and the badge follows', async () => {
    inbox.add({ title: '预约成功' })
    inbox.add({ title: '投诉已受理', kind: 'complaint' })
    const view = await renderPage(MessagesPage)
    await act(async () => {
      fireEvent.click(view.getByText('预约成功'))
    })
    await settle()
    assert.equal(inbox.messages.find((m) => m.title === '预约成功')!.read, true)
    assert.deepEqual(taroDouble.navigations.at(-1), {
      kind: 'navigateTo',
      url: '/packages/messages/pages/detail/index?id=1'
    })
    assert.equal(taroDouble.badges.get(MESSAGES_TAB), '1')
    assert.equal(view.getByText('预约成功').closest('[data-testid="message-item"]')!.getAttribute('data-read'), 'true')
  })

  it('「全部已读」 clears every unread mark and the badge', async () => {
    inbox.add({ title: '预约成功' })
    inbox.add({ title: '投诉已受理' })
    const view = await renderPage(MessagesPage)
    await act(async () => {
      fireEvent.click(view.getByText('全部已读'))
    })
    await settle()
    assert.equal(inbox.unread(), 0)
    assert.deepEqual(
      view.getAllByTestId('message-item').map((i) => i.dataset.read),
      ['true', 'true']
    )
    assert.equal(taroDouble.badges.has(MESSAGES_TAB), false)
    assert.equal(view.getByTestId('unread-count').textContent, '没有未读消息')
  })

  it('the detail page shows the delivery status, marks it read and links to the page it concerns', async () => {
    inbox.add({
      title: '预约成功',
      body: '您已预约 12 月 1 日上午的结婚登记',
      link: '/packages/marriage/pages/index/index?booking=9'
    })
    taroDouble.params = { id: '1' }
    const view = await renderPage(MessageDetailPage)
    assert.ok(view.getByText('您已预约 12 月 1 日上午的结婚登记'))
    assert.match(view.getByTestId('delivery').textContent!, /公众号消息.*已送达/)
    assert.equal(inbox.messages[0].read, true)
    await act(async () => {
      fireEvent.click(view.getByText('查看办理详情'))
    })
    assert.deepEqual(taroDouble.navigations.at(-1), {
      kind: 'navigateTo',
      url: '/packages/marriage/pages/index/index?booking=9'
    })
  })

  it('通知设置 turns a kind of notice off on the server', async () => {
    const view = await renderPage(NoticeSettingsPage)
    const row = view.container.querySelector('[data-kind="policy"]')!
    assert.ok(row.textContent!.includes('政策通知'))
    await act(async () => {
      fireEvent.click(row.querySelector('.nut-switch')!)
    })
    await settle()
    assert.equal(inbox.prefs.policy, false)
    assert.equal(inbox.prefs.booking, true)
  })

  it('askNoticeConsent asks WeChat for the templates of the keys and reports the answers', async () => {
    await renderPage(() => null) // logged in, as a page calling it would be
    let asked: string[] = []
    taroDouble.subscribe = (ids) => {
      asked = ids
      return { SUB_booking_confirmed_01: 'accept', SUB_booking_reminder_01: 'reject' }
    }
    const left = await askNoticeConsent(['bookings.confirmed', 'bookings.reminder', 'unknown.key'])
    assert.deepEqual(asked, ['SUB_booking_confirmed_01', 'SUB_booking_reminder_01'])
    assert.deepEqual(inbox.consentPosts, [
      { results: { SUB_booking_confirmed_01: 'accept', SUB_booking_reminder_01: 'reject' } }
    ])
    assert.deepEqual(left, { SUB_booking_confirmed_01: 1 })
  })

  it('askNoticeConsent does nothing where requestSubscribeMessage does not exist (H5)', async () => {
    await renderPage(() => null)
    const left = await askNoticeConsent(['bookings.confirmed'])
    assert.deepEqual(left, {})
    assert.equal(
      taroDouble.requests.filter((r) => r.url.includes('/api/messages') && !r.url.includes('/unread-count')).length,
      0
    )
  })
})
