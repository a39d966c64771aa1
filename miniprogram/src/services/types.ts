/** Shapes of the server's answers (see API.md). */
export interface User {
  id: number
  openidMasked: string
  /** masked, e.g. 张* */
  name: string | null
  /** masked, e.g. 110105********002X */
  idNumber: string | null
  /** masked, e.g. 138****5678 */
  phone: string | null
  realNamed: boolean
  phoneBound: boolean
}

/** GET /api/site (@minzheng/contracts). */
export type { SiteArea, SiteView as Site } from '@minzheng/contracts'

export interface Division {
  code: string
  name: string
  /** 1 省 … 3 县 · 4 乡镇/街道 · 5 村/社区 */
  level?: number
  hasChildren: boolean
}

export interface LoginResult {
  token: string
  expiresAt: string
  user: User
}
