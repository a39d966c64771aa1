/** 社区治理: communities (村/社区), 居务/村务公开, residents, 议事协商 votes and 换届 elections. */

export const COMMUNITY_NOTICE_CATEGORIES = ['finance', 'assistance', 'election', 'project', 'other'] as const;
export type CommunityNoticeCategory = (typeof COMMUNITY_NOTICE_CATEGORIES)[number];
export const COMMUNITY_NOTICE_CATEGORY_NAMES: Record<CommunityNoticeCategory, string> = {
  finance: '财务公开',
  assistance: '救助公示',
  election: '选举公告',
  project: '项目公开',
  other: '其他事项',
};

/** `withdrawn`: the citizen withdrew it themselves (pending or confirmed); they may apply again. */
export const RESIDENT_STATUSES = ['pending', 'confirmed', 'rejected', 'withdrawn'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];
export const RESIDENT_STATUS_NAMES: Record<ResidentStatus, string> = {
  pending: '待社区确认',
  confirmed: '已确认为本社区居民',
  rejected: '未予确认',
  withdrawn: '居民已撤回登记',
};

export const PROPOSAL_STATUSES = ['open', 'voting', 'closed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_NAMES: Record<ProposalStatus, string> = {
  open: '讨论中',
  voting: '投票中',
  closed: '已公布结果',
};

export const ELECTION_STATUSES = ['announced', 'candidates', 'finished'] as const;
export type ElectionStatus = (typeof ELECTION_STATUSES)[number];
export const ELECTION_STATUS_NAMES: Record<ElectionStatus, string> = {
  announced: '已发布选举公告',
  candidates: '已公布候选人',
  finished: '已公布选举结果',
};

/** One member of a 村/居民委员会 as the community page shows it. */
export interface CommitteeMember {
  name: string;
  /** 主任, 副主任, 委员 … */
  role: string;
}

export interface CommunityRef {
  code: string;
  name: string;
}

/** GET /api/community/communities/:code */
export interface CommunityPage {
  code: string;
  name: string;
  /** 村 or 社区, from the name (村民委员会 / 居民委员会). */
  kind: 'village' | 'community';
  kindLabel: string;
  fullName: string;
  street: CommunityRef;
  county: CommunityRef;
  address: string | null;
  officeHours: string | null;
  phone: string | null;
  services: string[];
  committee: CommitteeMember[];
  /** The 乡镇/街道社工站 serving it: a division code the social-work pages resolve. */
  socialWorkStation: { divisionCode: string; link: string };
  /** Whether staff have filled in the page yet (otherwise only the division facts). */
  profiled: boolean;
}

/** The published counts of a closed vote, and the receipts a voter can find theirs in. */
export interface VoteResult {
  options: { index: number; label: string; votes: number }[];
  total: number;
  /** sha256 of the receipt list, one `receipt:optionIndex` line each in receipt order. */
  receiptsHash: string;
  closedAt: string;
}

/** GET /api/community/streets/:code/communities: the 村 and 社区 of a 乡镇/街道. */
export interface StreetCommunities {
  street: { code: string; name: string; fullName: string };
  items: { code: string; name: string; kind: 'village' | 'community'; kindLabel: string }[];
}

export interface CommunityAttachment {
  /** The token of GET /api/community/attachments/:id. */
  id: string;
  filename: string;
  mime: string;
  size: number;
}

/** One 居务/村务公开 item (GET /api/community/communities/:code/notices, /api/community/notices/:id). */
export interface CommunityNoticeView {
  id: number;
  divisionCode: string;
  category: CommunityNoticeCategory;
  categoryLabel: string;
  title: string;
  body: string;
  publishedAt: string;
  attachments: CommunityAttachment[];
}

/** GET /api/community/me/residence: my registration as a resident, if any (a withdrawn one is none). */
export interface MyResidence {
  id: number;
  code: string;
  communityName: string;
  address: string;
  status: ResidentStatus;
  statusLabel: string;
  reason: string | null;
  createdAt: string;
}

/** DELETE /api/community/me/residence: my registration withdrawn, and what that means. */
export interface ResidenceWithdrawn {
  resident: MyResidence;
  message: string;
}

/** A proposal in a community's list (GET /api/community/communities/:code/proposals). */
export interface ProposalSummary {
  id: number;
  code: string;
  title: string;
  status: ProposalStatus;
  statusLabel: string;
  options: string[];
  /** Ballots cast so far (0 before the vote opens). */
  ballots: number;
  createdAt: string;
  voteOpenedAt: string | null;
  closedAt: string | null;
  result: VoteResult | null;
}

export interface ProposalComment {
  id: number;
  author: string;
  /** null when staff hid it (the reason is shown instead). */
  body: string | null;
  hidden: boolean;
  hiddenReason: string | null;
  createdAt: string;
}

/** GET /api/community/proposals/:id */
export interface ProposalDetail extends ProposalSummary {
  body: string;
  author: string;
  comments: ProposalComment[];
}

/** GET /api/community/proposals/:id/my-ballot */
export interface MyBallot {
  isResident: boolean;
  ballot: { receipt: string; option: number } | null;
}

/** POST /api/community/proposals/:id/votes */
export interface BallotReceipt {
  ballot: { receipt: string; option: number; optionLabel: string };
  message: string;
}

/** GET /api/community/proposals/:id/receipts: every ballot of a closed vote, for a recount. */
export interface ReceiptList {
  receipts: { receipt: string; option: number }[];
  receiptsHash: string;
  total: number;
}

/** One 换届 term (GET /api/community/communities/:code/elections). */
export interface ElectionView {
  id: number;
  code: string;
  term: number;
  title: string;
  announcement: string;
  status: ElectionStatus;
  statusLabel: string;
  candidates: { name: string; role: string; intro: string }[];
  results: { name: string; role: string; votes: number; elected: boolean }[];
  createdAt: string;
  updatedAt: string;
}
