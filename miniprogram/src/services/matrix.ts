import { api, withQuery } from './request'

/** Shapes of GET /api/matrix/… (server/src/modules/matrix/models.ts). */
export interface MatrixArticle {
  id: number
  title: string
  author: string | null
  digest: string | null
  cover: string | null
  link: string
  publishedAt: string
  pinned: boolean
  tags: string[] | null
  member: { id: number; name?: string; level?: string; divisionCode?: string; category?: string }
}

export interface MatrixMember {
  id: number
  name: string
  appid: string
  originalId: string | null
  level: string
  levelName: string
  divisionCode: string
  category: string
  /** the account's follow QR code (an image URL) */
  qrUrl: string | null
  active: boolean
}

export interface FeedFilters {
  member?: number
  division?: string
  category?: string
  q?: string
  tag?: string
  page?: number
  pageSize?: number
}

export function listArticles(filters: FeedFilters): Promise<{ items: MatrixArticle[]; total: number }> {
  return api(withQuery('/api/matrix/articles', { ...filters }), { auth: false, toast: false })
}

export async function listMembers(): Promise<MatrixMember[]> {
  const { items } = await api<{ items: MatrixMember[] }>('/api/matrix/members', { auth: false, toast: false })
  return items
}
