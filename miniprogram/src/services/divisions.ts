import { api, withQuery } from './request'
import type { Division } from './types'

/** Children of a division; the top level when parent is omitted. */
export async function listDivisions(parent?: string): Promise<Division[]> {
  const { items } = await api<{ items: Division[] }>(withQuery('/api/divisions', { parent }))
  return items
}
