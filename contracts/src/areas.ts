/** The ten service areas of the 首页, in the order the action plan lists them. */
export const SERVICE_AREAS = [
  { key: 'elderly', name: '养老服务' },
  { key: 'assistance', name: '社会救助' },
  { key: 'social-orgs', name: '社会组织' },
  { key: 'social-work', name: '社会工作' },
  { key: 'volunteer', name: '志愿服务' },
  { key: 'family-search', name: '救助寻亲' },
  { key: 'community', name: '社区治理' },
  { key: 'marriage', name: '婚姻服务' },
  { key: 'funeral', name: '殡葬服务' },
  { key: 'divisions', name: '区划地名' },
] as const;

export type ServiceAreaKey = (typeof SERVICE_AREAS)[number]['key'];

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
