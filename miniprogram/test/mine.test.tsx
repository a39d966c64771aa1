import { act, cleanup, fireEvent, type RenderResult } from '@testing-library/react'
import assert from 'node:assert/strict'
import { taroDouble } from './doubles/taro'
import { FakeServer } from './support/fake-server'
import { renderPage } from './support/render'
import MinePage from '../src/pages/mine/index'

function field(view: RenderResult, name: string): HTMLElement {
  return view.container.querySelector(`[data-field="${name}"]`) as HTMLElement
}

async function fill(view: RenderResult, name: string, value: string) {
  const input = field(view, name).querySelector('input') as HTMLInputElement
  await act(async () => {
    fireEvent.change(input, { target: { value } })
  })
}

async function submitIdentity(view: RenderResult) {
  await act(async () => {
    fireEvent.click(view.getByText('提交实名认证'))
  })
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)))
}

describe('我的', () => {
  let server: FakeServer

  beforeEach(() => {
    taroDouble.reset()
    server = new FakeServer()
    taroDouble.server = server.handle
  })
  afterEach(cleanup)

  it('shows the profile card once logged in', async () => {
    const view = await renderPage(MinePage)
    assert.equal(view.getByTestId('profile-id').textContent, '未绑定')
    assert.ok(view.getByText('未实名认证'))
  })

  it('shows a field message for an identity number with a wrong check digit, without calling the server', async () => {
    const view = await renderPage(MinePage)
    await fill(view, 'name', '张三')
    await fill(view, 'idNumber', '110105194912310021')
    await submitIdentity(view)
    assert.equal(field(view, 'idNumber').querySelector('.mz-field__error')?.textContent, '身份证号校验位不正确')
    assert.equal(server.requestsTo(taroDouble.requests, 'PUT', '/api/me/identity').length, 0)
  })

  it("shows the server's field messages on VALIDATION_FAILED", async () => {
    server.overrides.push({
      path: '/api/me/identity',
      times: 1,
      response: {
        statusCode: 400,
        data: {
          error: { code: 'VALIDATION_FAILED', message: '请检查填写的信息', fields: { name: '姓名与身份证号不匹配' } }
        }
      }
    })
    const view = await renderPage(MinePage)
    await fill(view, 'name', '张三')
    await fill(view, 'idNumber', '11010519491231002X')
    await submitIdentity(view)
    assert.equal(field(view, 'name').querySelector('.mz-field__error')?.textContent, '姓名与身份证号不匹配')
    assert.deepEqual(taroDouble.toasts.at(-1), { title: '请检查填写的信息', icon: 'none' })
  })

  it('binds a valid identity with PUT /api/me/identity and shows the masked result', async () => {
    const view = await renderPage(MinePage)
    await fill(view, 'name', '张三')
    await fill(view, 'idNumber', '11010519491231002x')
    await submitIdentity(view)
    const puts = server.requestsTo(taroDouble.requests, 'PUT', '/api/me/identity')
    assert.equal(puts.length, 1)
    assert.deepEqual(puts[0].data, { name: '张三', idNumber: '11010519491231002X' })
    assert.match(puts[0].header?.Authorization ?? '', /^Bearer token-/)
    assert.equal(view.getByTestId('profile-id').textContent, '110105********002X')
    assert.ok(view.getByText('张*'))
    assert.ok(view.getByText('已实名认证'))
    assert.equal(view.queryByTestId('identity-form'), null)
  })

  it('says why when the identity verification refuses, and binds nothing', async () => {
    const message = '姓名与身份证号不一致，未能通过实名核验。请按身份证上的姓名和号码重新填写。'
    server.overrides.push({
      path: '/api/me/identity',
      times: 1,
      response: { statusCode: 422, data: { error: { code: 'IDENTITY_NOT_VERIFIED', message } } }
    })
    const view = await renderPage(MinePage)
    await fill(view, 'name', '李四')
    await fill(view, 'idNumber', '110105199003071239')
    await submitIdentity(view)
    assert.equal(view.getByTestId('identity-refusal').textContent, `未通过实名核验：${message}`)
    assert.ok(view.getByText('未实名认证'))
    assert.ok(view.getByTestId('identity-form'))
  })

  it('turns on 长辈模式: the page root gets the class and the choice is kept', async () => {
    const view = await renderPage(MinePage)
    const root = () => view.container.querySelector('.mz-page') as HTMLElement
    assert.equal(root().classList.contains('mz-elderly'), false)
    await act(async () => {
      fireEvent.click(view.getByTestId('elderly-switch').querySelector('.nut-switch') as HTMLElement)
    })
    assert.equal(root().classList.contains('mz-elderly'), true)
    assert.equal(root().style.getPropertyValue('--nutui-font-size-base'), '19px')
    assert.equal(taroDouble.storage.get('mz.elderlyMode'), true)

    cleanup()
    const again = await renderPage(MinePage)
    assert.equal((again.container.querySelector('.mz-page') as HTMLElement).classList.contains('mz-elderly'), true)
  })
})
