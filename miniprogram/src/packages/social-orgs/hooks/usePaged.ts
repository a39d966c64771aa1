import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../../../services/errors'

export interface Page<T> {
  items: T[]
  total: number
}

export interface Paged<T, A> {
  items: T[]
  total: number
  /** the first page is loading (or reloading after the query changed) */
  loading: boolean
  /** a further page is loading */
  loadingMore: boolean
  /** everything there is has been loaded */
  done: boolean
  /** Chinese message of the last failure */
  error: string | null
  /** the whole answer of the first page, for extra fields (e.g. a warning block) */
  first: A | null
  loadMore(): void
  reload(): void
}

/**
 * Page-by-page loading for infinite scroll: `fetch(page)` is called with 1 when `key`
 * changes, then with the next page on `loadMore()` (a reach-bottom or a tap); answers to a
 * query that is no longer current are dropped.
 */
export function usePaged<T, A extends Page<T> = Page<T>>(
  key: string,
  fetch: (page: number) => Promise<A>,
  enabled = true
): Paged<T, A> {
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [first, setFirst] = useState<A | null>(null)
  const generation = useRef(0)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const busy = useRef(false)

  const load = useCallback(async (next: number) => {
    const gen = generation.current
    busy.current = true
    if (next === 1) setLoading(true)
    else setLoadingMore(true)
    setError(null)
    try {
      const answer = await fetchRef.current(next)
      if (gen !== generation.current) return
      setItems((prev) => (next === 1 ? answer.items : [...prev, ...answer.items]))
      setTotal(answer.total)
      setPage(next)
      if (next === 1) setFirst(answer)
    } catch (e) {
      if (gen !== generation.current) return
      setError(messageOf(e))
      if (next === 1) {
        setItems([])
        setTotal(0)
        setFirst(null)
      }
    } finally {
      if (gen === generation.current) {
        busy.current = false
        setLoading(false)
        setLoadingMore(false)
      }
    }
  }, [])

  const reload = useCallback(() => {
    generation.current += 1
    setPage(0)
    void load(1)
  }, [load])

  useEffect(() => {
    if (!enabled) {
      generation.current += 1
      busy.current = false
      setLoading(false)
      return
    }
    reload()
  }, [key, enabled, reload])

  const done = page > 0 && items.length >= total
  const loadMore = useCallback(() => {
    if (busy.current || done || page === 0) return
    void load(page + 1)
  }, [done, page, load])

  return { items, total, loading, loadingMore, done, error, first, loadMore, reload }
}
