import { areaEntryPage, SERVICE_AREAS, type ServiceAreaKey } from '@minzheng/contracts'

/**
 * The ten service areas, from @minzheng/contracts. Each one is its own subpackage (`packages/<key>`),
 * with its entry page at `packages/<key>/pages/index/index`. An area goes live by `live: true` in
 * contracts/src/areas.ts and a real entry page instead of <ComingSoon>.
 */
export type AreaKey = ServiceAreaKey

export interface Area {
  key: AreaKey
  name: string
  /** one line shown in the catalogue */
  summary: string
  /** subpackage root, as in app.config.ts */
  root: string
  /** tile colour of the icon */
  color: string
  /** its online services exist (@minzheng/contracts); otherwise its page shows 「即将上线」 */
  live: boolean
}

/** Tile colours of the icons; names, summaries and which areas are live come from @minzheng/contracts. */
const COLORS: Record<AreaKey, string> = {
  elderly: '#ff8a3d',
  assistance: '#f5483b',
  'social-orgs': '#1677ff',
  'social-work': '#13a8a8',
  volunteer: '#eb2f96',
  'family-search': '#fa8c16',
  community: '#52c41a',
  marriage: '#e8455b',
  funeral: '#5b6b8c',
  divisions: '#2f54eb'
}

export const AREAS: readonly Area[] = SERVICE_AREAS.map((a) => ({
  key: a.key,
  name: a.name,
  summary: a.summary,
  live: a.live,
  root: areaEntryPage(a.key).replace(/\/pages\/index\/index$/, ''),
  color: COLORS[a.key]
}))

export function areaIndexPath(area: Area): string {
  return `/${area.root}/pages/index/index`
}

export function findArea(key: AreaKey): Area {
  const area = AREAS.find((a) => a.key === key)
  if (!area) throw new Error(`unknown area ${key}`)
  return area
}

export const DEFAULT_HOTLINE = '12345'
export const DEFAULT_APP_NAME = '民政服务'
