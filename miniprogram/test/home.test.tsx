import { act, cleanup, fireEvent, within } from '@testing-library/react'
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

  it('filters the areas by the search words, with an empty state', async () => {
    const { container } = await renderPage(HomePage)
    const input = container.querySelector('.mz-home__search input') as HTMLInputElement
    await act(async () => {
      fireEvent.change(input, { target: { value: '婚姻' } })
    })
    const grid = container.querySelector('.mz-home__areas') as HTMLElement
    assert.deepEqual(
      Array.from(grid.querySelectorAll('.mz-area-grid__name')).map((n) => n.textContent),
      ['婚姻服务']
    )
    await act(async () => {
      fireEvent.change(input, { target: { value: '不存在的服务' } })
    })
    assert.ok(within(grid).getByText('没有找到相关服务'))
  })

  it('logs in silently on launch (wx.login code → POST /api/auth/login)', async () => {
    await renderPage(HomePage)
    const logins = server.requestsTo(taroDouble.requests, 'POST', '/api/auth/login')
    assert.equal(logins.length, 1)
    assert.equal(logins[0].data.code, 'wx-code-1')
    assert.equal(taroDouble.storage.get('mz.token'), 'token-1')
  })
})
