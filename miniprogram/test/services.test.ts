import assert from 'node:assert/strict'
import { taroDouble } from './doubles/taro'
import { FakeServer } from './support/fake-server'
import { login } from '../src/services/auth'
import type { ApiError } from '../src/services/errors'
import { getMe } from '../src/services/me'
import { requestSettings } from '../src/services/request'
import { idCheckChar, idNumberProblem } from '../src/utils/idcard'

describe('services: the API client', () => {
  let server: FakeServer

  beforeEach(() => {
    taroDouble.reset()
    server = new FakeServer()
    taroDouble.server = server.handle
    requestSettings.backoffMs = 1
  })
  after(() => {
    requestSettings.backoffMs = 400
  })

  it('on 401 UNAUTHENTICATED logs in again once and retries the call', async () => {
    await login()
    server.tokens.clear() // the session expired on the server
    const user = await getMe()
    assert.equal(user.id, 1)
    assert.equal(server.requestsTo(taroDouble.requests, 'POST', '/api/auth/login').length, 2)
    assert.equal(server.requestsTo(taroDouble.requests, 'GET', '/api/me').length, 2)
    assert.equal(taroDouble.storage.get('mz.token'), 'token-2')
  })

  it('does not loop when the retried call is refused again', async () => {
    await login()
    server.overrides.push({
      path: '/api/me',
      times: 2,
      response: { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } }
    })
    await assert.rejects(getMe(), (e: ApiError) => e.code === 'UNAUTHENTICATED' && e.status === 401)
    assert.equal(server.requestsTo(taroDouble.requests, 'GET', '/api/me').length, 2)
    assert.deepEqual(taroDouble.toasts.at(-1), { title: '请先登录', icon: 'none' })
  })

  it('retries network failures with backoff, twice', async () => {
    await login()
    server.overrides.push({ path: '/api/me', times: 2, response: 'network' })
    assert.equal((await getMe()).id, 1)
    assert.equal(server.requestsTo(taroDouble.requests, 'GET', '/api/me').length, 3)
  })

  it('gives up after two retries with a Chinese network message', async () => {
    await login()
    server.overrides.push({ path: '/api/me', times: 3, response: 'network' })
    await assert.rejects(getMe(), (e: ApiError) => e.code === 'NETWORK_ERROR')
    assert.equal(server.requestsTo(taroDouble.requests, 'GET', '/api/me').length, 3)
    assert.deepEqual(taroDouble.toasts.at(-1), { title: '网络连接失败，请检查网络后重试', icon: 'none' })
  })

  it('surfaces the server message and field errors', async () => {
    await login()
    server.overrides.push({
      path: '/api/me',
      times: 1,
      response: {
        statusCode: 400,
        data: {
          error: { code: 'VALIDATION_FAILED', message: '参数不正确', fields: { idNumber: '身份证号校验位不正确' } }
        }
      }
    })
    await assert.rejects(
      getMe(),
      (e: ApiError) => e.message === '参数不正确' && e.fields.idNumber === '身份证号校验位不正确'
    )
  })
})

describe('GB 11643 identity number check', () => {
  it('computes the check character', () => {
    assert.equal(idCheckChar('11010519491231002'), 'X')
    assert.equal(idNumberProblem('11010519491231002X'), null)
    assert.equal(idNumberProblem('11010519491231002x'), null)
  })
  it('names what is wrong', () => {
    assert.equal(idNumberProblem(''), '请输入身份证号')
    assert.equal(idNumberProblem('1101051949123100'), '身份证号应为18位，最后一位可以是数字或X')
    assert.equal(idNumberProblem('110105194912310021'), '身份证号校验位不正确')
    assert.equal(idNumberProblem('110105194913310021'), '身份证号中的出生日期不正确')
  })
})
