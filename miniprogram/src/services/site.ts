import { api } from './request'
import type { Site } from './types'

/** Region settings: hotline, app name, which areas are open. */
export function getSite(): Promise<Site> {
  return api<Site>('/api/site', { auth: false, toast: false })
}
