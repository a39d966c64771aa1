import { api } from './request'
import type { User } from './types'

export async function getMe(): Promise<User> {
  const { user } = await api<{ user: User }>('/api/me')
  return user
}

/**
 * Real-name binding. Throws ApiError with fields.name / fields.idNumber on VALIDATION_FAILED.
 * `claim` is set when the server keeps the submission for verification instead of binding it.
 */
export async function bindIdentity(input: {
  name: string
  idNumber: string
}): Promise<{ user: User; claim?: { status: 'pending'; message: string } }> {
  const { user, claim } = await api<{ user: User; claim?: { status: 'pending'; message: string } }>(
    '/api/me/identity',
    { method: 'PUT', data: input }
  )
  return { user, claim }
}

/** Phone binding with the code of the getPhoneNumber button (or the simulator's, on H5). */
export async function bindPhone(code: string): Promise<User> {
  const { user } = await api<{ user: User }>('/api/me/phone', { method: 'PUT', data: { code } })
  return user
}
