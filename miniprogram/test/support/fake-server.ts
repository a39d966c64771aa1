/**
 * A small in-memory stand-in for the server's HTTP contract (API.md), answering Taro.request
 * in page tests. It keeps what the tests look at: the requests, the tokens, the user.
 */
import type { FakeResponse, RequestOptions } from '../doubles/taro'
import type { User } from '../../src/services/types'

export interface FakeServerOptions {
  hotline?: string
}

const error = (statusCode: number, code: string, message: string, fields?: Record<string, string>): FakeResponse => ({
  statusCode,
  data: { error: { code, message, ...(fields ? { fields } : {}) } }
})

export function maskId(id: string): string {
  return id.slice(0, 6) + '********' + id.slice(14)
}

export class FakeServer {
  hotline: string
  user: User = {
    id: 1,
    openidMasked: 'o***1',
    name: null,
    idNumber: null,
    phone: null,
    realNamed: false,
    phoneBound: false
  }
  tokens = new Set<string>()
  /** answer the next N calls of a path with this response instead */
  overrides: { path: string; times: number; response: FakeResponse | 'network' }[] = []
  private nextToken = 1

  constructor(options: FakeServerOptions = {}) {
    this.hotline = options.hotline ?? '12345'
  }

  handle = (req: RequestOptions): FakeResponse => {
    const url = new URL(req.url)
    const path = url.pathname
    const method = (req.method ?? 'GET').toUpperCase()
    const override = this.overrides.find((o) => o.path === path && o.times > 0)
    if (override) {
      override.times -= 1
      if (override.response === 'network') throw Object.assign(new Error('request:fail'), { errMsg: 'request:fail' })
      return override.response
    }
    if (method === 'POST' && path === '/api/auth/login') {
      if (!req.data?.code) return error(400, 'VALIDATION_FAILED', '缺少登录凭证', { code: '必填' })
      const token = `token-${this.nextToken++}`
      this.tokens.add(token)
      return {
        statusCode: 200,
        data: { token, expiresAt: new Date(Date.now() + 3600e3).toISOString(), user: this.user }
      }
    }
    if (method === 'GET' && path === '/api/site') {
      return {
        statusCode: 200,
        data: {
          hotline: this.hotline,
          appName: '民政服务',
          areas: [{ key: 'divisions', name: '区划地名', available: true }]
        }
      }
    }
    const auth = req.header?.Authorization ?? ''
    if (!this.tokens.has(auth.replace(/^Bearer /, ''))) return error(401, 'UNAUTHENTICATED', '请先登录')
    if (method === 'GET' && path === '/api/me') return { statusCode: 200, data: { user: this.user } }
    if (method === 'PUT' && path === '/api/me/identity') {
      const { name, idNumber } = req.data ?? {}
      this.user = { ...this.user, name: `${String(name)[0]}*`, idNumber: maskId(idNumber), realNamed: true }
      return { statusCode: 200, data: { user: this.user } }
    }
    return error(404, 'NOT_FOUND', '接口不存在')
  }

  requestsTo(taroRequests: RequestOptions[], method: string, path: string): RequestOptions[] {
    return taroRequests.filter((r) => (r.method ?? 'GET').toUpperCase() === method && new URL(r.url).pathname === path)
  }
}
