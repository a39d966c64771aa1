import { UniqueConstraintError } from 'sequelize';
import { ELECTION_STATUS_NAMES, pageLink } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { assertCommunity } from './access';
import { type CommunityDeps, parseJson } from './deps';
import { electionNotFoundError, electionStageError, electionTermTakenError } from './errors';
import type { ElectionRow } from './models';
import type { Pages } from './pages';
import type { Telling } from './telling';

interface Candidate {
  name: string;
  role: string;
  intro: string;
}
interface ResultLine {
  name: string;
  role: string;
  votes: number;
  elected: boolean;
}

/**
 * 村/居委会换届: per community and term, the 选举公告, then the candidate list, then the results;
 * each stage is public and told to the community's followers as a 选举公告.
 */
export function makeElections(deps: CommunityDeps, pages: Pages, telling: Telling) {
  const { p, models } = deps;

  const view = (r: ElectionRow) => ({
    id: r.id,
    code: r.division_code,
    term: r.term,
    title: r.title,
    announcement: r.announcement,
    status: r.status,
    statusLabel: ELECTION_STATUS_NAMES[r.status],
    candidates: parseJson<Candidate[]>(r.candidates, []),
    results: parseJson<ResultLine[]>(r.results, []),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  });

  /** The followers are told by a job (telling.ts), after this small transaction commits. */
  async function tell(r: ElectionRow, what: string) {
    const community = await pages.community(r.division_code);
    await p.db.transaction((transaction) =>
      telling.tellFollowers(
        transaction,
        r.division_code,
        { community: community.name, category: '选举公告', title: `第${r.term}届${what}` },
        pageLink('community', { code: r.division_code, election: r.id }),
      ),
    );
  }

  async function mine(staff: StaffPrincipal, id: number) {
    const row = await models.Election.findByPk(id, { raw: true });
    if (!row) throw electionNotFoundError();
    assertCommunity(staff, row.division_code, '届选举');
    return row;
  }

  async function change(staff: StaffPrincipal, row: ElectionRow, values: Partial<ElectionRow>, action: string) {
    await p.db.transaction(async (transaction) => {
      await models.Election.update({ ...values, updated_at: p.clock.date() }, { where: { id: row.id }, transaction });
      await p.audit.record(
        {
          actor: { type: 'staff', id: staff.id },
          action: `community.election.${action}`,
          target: { type: 'community_election', id: row.id },
        },
        transaction,
      );
    });
    return (await models.Election.findByPk(row.id, { raw: true }))!;
  }

  return {
    async list(code: string) {
      await pages.community(code);
      const rows = await models.Election.findAll({
        where: { division_code: code },
        order: [['term', 'DESC']],
        raw: true,
      });
      return { items: rows.map(view) };
    },
    async announce(staff: StaffPrincipal, code: string, input: { term: number; title: string; announcement: string }) {
      await pages.community(code);
      assertCommunity(staff, code);
      try {
        const row = await p.db.transaction(async (transaction) => {
          const now = p.clock.date();
          const created = await models.Election.create(
            {
              division_code: code,
              term: input.term,
              title: input.title,
              announcement: input.announcement,
              status: 'announced',
              candidates: '[]',
              results: '[]',
              created_by: staff.id,
              created_at: now,
              updated_at: now,
            },
            { transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'community.election.announce',
              target: { type: 'community_election', id: created.id },
            },
            transaction,
          );
          return created.get({ plain: true }) as ElectionRow;
        });
        await tell(row, '换届选举公告');
        return { election: view(row) };
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw electionTermTakenError();
        throw err;
      }
    },
    async setCandidates(staff: StaffPrincipal, id: number, candidates: Candidate[]) {
      const row = await mine(staff, id);
      if (row.status === 'finished') throw electionStageError('选举结果已公布，不能再修改候选人名单');
      const after = await change(
        staff,
        row,
        { candidates: JSON.stringify(candidates), status: 'candidates' },
        'candidates',
      );
      await tell(after, '候选人名单');
      return { election: view(after) };
    },
    async setResults(staff: StaffPrincipal, id: number, results: ResultLine[]) {
      const row = await mine(staff, id);
      if (row.status !== 'candidates') throw electionStageError('请先公布候选人名单，再公布选举结果');
      const after = await change(staff, row, { results: JSON.stringify(results), status: 'finished' }, 'results');
      await tell(after, '选举结果');
      return { election: view(after) };
    },
  };
}
