/** An error the server (or the network) gave, in the shape of API.md's error body. */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  /** field name → Chinese message, on VALIDATION_FAILED */
  readonly fields: Record<string, string>

  constructor(code: string, message: string, status = 0, fields: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.fields = fields
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR'
export const MESSAGE_NETWORK = '网络连接失败，请检查网络后重试'
export const MESSAGE_UNKNOWN = '服务暂时不可用，请稍后再试'

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** Chinese message to show for any thrown value. */
export function messageOf(e: unknown): string {
  if (isApiError(e)) return e.message
  return MESSAGE_UNKNOWN
}

/**
 * An error that retrying cannot fix: the request itself is wrong (an invalid credit code) or
 * names something that does not exist (an unknown hall). Pages show what is wrong, not 「重试」.
 */
export function isPermanent(e: unknown): boolean {
  return isApiError(e) && [400, 404, 410, 422].includes(e.status)
}
