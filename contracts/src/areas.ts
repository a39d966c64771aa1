/**
 * The ten service areas of the 首页, in the order the action plan lists them — the one source of
 * which areas are live (their online services exist). The server's /api/site, the mini-program's
 * home grid and 办事 list, and /api/search all read `live` from here;
 * `test/contracts/areas.test.ts` fails when an area is live here but its entry page is still the
 * 「即将上线」 placeholder, or the other way round. Every area's entry page is
 * `packages/<key>/pages/index/index` (`areaEntryPage`).
 */
export const SERVICE_AREAS = [
  { key: 'elderly', name: '养老服务', summary: '养老机构、居家养老、高龄津贴', live: true },
  { key: 'assistance', name: '社会救助', summary: '低保、特困供养、临时救助', live: true },
  { key: 'social-orgs', name: '社会组织', summary: '社会团体、民办非企业、基金会', live: true },
  { key: 'social-work', name: '社会工作', summary: '社工站、社工求助、社工服务项目', live: true },
  { key: 'volunteer', name: '志愿服务', summary: '志愿者注册、志愿活动', live: true },
  { key: 'family-search', name: '救助寻亲', summary: '流浪乞讨救助、寻亲公告', live: true },
  { key: 'community', name: '社区治理', summary: '村（居）务公开、议事协商、社区服务', live: true },
  { key: 'marriage', name: '婚姻服务', summary: '婚姻登记预约、婚姻家庭辅导', live: true },
  { key: 'funeral', name: '殡葬服务', summary: '殡葬机构、惠民殡葬政策', live: true },
  { key: 'divisions', name: '区划地名', summary: '行政区划、地名查询', live: true },
] as const;

export type ServiceAreaKey = (typeof SERVICE_AREAS)[number]['key'];

/** The keys of the live areas, in 首页 order. */
export const LIVE_AREA_KEYS: readonly ServiceAreaKey[] = SERVICE_AREAS.filter((a) => a.live).map((a) => a.key);

/** Whether an area's online services exist (false: its page shows 「即将上线」 and its catalogue items). */
export const isLiveArea = (key: string): boolean => LIVE_AREA_KEYS.includes(key as ServiceAreaKey);

/** An area's entry page, without the leading slash (as PAGES). */
export const areaEntryPage = (key: ServiceAreaKey): string => `packages/${key}/pages/index/index`;

/** GET /api/site: the 首页 header. */
export interface SiteArea {
  key: ServiceAreaKey;
  name: string;
  /** false: the area shows 「即将上线」. */
  available: boolean;
}
export interface SiteView {
  appName: string;
  hotline: string;
  areas: SiteArea[];
}
