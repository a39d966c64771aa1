import { createHash, randomBytes } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import { PROPOSAL_STATUS_NAMES, type VoteResult } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { maskName } from '../identity';
import { assertCommunity, scopeWhere } from './access';
import { type CommunityDeps, parseJson } from './deps';
import {
  alreadyVotedError,
  badOptionError,
  commentNotFoundError,
  proposalClosedForCommentsError,
  proposalNotFoundError,
  voteAlreadyOpenError,
  voteNotOpenError,
} from './errors';
import type { CommentRow, ProposalRow } from './models';
import type { Pages } from './pages';
import type { Residents } from './residents';

/** The published receipt list's hash: sha256 over `receipt:option\n` lines in receipt order. */
export function receiptsHash(receipts: { receipt: string; option: number }[]): string {
  const h = createHash('sha256');
  for (const r of receipts) h.update(`${r.receipt}:${r.option}\n`);
  return h.digest('hex');
}

/**
 * 议事协商: a confirmed resident proposes a matter, residents comment (staff may hide a comment,
 * with a reason), the committee opens a vote with its options, each confirmed resident casts one
 * ballot (a unique key on proposal and resident, not a check) and gets a receipt; closing
 * publishes the counts per option, and every receipt with its option and the list's hash, so a
 * voter finds their ballot counted and anyone can recount.
 *
 * A ballot and the closing serialize on the proposal's row: a ballot raises `ballots` where the
 * status is still 投票中 before it inserts, and the closing flips the status, so no ballot commits
 * after the closing took its counts; `ballots` is checked against the rows counted.
 */
