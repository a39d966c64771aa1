import { createContext, createElement, useContext, useEffect, useState, type PropsWithChildren } from 'react'
import { DEFAULT_APP_NAME, DEFAULT_HOTLINE } from '../constants/areas'
import { getSite } from '../services/site'
import type { Site } from '../services/types'

export interface SiteState {
  site: Site
  loading: boolean
}

const DEFAULT_SITE: Site = { hotline: DEFAULT_HOTLINE, appName: DEFAULT_APP_NAME, areas: [] }

const SiteContext = createContext<SiteState>({ site: DEFAULT_SITE, loading: true })

/** Region settings from GET /api/site; the defaults (hotline 12345) stand while loading or offline. */
export function SiteProvider({ children }: PropsWithChildren) {
  const [state, setState] = useState<SiteState>({ site: DEFAULT_SITE, loading: true })
  useEffect(() => {
    let alive = true
    getSite()
      .then((site) => alive && setState({ site: { ...DEFAULT_SITE, ...site }, loading: false }))
      .catch(() => alive && setState({ site: DEFAULT_SITE, loading: false }))
    return () => {
      alive = false
    }
  }, [])
  return createElement(SiteContext.Provider, { value: state }, children)
}

export function useSite(): SiteState {
  return useContext(SiteContext)
}
