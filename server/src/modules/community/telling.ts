import { Op, type Transaction } from 'sequelize';
import type { CommunityDeps } from './deps';

export const TELL_JOB = 'community.tell-followers';
/** The community notice template (publicity.ts registers it). */
export const COMMUNITY_NOTICE = 'community.notice';
/** Followers told per transaction. */
const PAGE = 200;

class Raced extends Error {}

/**
 * Telling a community's followers, as a job (BullMQ, or in-process in the embedded mode): the
 * request that publishes writes one `community_tellings` row in its own transaction and returns;
 * the job tells the followers a page at a time, each page's notices and the move of
 * `told_up_to` in one transaction, so a job that runs again (after a crash, or twice at once)
 * tells nobody twice and nobody is skipped. Who follows when the job reaches them is told.
 */
export function makeTelling({ p, models, notices }: CommunityDeps) {
  /** Tells the next page; false when every follower has been told. */
  async function tellPage(id: number): Promise<boolean> {
    return p.db.transaction(async (transaction) => {
      const row = await models.Telling.findByPk(id, { transaction, raw: true });
      if (!row || row.done) return false;
      const followers = await models.Follow.findAll({
        where: { division_code: row.division_code, id: { [Op.gt]: row.told_up_to } },
        attributes: ['id', 'user_id'],
        order: [['id', 'ASC']],
        limit: PAGE,
        transaction,
        raw: true,
      });
      const data = JSON.parse(row.data) as Record<string, string>;
      for (const { user_id: userId } of followers)
        await notices
          .notify({ userId }, COMMUNITY_NOTICE, data, row.link, { transaction })
          .catch((err) => p.logger.warn({ err: err.message, userId }, 'could not tell a follower of a community'));
      const last = followers.length ? followers[followers.length - 1].id : row.told_up_to;
      const [moved] = await models.Telling.update(
        { told_up_to: last, told: row.told + followers.length, done: followers.length < PAGE },
        { where: { id, told_up_to: row.told_up_to, done: false }, transaction },
      );
      // Another run told this page first: undo ours.
      if (moved !== 1) throw new Raced();
      return followers.length === PAGE;
    });
  }

  async function run(id: number) {
    for (;;) {
      try {
        if (!(await tellPage(id))) return;
      } catch (err) {
        if (!(err instanceof Raced)) throw err;
      }
    }
  }

  p.jobs.define<{ id: number }>(TELL_JOB, async ({ id }) => run(id), { attempts: 10, backoffMs: 2000 });

  return {
    /**
     * Within the publishing transaction: the community's followers are told by the job once it
     * commits. Answers how many follow now (the job also tells whoever follows before it gets
     * to them).
     */
    async tellFollowers(
      transaction: Transaction,
      divisionCode: string,
      data: Record<string, string>,
      link: string,
    ): Promise<number> {
      const row = await models.Telling.create(
        { division_code: divisionCode, data: JSON.stringify(data), link, created_at: p.clock.date() },
        { transaction },
      );
      transaction.afterCommit(async () => {
        await p.jobs.enqueue(TELL_JOB, { id: row.id }, { jobId: `community-tell-${row.id}` }).catch((err) => {
          // No queue to take it: tell them from this process rather than not at all.
          p.logger.warn({ err: err.message, telling: row.id }, 'community telling not queued; telling in-process');
          void run(row.id).catch((e) =>
            p.logger.error({ err: e.message, telling: row.id }, 'community telling failed'),
          );
        });
      });
      return models.Follow.count({ where: { division_code: divisionCode }, transaction });
    },
    /** Runs a telling now (tests and the job). */
    run,
  };
}

export type Telling = ReturnType<typeof makeTelling>;
