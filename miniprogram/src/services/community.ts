import type {
  BallotReceipt,
  CommunityNoticeCategory,
  CommunityNoticeView,
  CommunityPage,
  ElectionView,
  MyBallot,
  MyResidence,
  ProposalComment,
  ProposalDetail,
  ProposalSummary,
  ReceiptList,
  SocialWorkStationView,
  StreetCommunities
} from '@minzheng/contracts'
import { API_BASE, api, withQuery } from './request'
import type { Division } from './types'

/** Shapes of /api/community… (server/src/modules/community; enums, labels and views in @minzheng/contracts). */
export {
  COMMUNITY_NOTICE_CATEGORIES,
  COMMUNITY_NOTICE_CATEGORY_NAMES,
  type BallotReceipt,
  type CommunityAttachment,
  type CommunityNoticeCategory,
  type CommunityNoticeView,
  type CommunityPage,
  type ElectionView,
  type MyBallot,
  type MyResidence,
  type ProposalComment,
  type ProposalDetail,
  type ProposalSummary,
  type ReceiptList,
  type StreetCommunities
} from '@minzheng/contracts'

const open = { auth: false, toast: false } as const

/** Province → 乡镇/街道 a level at a time (GET /api/divisions?parent=…&deep=1). */
export async function divisionLevel(parent?: string): Promise<Division[]> {
  return (await api<{ items: Division[] }>(withQuery('/api/divisions', { parent, deep: '1' }), open)).items
}

export const streetCommunities = (street: string) =>
  api<StreetCommunities>(`/api/community/streets/${street}/communities`, open)

export async function communityPage(code: string): Promise<CommunityPage> {
  return (await api<{ community: CommunityPage }>(`/api/community/communities/${code}`, open)).community
}

export async function communityNotices(code: string, category?: CommunityNoticeCategory) {
  return (
    await api<{ items: CommunityNoticeView[] }>(
      withQuery(`/api/community/communities/${code}/notices`, { category }),
      open
    )
  ).items
}

export async function communityNotice(id: number): Promise<CommunityNoticeView> {
  return (await api<{ notice: CommunityNoticeView }>(`/api/community/notices/${id}`, open)).notice
}

/** Where an attachment is downloaded from (public: the notice is public). */
export const attachmentUrl = (id: string) => `${API_BASE}/api/community/attachments/${id}`

export async function follows(): Promise<{ code: string; name: string; fullName: string }[]> {
  return (
    await api<{ items: { code: string; name: string; fullName: string }[] }>('/api/community/follows', { toast: false })
  ).items
}
export const follow = (code: string) =>
  api<{ following: boolean }>('/api/community/follows', { method: 'POST', data: { code }, toast: false })
export const unfollow = (code: string) =>
  api<{ following: boolean }>(`/api/community/follows/${code}`, { method: 'DELETE', toast: false })

export async function myResidence(): Promise<MyResidence | null> {
  return (await api<{ resident: MyResidence | null }>('/api/community/me/residence', { toast: false })).resident
}
/** Withdraw my registration (waiting or confirmed): the server's message says what it means. */
export async function withdrawResidence(): Promise<string> {
  return (
    await api<{ resident: MyResidence; message: string }>('/api/community/me/residence', {
      method: 'DELETE',
      toast: false
    })
  ).message
}
export async function applyResidence(code: string, address: string): Promise<MyResidence> {
  return (
    await api<{ resident: MyResidence }>(`/api/community/communities/${code}/residents`, {
      method: 'POST',
      data: { address },
      toast: false
    })
  ).resident
}

export async function proposals(code: string): Promise<ProposalSummary[]> {
  return (await api<{ items: ProposalSummary[] }>(`/api/community/communities/${code}/proposals`, open)).items
}
export async function proposal(id: number): Promise<ProposalDetail> {
  return (await api<{ proposal: ProposalDetail }>(`/api/community/proposals/${id}`, open)).proposal
}
export async function propose(code: string, title: string, body: string): Promise<ProposalDetail> {
  return (
    await api<{ proposal: ProposalDetail }>(`/api/community/communities/${code}/proposals`, {
      method: 'POST',
      data: { title, body },
      toast: false
    })
  ).proposal
}
export async function comment(id: number, body: string): Promise<ProposalComment> {
  return (
    await api<{ comment: ProposalComment }>(`/api/community/proposals/${id}/comments`, {
      method: 'POST',
      data: { body },
      toast: false
    })
  ).comment
}
export const vote = (id: number, option: number) =>
  api<BallotReceipt>(`/api/community/proposals/${id}/votes`, { method: 'POST', data: { option }, toast: false })
export const myBallot = (id: number) => api<MyBallot>(`/api/community/proposals/${id}/my-ballot`, { toast: false })
export const receipts = (id: number) => api<ReceiptList>(`/api/community/proposals/${id}/receipts`, open)

export async function elections(code: string): Promise<ElectionView[]> {
  return (await api<{ items: ElectionView[] }>(`/api/community/communities/${code}/elections`, open)).items
}

/** The 社工站 of a 乡镇/街道 (social-work's public list), shown on its communities' pages. */
export async function stationsOf(street: string): Promise<SocialWorkStationView[]> {
  return (
    await api<{ items: SocialWorkStationView[] }>(withQuery('/api/social-work/stations', { division: street }), open)
  ).items
}
