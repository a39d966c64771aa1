import { act, cleanup, fireEvent, type RenderResult } from '@testing-library/react'
import assert from 'node:assert/strict'
import { taroDouble, type RequestOptions } from './doubles/taro'
import { renderPage, settle } from './support/render'
import { installSocialOrgDoubles, json, serverWith, uninstallSocialOrgDoubles } from './support/social-orgs'
import SearchPage from '../src/packages/social-orgs/pages/index/index'
import type { OrgListItem } from '../src/services/social-orgs'

const org = (i: number, creditStatus: OrgListItem['creditStatus'] = 'normal'): OrgListItem => ({
  uscc: `5311010500000${String(i).padStart(4, '0')}X`,
  name: `北京市朝阳区书法家协会${i}`,
  type: 'social_group',
  typeName: '社会团体',
  divisionCode: '110105',
  divisionName: '北京市朝阳区',
  authority: '北京市朝阳区民政局',
  status: 'active',
  statusName: '正常',
  creditStatus,
  creditStatusName: { normal: '正常', abnormal: '活动异常', serious: '严重违法失信' }[creditStatus],
  registeredAt: '2015-03-18'
})

const searches = () => taroDouble.requests.filter((r) => new URL(r.url).pathname === '/api/social-orgs')
const queryOf = (r: RequestOptions) => Object.fromEntries(new URL(r.url).searchParams)

async function search(view: RenderResult, words: string) {
  const input = view.container.querySelector('.so-search__bar input') as HTMLInputElement
  await act(async () => {
    fireEvent.change(input, { target: { value: words } })
  })
  await act(async () => {
    fireEvent.click(view.getByTestId('search-submit'))
  })
  await settle()
}

