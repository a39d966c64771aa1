import { api } from './request'
import type { User } from './types'

export async function getMe(): Promise<User> {
  const { user } = await api<{ user: User }>('/api/me')
  return user
}

/**
 * Real-name binding, verified by the server with the identity provider. Throws ApiError with
 * fields.name / fields.idNumber on VALIDATION_FAILED, and IDENTITY_NOT_VERIFIED (the message says
 * why) when the verification refuses. `reclaimed` is set when the number was taken back from
 * another WeChat account.
 */
export async function bindIdentity(input: {
  name: string
  idNumber: string
}): Promise<{ user: User; reclaimed?: { message: string } }> {
  const { user, reclaimed } = await api<{ user: User; reclaimed?: { message: string } }>('/api/me/identity', {
    method: 'PUT',
    data: input
  })
  return { user, reclaimed }
}

/** Phone binding with the code of the getPhoneNumber button (or the simulator's, on H5). */
export async function bindPhone(code: string): Promise<User> {
  const { user } = await api<{ user: User }>('/api/me/phone', { method: 'PUT', data: { code } })
  return user
}
