import { SERVICE_AREAS, type ServiceAreaKey } from '@minzheng/contracts'

/**
 * The ten service areas. Each one is its own subpackage (`packages/<dir>`), with its entry page at
 * `packages/<dir>/pages/index/index`. To add an area: add it here, to `app.config.ts`'s
 * subPackages, and create `src/packages/<dir>/pages/index/`.
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
}

/** The area's name as the server says it (@minzheng/contracts). */
const areaName = (key: AreaKey) => SERVICE_AREAS.find((a) => a.key === key)!.name

export const AREAS: readonly Area[] = [
  {
    key: 'elderly',
    name: areaName('elderly'),
    summary: '养老机构、居家养老、高龄津贴',
    root: 'packages/elderly',
    color: '#ff8a3d'
  },
  {
    key: 'assistance',
    name: areaName('assistance'),
    summary: '低保、特困供养、临时救助',
    root: 'packages/assistance',
    color: '#f5483b'
  },
  {
    key: 'social-orgs',
    name: areaName('social-orgs'),
    summary: '社会团体、民办非企业、基金会',
    root: 'packages/social-orgs',
    color: '#1677ff'
  },
  {
    key: 'social-work',
    name: areaName('social-work'),
    summary: '社工站、社工服务项目',
    root: 'packages/social-work',
    color: '#13a8a8'
  },
  {
    key: 'volunteer',
    name: areaName('volunteer'),
    summary: '志愿者注册、志愿活动',
    root: 'packages/volunteer',
    color: '#eb2f96'
  },
  {
    key: 'family-search',
    name: areaName('family-search'),
    summary: '流浪乞讨救助、寻亲公告',
    root: 'packages/family-search',
    color: '#fa8c16'
  },
  {
    key: 'community',
    name: areaName('community'),
    summary: '村（居）务公开、社区服务',
    root: 'packages/community',
    color: '#52c41a'
  },
  {
    key: 'marriage',
    name: areaName('marriage'),
    summary: '婚姻登记预约、婚姻家庭辅导',
    root: 'packages/marriage',
    color: '#e8455b'
  },
  {
    key: 'funeral',
    name: areaName('funeral'),
    summary: '殡葬机构、惠民殡葬政策',
    root: 'packages/funeral',
    color: '#5b6b8c'
  },
  {
    key: 'divisions',
    name: areaName('divisions'),
    summary: '行政区划、地名查询',
    root: 'packages/divisions',
    color: '#2f54eb'
  }
]

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
