import { Op } from 'sequelize';
import { LockTimeoutError } from '../../platform/cache';
import { isSqlite } from '../../platform/db';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { type PublishedArticle, type Wechat, wechatReason } from '../../wechat';
import type { MatrixModels } from './index';
import type { MemberModel } from './models';
import { articleSearchColumns } from './search-columns';

export const SYNC_EVERY_MS = 10 * 60_000;
/** Members synced at once by one worker process. */
export const SYNC_CONCURRENCY = 4;
const PAGE = 20; // WeChat's maximum per batchget
const MAX_BACKOFF_MS = 6 * 3600_000;

export interface SyncResult {
  memberId: number;
  added: number;
  updated: number;
  deleted: number;
  pages: number;
  full: boolean;
}

/**
 * Aggregation: each member's published articles, pulled newest first until we reach one we
 * already hold unchanged. WeChat's total tells whether that was enough: when it does not add
 * up (something was deleted, or an earlier run was cut short), one full pass reconciles. All
 * writes of a run happen at the end in one transaction, so a run cut short leaves nothing
 * half-done, and a run with nothing new writes nothing.
 */
export function makeSync(
  p: Platform,
  wechat: Wechat,
  { Member, Article }: MatrixModels,
  feedChanged: () => Promise<void>,
) {
  const sqlite = isSqlite(p.db);
  async function pull(m: MemberModel): Promise<SyncResult> {
    // What WeChat still lists for this member (wx_update_time 0 marks a publish it dropped).
    const rows = await Article.findAll({
      where: { member_id: m.id, wx_update_time: { [Op.gt]: 0 } },
      attributes: ['article_id', 'wx_update_time'],
      raw: true,
    });
    const known = new Map(rows.map((r) => [r.article_id, r.wx_update_time]));
    const seen = new Map<string, PublishedArticle>();
    let pages = 0;

    // Pages from the newest; `untilKnown` stops at the first article we hold unchanged.
    async function walk(untilKnown: boolean): Promise<number> {
      let total = 0;
      for (let offset = 0; ; offset += PAGE) {
        const page = await wechat.freepublish.batchget(m.appid, offset, PAGE);
        pages++;
        total = page.total;
        for (const a of page.articles) {
          if (untilKnown && known.get(a.articleId) === a.updateTime) return total;
          seen.set(a.articleId, a);
        }
        if (page.articles.length < PAGE || offset + PAGE >= total) return total;
      }
    }

    let total = await walk(true);
    const isNew = (id: string) => !known.has(id);
    let full = false;
    if (known.size + [...seen.keys()].filter(isNew).length !== total) {
      full = true;
      total = await walk(false);
    }
    const changed = [...seen.values()].filter((a) => known.get(a.articleId) !== a.updateTime);
    const gone = full ? [...known.keys()].filter((id) => !seen.has(id)) : [];
    const result: SyncResult = { memberId: m.id, added: 0, updated: 0, deleted: gone.length, pages, full };
    if (!changed.length && !gone.length) return result;

    await p.db.transaction(async (transaction) => {
      const ids = changed.map((a) => a.articleId);
      const existing = new Map<string, { id: number }>();
      for (let i = 0; i < ids.length; i += 500) {
        const found = await Article.findAll({
          where: { member_id: m.id, article_id: ids.slice(i, i + 500) },
          attributes: ['id', 'article_id', 'idx'],
          raw: true,
          transaction,
        });
        for (const r of found) existing.set(`${r.article_id}#${r.idx}`, r);
      }
      const now = p.clock.date();
      const inserts: Array<Record<string, unknown>> = [];
      for (const a of changed) {
        for (const [i, item] of a.items.entries()) {
          const title = item.title.slice(0, 255);
          const digest = item.digest.slice(0, 512) || null;
          const fields = {
            title,
            author: item.author.slice(0, 64) || null,
            digest,
            ...articleSearchColumns(sqlite, title, digest),
            cover_url: item.thumbUrl.slice(0, 1024) || null,
            url: item.url.slice(0, 1024),
            published_at: new Date((a.createTime || a.updateTime) * 1000),
            wx_update_time: a.updateTime,
            deleted_at: item.isDeleted ? now : null,
          };
          const row = existing.get(`${a.articleId}#${i + 1}`);
          if (row) {
            await Article.update(fields, { where: { id: row.id }, transaction });
            result.updated++;
          } else {
            inserts.push({
              ...fields,
              member_id: m.id,
              article_id: a.articleId,
              idx: i + 1,
              pinned: false,
              hidden: false,
              tags: [],
              created_at: now,
              updated_at: now,
            });
            result.added++;
          }
        }
      }
      for (let i = 0; i < inserts.length; i += 500)
        await Article.bulkCreate(inserts.slice(i, i + 500) as never[], { transaction });
      for (let i = 0; i < gone.length; i += 500) {
        await Article.update(
          { deleted_at: now, wx_update_time: 0 },
          { where: { member_id: m.id, article_id: gone.slice(i, i + 500) }, transaction },
        );
      }
      await Member.update({ last_synced_at: now }, { where: { id: m.id }, transaction });
    });
    await feedChanged();
    return result;
  }

  /** Syncs one member; a failure backs this member off (doubling, up to 6 h) and nobody else. */
  async function syncMember(memberId: number): Promise<SyncResult | null> {
    const m = await Member.findByPk(memberId);
    if (!m || !m.active) return null;
    try {
      const result = await p.cache.withLock(`matrix:sync:${m.id}`, () => pull(m), { ttlMs: 30 * 60_000, waitMs: 0 });
      if (m.sync_failures || m.last_error) await m.update({ sync_failures: 0, next_sync_at: null, last_error: null });
      return result;
    } catch (err) {
      if (err instanceof LockTimeoutError) return null; // another run is syncing this member
      const failures = m.sync_failures + 1;
      const wait = Math.min(MAX_BACKOFF_MS, SYNC_EVERY_MS * 2 ** (failures - 1));
      await m.update({
        sync_failures: failures,
        next_sync_at: new Date(p.clock.now() + wait),
        last_error: wechatReason(err).slice(0, 255),
      });
      p.logger.warn(
        { memberId: m.id, appid: m.appid, failures, err: (err as Error).message },
        'matrix member sync failed',
      );
      return null;
    }
  }

  /** Members due for a sync: active, and not waiting out a back-off. */
  async function dueMembers(now = p.clock.date()): Promise<number[]> {
    const rows = await Member.findAll({
      where: { active: true, [Op.or]: [{ next_sync_at: null }, { next_sync_at: { [Op.lte]: now } }] },
      attributes: ['id'],
      order: [['id', 'ASC']],
      raw: true,
    });
    return rows.map((r) => r.id);
  }

  /** Queues one job per due member; the queue runs them SYNC_CONCURRENCY at a time. */
  async function enqueueDue(): Promise<number> {
    const ids = await dueMembers();
    for (const id of ids) await p.jobs.enqueue('matrix.sync-member', { memberId: id });
    return ids.length;
  }

  return {
    syncMember,
    dueMembers,
    enqueueDue,
    /** A member of staff asks for a round now (the 立即同步 button): queued like the scheduler's, and audited. */
    async syncRequested(staff: StaffPrincipal): Promise<number> {
      const queued = await enqueueDue();
      await p.audit.record({ actor: { type: 'staff', id: staff.id }, action: 'matrix.sync', detail: { queued } });
      return queued;
    },
    /** Runs the whole round in this process with the same concurrency limit (benches, the CLI). */
    async syncAllNow(concurrency = SYNC_CONCURRENCY): Promise<SyncResult[]> {
      const ids = await dueMembers();
      const results: SyncResult[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
          while (next < ids.length) {
            const r = await syncMember(ids[next++]);
            if (r) results.push(r);
          }
        }),
      );
      return results;
    },
  };
}
