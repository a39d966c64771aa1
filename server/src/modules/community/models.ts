import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { CommunityNoticeCategory, ElectionStatus, ProposalStatus, ResidentStatus } from '@minzheng/contracts';

type M<R extends object> = ModelStatic<Model<R, Partial<R>> & R>;

export interface ProfileRow {
  id: number;
  division_code: string;
  address: string | null;
  office_hours: string | null;
  phone: string | null;
  /** JSON: string[] */
  services: string;
  /** JSON: CommitteeMember[] */
  committee: string;
  updated_by: number;
  updated_at: Date;
}

export interface FollowRow {
  id: number;
  user_id: number;
  division_code: string;
  created_at: Date;
}

export interface TellingRow {
  id: number;
  division_code: string;
  /** JSON: the community notice template's data. */
  data: string;
  link: string;
  /** The last `community_follows.id` told. */
  told_up_to: number;
  told: number;
  done: boolean;
  created_at: Date;
}

export interface NoticeRow {
  id: number;
  division_code: string;
  category: CommunityNoticeCategory;
  title: string;
  body: string;
  published_by: number;
  published_at: Date;
}

export interface AttachmentRow {
  id: number;
  token: string;
  staff_id: number;
  notice_id: number | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_at: Date;
}

export interface ResidentRow {
  id: number;
  user_id: number;
  division_code: string;
  id_number_hash: string;
  address: string;
  status: ResidentStatus;
  reason: string | null;
  decided_by: number | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface ProposalRow {
  id: number;
  division_code: string;
  resident_id: number;
  title: string;
  body: string;
  status: ProposalStatus;
  /** JSON: string[] (the vote's options; empty until a vote is opened) */
  options: string;
  /** Ballots accepted, raised in the same transaction as each ballot row. */
  ballots: number;
  vote_opened_by: number | null;
  vote_opened_at: Date | null;
  closed_by: number | null;
  closed_at: Date | null;
  /** JSON: VoteResult, written once on closing. */
  result: string | null;
  created_at: Date;
}

export interface CommentRow {
  id: number;
  proposal_id: number;
  resident_id: number;
  body: string;
  hidden: boolean;
  hidden_reason: string | null;
  hidden_by: number | null;
  created_at: Date;
}

export interface BallotRow {
  id: number;
  proposal_id: number;
  resident_id: number;
  option_index: number;
  receipt: string;
  created_at: Date;
}

export interface ElectionRow {
  id: number;
  division_code: string;
  term: number;
  title: string;
  announcement: string;
  status: ElectionStatus;
  /** JSON: { name, role, intro }[] */
  candidates: string;
  /** JSON: { name, role, votes, elected }[] */
  results: string;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export function defineCommunityModels(db: Sequelize) {
  const int = DataTypes.INTEGER;
  const str = DataTypes.STRING;
  const text = DataTypes.TEXT;
  const at = DataTypes.DATE;
  const id = { type: int, primaryKey: true, autoIncrement: true };
  const opts = (tableName: string) => ({ tableName, timestamps: false });
  return {
    Profile: db.define(
      'CommunityProfile',
      {
        id,
        division_code: str,
        address: str,
        office_hours: str,
        phone: str,
        services: text,
        committee: text,
        updated_by: int,
        updated_at: at,
      },
      opts('community_profiles'),
    ) as unknown as M<ProfileRow>,
    Follow: db.define(
      'CommunityFollow',
      { id, user_id: int, division_code: str, created_at: at },
      opts('community_follows'),
    ) as unknown as M<FollowRow>,
    Telling: db.define(
      'CommunityTelling',
      {
        id,
        division_code: str,
        data: text,
        link: str,
        told_up_to: int,
        told: int,
        done: DataTypes.BOOLEAN,
        created_at: at,
      },
      opts('community_tellings'),
    ) as unknown as M<TellingRow>,
    Notice: db.define(
      'CommunityNotice',
      { id, division_code: str, category: str, title: str, body: text, published_by: int, published_at: at },
      opts('community_notices'),
    ) as unknown as M<NoticeRow>,
    Attachment: db.define(
      'CommunityAttachment',
      {
        id,
        token: str,
        staff_id: int,
        notice_id: int,
        filename: str,
        mime: str,
        size: int,
        sha256: str,
        data: DataTypes.BLOB,
        created_at: at,
      },
      opts('community_attachments'),
    ) as unknown as M<AttachmentRow>,
    Resident: db.define(
      'CommunityResident',
      {
        id,
        user_id: int,
        division_code: str,
        id_number_hash: str,
        address: str,
        status: str,
        reason: str,
        decided_by: int,
        decided_at: at,
        created_at: at,
      },
      opts('community_residents'),
    ) as unknown as M<ResidentRow>,
    Proposal: db.define(
      'CommunityProposal',
      {
        id,
        division_code: str,
        resident_id: int,
        title: str,
        body: text,
        status: str,
        options: text,
        ballots: int,
        vote_opened_by: int,
        vote_opened_at: at,
        closed_by: int,
        closed_at: at,
        result: text,
        created_at: at,
      },
      opts('community_proposals'),
    ) as unknown as M<ProposalRow>,
    Comment: db.define(
      'CommunityComment',
      {
        id,
        proposal_id: int,
        resident_id: int,
        body: text,
        hidden: DataTypes.BOOLEAN,
        hidden_reason: str,
        hidden_by: int,
        created_at: at,
      },
      opts('community_comments'),
    ) as unknown as M<CommentRow>,
    Ballot: db.define(
      'CommunityBallot',
      { id, proposal_id: int, resident_id: int, option_index: int, receipt: str, created_at: at },
      opts('community_ballots'),
    ) as unknown as M<BallotRow>,
    Election: db.define(
      'CommunityElection',
      {
        id,
        division_code: str,
        term: int,
        title: str,
        announcement: text,
        status: str,
        candidates: text,
        results: text,
        created_by: int,
        created_at: at,
        updated_at: at,
      },
      opts('community_elections'),
    ) as unknown as M<ElectionRow>,
  };
}

export type CommunityModels = ReturnType<typeof defineCommunityModels>;