describe('社会组织查询 page', () => {
  let answer: (q: Record<string, string>) => unknown
  beforeEach(() => {
    taroDouble.reset()
    installSocialOrgDoubles()
    answer = () => ({ items: [org(1), org(2, 'abnormal'), org(3, 'serious')], total: 3 })
    serverWith((req, url) => (url.pathname === '/api/social-orgs' ? json(answer(queryOf(req))) : undefined))
  })
  afterEach(() => {
    cleanup()
    uninstallSocialOrgDoubles()
  })

  it('lists organizations with green / amber / red credit badges, and opens a profile on tap', async () => {
    const view = await renderPage(SearchPage)
    const cards = view.container.querySelectorAll('.so-org')
    assert.equal(cards.length, 3)
    const badges = Array.from(view.container.querySelectorAll('.so-org .so-credit'))
    assert.deepEqual(
      badges.map((b) => b.textContent),
      ['正常', '活动异常', '严重违法失信']
    )
    assert.deepEqual(
      badges.map((b) => b.className.match(/so-credit--(\w+)/)![1]),
      ['normal', 'abnormal', 'serious']
    )
    assert.equal(view.getByTestId('result-count').textContent, '共找到 3 家社会组织')
    assert.equal(view.queryByTestId('illegal-warning'), null)

    await act(async () => {
      fireEvent.click(cards[1])
    })
    assert.deepEqual(taroDouble.navigations.at(-1), {
      kind: 'navigateTo',
      url: `/packages/social-orgs/pages/detail/index?uscc=${org(2).uscc}`
    })
  })

  it('shows the warning banner when the answer carries a suspected-illegal-org warning, with a 举报 link', async () => {
    answer = (q) =>
      q.q === '中华慈善总会联合会'
        ? {
            items: [],
            total: 0,
            warning: {
              message:
                '您查询的名称与民政部门公布的涉嫌非法社会组织相符，请勿参加其活动或向其缴纳任何费用，如有线索请投诉举报。',
              matches: [
                { id: 7, name: '中华慈善总会联合会', authority: '民政部', publishedAt: '2026-03-01', source: null }
              ]
            }
          }
        : { items: [org(1)], total: 1 }
    const view = await renderPage(SearchPage)
    await search(view, '中华慈善总会联合会')
    assert.equal(queryOf(searches().at(-1)!).q, '中华慈善总会联合会')
    const banner = view.getByTestId('illegal-warning')
    assert.match(banner.textContent!, /涉嫌非法社会组织预警/)
    assert.match(banner.textContent!, /中华慈善总会联合会/)
    assert.match(banner.textContent!, /民政部 · 2026-03-01 公布/)
    await act(async () => {
      fireEvent.click(view.getByText('举报'))
    })
    assert.deepEqual(taroDouble.navigations.at(-1), {
      kind: 'navigateTo',
      url: `/packages/social-orgs/pages/complaint/index?illegalOrgId=7&name=${encodeURIComponent('中华慈善总会联合会')}`
    })
  })

  it('shows the empty state when nothing matches', async () => {
    answer = (q) => (q.q ? { items: [], total: 0 } : { items: [org(1)], total: 1 })
    const view = await renderPage(SearchPage)
    await search(view, '不存在的协会')
    assert.ok(view.getByTestId('empty'))
    assert.match(view.getByTestId('empty').textContent!, /未查询到相关社会组织/)
    assert.equal(view.container.querySelectorAll('.so-org').length, 0)
  })

  it('shows a loading state while the server answers', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const base = taroDouble.server!
    taroDouble.server = async (req) => {
      if (new URL(req.url).pathname === '/api/social-orgs') await gate
      return base(req)
    }
    const view = await renderPage(SearchPage)
    assert.ok(view.getByTestId('loading'))
    release()
    await settle()
    assert.equal(view.queryByTestId('loading'), null)
    assert.equal(view.container.querySelectorAll('.so-org').length, 3)
  })

  it('shows the server message inline for a malformed credit code, and asks for 2 characters', async () => {
    const base = taroDouble.server!
    taroDouble.server = (req) =>
      queryOf(req).q === '53100000500019795B'
        ? json({ error: { code: 'INVALID_USCC', message: '统一社会信用代码校验位不正确，请核对' } }, 400)
        : base(req)
    const view = await renderPage(SearchPage)
    await search(view, '53100000500019795B')
    assert.match(view.container.textContent!, /统一社会信用代码校验位不正确，请核对/)
    assert.equal(taroDouble.toasts.length, 0, 'shown on the page, not as a toast')

    const before = searches().length
    await search(view, '红')
    assert.match(view.container.textContent!, /请至少输入2个字/)
    assert.equal(searches().length, before, 'no request for one character')
  })

  it('filters by type and credit status through the chips', async () => {
    const view = await renderPage(SearchPage)
    await act(async () => {
      fireEvent.click(view.container.querySelector('[data-filter="type"] [data-value="foundation"]')!)
    })
    await settle()
    await act(async () => {
      fireEvent.click(view.container.querySelector('[data-filter="credit"] [data-value="serious"]')!)
    })
    await settle()
    assert.deepEqual(queryOf(searches().at(-1)!), { type: 'foundation', credit: 'serious', page: '1', pageSize: '10' })
  })

  it('loads the next page when asked (infinite scroll) and stops at the total', async () => {
    answer = (q) => {
      const page = Number(q.page)
      return { items: Array.from({ length: page < 3 ? 10 : 5 }, (_, i) => org((page - 1) * 10 + i)), total: 25 }
    }
    const view = await renderPage(SearchPage)
    assert.equal(view.container.querySelectorAll('.so-org').length, 10)
    for (const expected of [20, 25]) {
      await act(async () => {
        fireEvent.click(view.getByText('上拉或点击加载更多'))
      })
      await settle()
      assert.equal(view.container.querySelectorAll('.so-org').length, expected)
    }
    assert.match(view.getByTestId('load-more').textContent!, /没有更多了/)
    assert.deepEqual(
      searches().map((r) => queryOf(r).page),
      ['1', '2', '3']
    )
  })
})
