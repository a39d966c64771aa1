import { act, cleanup, fireEvent } from '@testing-library/react'
import assert from 'node:assert/strict'
import { taroDouble } from './doubles/taro'
import { FakeServer } from './support/fake-server'
import { renderPage, settle } from './support/render'
import HomePage from '../src/pages/index/index'

const AREA_NAMES = [
  '养老服务',
  '社会救助',
  '社会组织',
  '社会工作',
  '志愿服务',
  '救助寻亲',
  '社区治理',
  '婚姻服务',
  '殡葬服务',
  '区划地名'
]

describe('首页', () => {
  let server: FakeServer

  beforeEach(() => {
    taroDouble.reset()
    server = new FakeServer({ hotline: '96345' })
    taroDouble.server = server.handle
  })
  afterEach(cleanup)

  it('renders the ten service areas with icons', async () => {
    const { container } = await renderPage(HomePage)
    const tiles = container.querySelectorAll('.mz-area-grid__item')
    assert.equal(tiles.length, 10)
    assert.deepEqual(
      Array.from(tiles).map((t) => t.textContent),
      AREA_NAMES
    )
    for (const tile of Array.from(tiles)) {
      const img = tile.querySelector('img')
      assert.ok(img?.getAttribute('src')?.startsWith('data:image/svg+xml;base64,'), 'each area has an inline icon')
    }
  })

  it('shows 12345 while loading, then the hotline from GET /api/site', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    taroDouble.server = async (req) => {
      if (req.url.endsWith('/api/site')) await gate
      return server.handle(req)
    }
    const { getByTestId } = await renderPage(HomePage)
    assert.equal(getByTestId('hotline').textContent, '12345')
    release()
    await settle()
    assert.equal(getByTestId('hotline').textContent, '96345')
    assert.ok(taroDouble.requests.some((r) => r.url === 'http://api.test/api/site'))
  })

  it('opens the area subpackage on tap', async () => {
    const { getByText } = await renderPage(HomePage)
    await act(async () => {
      fireEvent.click(getByText('婚姻服务'))
    })
    assert.deepEqual(taroDouble.navigations.at(-1), { kind: 'navigateTo', url: '/packages/marriage/pages/index/index' })
  })

  it('searches the whole catalogue through GET /api/search, grouped by kind, with an empty state', async () => {
    const { container, getByText } = await renderPage(HomePage)
    const input = container.querySelector('.mz-home__search input') as HTMLInputElement
    server.overrides.push({
      path: '/api/search',
      times: 1,
      response: {
        statusCode: 200,
        data: {
          q: '结婚',
          total: 2,
          groups: [
            {
              kind: 'item',
              label: '办事事项',
              items: [
                {
                  kind: 'item',
                  id: 'MZ-HY-01',
                  title: '内地居民结婚登记',
                  summary: '婚姻服务 · 行政确认 · 可预约',
                  page: '/packages/halls/pages/service/index?code=MZ-HY-01'
                }
              ]
            },
            {
              kind: 'hall',
              label: '服务大厅',
              items: [
                {
                  kind: 'hall',
                  id: '3',
                  title: '朝阳区婚姻登记处',
                  summary: '朝阳路1号',
                  page: '/packages/halls/pages/hall/index?id=3'
                }
              ]
            }
          ]
        }
      }
    })
    await act(async () => {
      fireEvent.change(input, { target: { value: '结婚' } })
      await new Promise((resolve) => setTimeout(resolve, 400))
    })
    await settle()
    assert.ok(taroDouble.requests.some((r) => r.url === 'http://api.test/api/search?q=%E7%BB%93%E5%A9%9A'))
    const labels = Array.from(container.querySelectorAll('.mz-search-results__group .mz-section-title')).map(
      (n) => n.textContent
    )
    assert.deepEqual(labels, ['办事事项', '服务大厅'])
    assert.equal(container.querySelector('.mz-home__areas'), null)
    await act(async () => {
      fireEvent.click(getByText('内地居民结婚登记'))
    })
    assert.deepEqual(taroDouble.navigations.at(-1), {
      kind: 'navigateTo',
      url: '/packages/halls/pages/service/index?code=MZ-HY-01'
    })

    server.overrides.push({
      path: '/api/search',
      times: 1,
      response: { statusCode: 200, data: { q: 'x', total: 0, groups: [] } }
    })
    await act(async () => {
      fireEvent.change(input, { target: { value: '不存在的服务' } })
      await new Promise((resolve) => setTimeout(resolve, 400))
    })
    await settle()
    assert.ok(getByText('没有找到相关内容'))
    // Clearing the box brings the area tiles back.
    await act(async () => {
      fireEvent.change(input, { target: { value: '' } })
    })
    assert.equal(container.querySelectorAll('.mz-area-grid__item').length, 10)
  })

  it('logs in silently on launch (wx.login code → POST /api/auth/login)', async () => {
    await renderPage(HomePage)
    const logins = server.requestsTo(taroDouble.requests, 'POST', '/api/auth/login')
    assert.equal(logins.length, 1)
    assert.equal(logins[0].data.code, 'wx-code-1')
    assert.equal(taroDouble.storage.get('mz.token'), 'token-1')
  })
})
