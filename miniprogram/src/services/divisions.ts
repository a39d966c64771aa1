import { api, withQuery } from './request'
import type { Division } from './types'

/** Children of a division; the top level when parent is omitted; with deep, below the county too. */
export async function listDivisions(parent?: string, deep = false): Promise<Division[]> {
  const { items } = await api<{ items: Division[] }>(
    withQuery('/api/divisions', { parent, deep: deep ? 1 : undefined })
  )
  return items
}
