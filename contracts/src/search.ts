/** GET /api/search?q=: the 首页 search over the whole catalogue. Kinds in the order shown, with their labels. */
export const SEARCH_KIND_LABELS = {
  area: '服务领域',
  item: '办事事项',
  hall: '服务大厅',
  org: '社会组织',
  activity: '志愿活动',
  institution: '养老服务机构',
  article: '政策资讯',
} as const;
export type SearchKind = keyof typeof SEARCH_KIND_LABELS;

export interface SearchHit {
  kind: SearchKind;
  /** stable within its kind: area key, item code, hall id, credit code, activity id, place id, article id */
  id: string;
  title: string;
  /** one line under the title */
  summary: string;
  /** the mini-program page that opens it, with its query and a leading slash */
  page: string;
  /** an item's materials (names) when the query matched one of them */
  materials?: string[];
  /** a link outside the mini-program (a public-account article), when there is one */
  url?: string;
}

export interface SearchGroup {
  kind: SearchKind;
  label: string;
  items: SearchHit[];
}

export interface SearchView {
  q: string;
  total: number;
  /** only kinds with hits, in SEARCH_KIND_LABELS order */
  groups: SearchGroup[];
}