export function makeProposals(deps: CommunityDeps, pages: Pages, residents: Residents) {
  const { p, models, identity } = deps;

  async function find(id: number): Promise<ProposalRow> {
    const row = await models.Proposal.findByPk(id, { raw: true });
    if (!row) throw proposalNotFoundError();
    return row;
  }

  const summary = (r: ProposalRow) => ({
    id: r.id,
    code: r.division_code,
    title: r.title,
    status: r.status,
    statusLabel: PROPOSAL_STATUS_NAMES[r.status],
    options: parseJson<string[]>(r.options, []),
    ballots: r.status === 'open' ? 0 : r.ballots,
    createdAt: new Date(r.created_at).toISOString(),
    voteOpenedAt: r.vote_opened_at ? new Date(r.vote_opened_at).toISOString() : null,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    result: parseJson<VoteResult | null>(r.result, null),
  });

  const commentView = (c: CommentRow, author: string, forStaff = false) => ({
    id: c.id,
    author,
    body: c.hidden && !forStaff ? null : c.body,
    hidden: Boolean(c.hidden),
    hiddenReason: c.hidden ? c.hidden_reason : null,
    createdAt: new Date(c.created_at).toISOString(),
  });

  async function authorOf(residentId: number): Promise<string> {
    const r = await models.Resident.findByPk(residentId, { raw: true, attributes: ['user_id'] });
    const real = r && (await identity.realNameOf(r.user_id));
    return real ? `${maskName(real.name)}（居民）` : '居民';
  }

  async function detail(row: ProposalRow, forStaff = false) {
    const comments = await models.Comment.findAll({
      where: { proposal_id: row.id },
      order: [['id', 'ASC']],
      limit: 500,
      raw: true,
    });
    return {
      proposal: {
        ...summary(row),
        body: row.body,
        author: await authorOf(row.resident_id),
        comments: await Promise.all(comments.map(async (c) => commentView(c, await authorOf(c.resident_id), forStaff))),
      },
    };
  }

  /** Counts and receipts of a proposal's ballots, as they stand in the database. */
  async function tally(row: ProposalRow, transaction?: import('sequelize').Transaction) {
    const ballots = await models.Ballot.findAll({
      where: { proposal_id: row.id },
      attributes: ['receipt', 'option_index'],
      order: [['receipt', 'ASC']],
      raw: true,
      transaction,
    });
    const labels = parseJson<string[]>(row.options, []);
    const votes = labels.map(() => 0);
    for (const b of ballots) votes[b.option_index]++;
    const receipts = ballots.map((b) => ({ receipt: b.receipt, option: b.option_index }));
    return {
      options: labels.map((label, index) => ({ index, label, votes: votes[index] })),
      total: ballots.length,
      receipts,
      receiptsHash: receiptsHash(receipts),
    };
  }

  return {
    async propose(userId: number, code: string, input: { title: string; body: string }) {
      await pages.community(code);
      const resident = await residents.requireResident(userId, code);
      const row = await models.Proposal.create({
        division_code: code,
        resident_id: resident.id,
        title: input.title,
        body: input.body,
        status: 'open',
        options: '[]',
        ballots: 0,
        vote_opened_by: null,
        vote_opened_at: null,
        closed_by: null,
        closed_at: null,
        result: null,
        created_at: p.clock.date(),
      });
      return detail(row.get({ plain: true }) as ProposalRow);
    },

    async list(code: string) {
      await pages.community(code);
      const rows = await models.Proposal.findAll({
        where: { division_code: code },
        order: [['id', 'DESC']],
        limit: 100,
        raw: true,
      });
      return { items: rows.map(summary) };
    },

    async one(id: number) {
      return detail(await find(id));
    },

    /** Whether I voted on it, and my receipt (only I see which option it carries). */
    async myBallot(userId: number, id: number) {
      const row = await find(id);
      const resident = await models.Resident.findOne({
        where: { user_id: userId, division_code: row.division_code, status: 'confirmed' },
        raw: true,
      });
      const ballot =
        resident && (await models.Ballot.findOne({ where: { proposal_id: id, resident_id: resident.id }, raw: true }));
      return {
        isResident: Boolean(resident),
        ballot: ballot ? { receipt: ballot.receipt, option: ballot.option_index } : null,
      };
    },

    async comment(userId: number, id: number, body: string) {
      const row = await find(id);
      const resident = await residents.requireResident(userId, row.division_code);
      if (row.status === 'closed') throw proposalClosedForCommentsError();
      const c = await models.Comment.create({
        proposal_id: id,
        resident_id: resident.id,
        body,
        hidden: false,
        hidden_reason: null,
        hidden_by: null,
        created_at: p.clock.date(),
      });
      return { comment: commentView(c.get({ plain: true }) as CommentRow, await authorOf(resident.id)) };
    },

    async vote(userId: number, id: number, option: number) {
      const row = await find(id);
      const resident = await residents.requireResident(userId, row.division_code);
      if (row.status !== 'voting') throw voteNotOpenError();
      const options = parseJson<string[]>(row.options, []);
      if (option >= options.length) throw badOptionError(options.length);
      if (await models.Ballot.count({ where: { proposal_id: id, resident_id: resident.id } }))
        throw alreadyVotedError();
      const receipt = randomBytes(16).toString('hex');
      try {
        await p.db.transaction(async (transaction) => {
          const [open] = await models.Proposal.update(
            { ballots: p.db.literal('ballots + 1') as unknown as number },
            { where: { id, status: 'voting' }, transaction },
          );
          if (!open) throw voteNotOpenError();
          await models.Ballot.create(
            { proposal_id: id, resident_id: resident.id, option_index: option, receipt, created_at: p.clock.date() },
            { transaction },
          );
        });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw alreadyVotedError();
        throw err;
      }
      return {
        ballot: { receipt, option, optionLabel: options[option] },
        message: '投票成功。请保存您的回执码，结果公布后可核对您的选票已被计入',
      };
    },

    /** Every receipt with its option, once the result is published. */
    async receipts(id: number) {
      const row = await find(id);
      if (row.status !== 'closed') throw conflict('VOTE_NOT_CLOSED', '投票尚未结束，结果公布后可查看回执清单');
      const t = await tally(row);
      return { receipts: t.receipts, receiptsHash: t.receiptsHash, total: t.total };
    },

    staff: {
      async list(staff: StaffPrincipal) {
        const where = scopeWhere(staff);
        const rows = await models.Proposal.findAll({
          where: where ?? {},
          order: [['id', 'DESC']],
          limit: 200,
          raw: true,
        });
        return {
          items: await Promise.all(
            rows.map(async (r) => ({
              ...summary(r),
              communityName: (await pages.community(r.division_code).catch(() => null))?.name ?? '',
            })),
          ),
        };
      },
      async one(staff: StaffPrincipal, id: number) {
        const row = await find(id);
        assertCommunity(staff, row.division_code, '议题');
        return detail(row, true);
      },
      async hideComment(staff: StaffPrincipal, commentId: number, reason: string) {
        const c = await models.Comment.findByPk(commentId, { raw: true });
        const row = c && (await models.Proposal.findByPk(c.proposal_id, { raw: true }));
        if (!c || !row) throw commentNotFoundError();
        assertCommunity(staff, row.division_code, '评论');
        await p.db.transaction(async (transaction) => {
          await models.Comment.update(
            { hidden: true, hidden_reason: reason, hidden_by: staff.id },
            { where: { id: commentId }, transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'community.comment.hide',
              target: { type: 'community_comment', id: commentId },
              detail: { reason },
            },
            transaction,
          );
        });
        return { comment: { id: commentId, hidden: true, hiddenReason: reason } };
      },
      async openVote(staff: StaffPrincipal, id: number, options: string[]) {
        const row = await find(id);
        assertCommunity(staff, row.division_code, '议题');
        await p.db.transaction(async (transaction) => {
          const [n] = await models.Proposal.update(
            {
              status: 'voting',
              options: JSON.stringify(options),
              vote_opened_by: staff.id,
              vote_opened_at: p.clock.date(),
            },
            { where: { id, status: 'open' }, transaction },
          );
          if (!n) throw voteAlreadyOpenError();
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'community.vote.open',
              target: { type: 'community_proposal', id },
              detail: { options },
            },
            transaction,
          );
        });
        return { proposal: summary(await find(id)) };
      },
      async closeVote(staff: StaffPrincipal, id: number) {
        const row = await find(id);
        assertCommunity(staff, row.division_code, '议题');
        await p.db.transaction(async (transaction) => {
          const closedAt = p.clock.date();
          // The status flips under the row's lock: a ballot still raising `ballots` commits first,
          // a later one finds the vote closed. The counts are read after, in the same transaction.
          const [n] = await models.Proposal.update(
            { status: 'closed', closed_by: staff.id, closed_at: closedAt },
            { where: { id, status: 'voting' }, transaction },
          );
          if (!n) throw voteNotOpenError();
          const now = await models.Proposal.findByPk(id, { raw: true, transaction });
          const t = await tally(now!, transaction);
          if (t.total !== now!.ballots)
            p.logger.error({ proposalId: id, counted: t.total, accepted: now!.ballots }, 'ballots counted differ');
          const result: VoteResult = {
            options: t.options,
            total: t.total,
            receiptsHash: t.receiptsHash,
            closedAt: closedAt.toISOString(),
          };
          await models.Proposal.update({ result: JSON.stringify(result) }, { where: { id }, transaction });
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'community.vote.close',
              target: { type: 'community_proposal', id },
              detail: { total: t.total },
            },
            transaction,
          );
        });
        return { proposal: summary(await find(id)) };
      },
    },
  };
}
