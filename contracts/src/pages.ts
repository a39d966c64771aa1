/**
 * Mini-program pages the server links to (notices, QR codes, public-account replies), without
 * the leading slash, as `getwxacodeunlimit` and template messages' `pagepath` take them.
 * `test/contracts/contracts.test.ts` checks that each one is a page of the mini-program.
 */
export const PAGES = {
  hall: 'packages/halls/pages/hall/index',
  booking: 'packages/halls/pages/booking/index',
  myBookings: 'packages/halls/pages/my-bookings/index',
  ticket: 'packages/halls/pages/ticket/index',
  knowledge: 'packages/marriage/pages/knowledge/index',
  orgDetail: 'packages/social-orgs/pages/detail/index',
  complaintDetail: 'packages/social-orgs/pages/complaint-detail/index',
  assistanceCase: 'packages/assistance/pages/case/index',
  assistanceReports: 'packages/assistance/pages/reports/index',
  funeralBill: 'packages/funeral/pages/bill/index',
  funeralChecklist: 'packages/funeral/pages/checklist/index',
  divisions: 'packages/divisions/pages/index/index',
  placeName: 'packages/divisions/pages/place/index',
  elderlyPlace: 'packages/elderly/pages/place/index',
  elderlyAllowance: 'packages/elderly/pages/allowance/index',
  elderlyMeals: 'packages/elderly/pages/meals/index',
  elderlyAssessment: 'packages/elderly/pages/assessment/index',
  elderlyFamily: 'packages/elderly/pages/family/index',
  volunteerActivity: 'packages/volunteer/pages/activity/index',
  volunteerRecord: 'packages/volunteer/pages/record/index',
  volunteerOrgs: 'packages/volunteer/pages/orgs/index',
  familySearch: 'packages/family-search/pages/index/index',
  /** 社区治理's entry; with `code` (and `notice` or `election`) it opens that community's page. */
  community: 'packages/community/pages/index/index',
  communityPage: 'packages/community/pages/community/index',
  communityNotices: 'packages/community/pages/notices/index',
  communityNotice: 'packages/community/pages/notice/index',
  communityProposals: 'packages/community/pages/proposals/index',
  communityPropose: 'packages/community/pages/propose/index',
  communityProposal: 'packages/community/pages/proposal/index',
  communityElections: 'packages/community/pages/elections/index',
  socialWorkRequests: 'packages/social-work/pages/requests/index',
  socialWorkStation: 'packages/social-work/pages/station/index',
} as const;
export type PageKey = keyof typeof PAGES;

/** `/packages/halls/pages/booking/index?code=…`: a page with its query, as a notice's link. */
export function pageLink(page: PageKey, query: Record<string, string | number> = {}): string {
  const search = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `/${PAGES[page]}${search ? `?${search}` : ''}`;
}
