import { Op, Sequelize, type WhereOptions } from 'sequelize';
import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { MatrixModels } from './index';
import { toArticleView, type ArticleRow, type MemberRow } from './models';

export interface FeedFilter {
  member?: number;
  division?: string;
  category?: string;
  q?: string;
  tag?: string;
  page: number;
  pageSize: number;
}

const MEMBERS_TTL_MS = 5000;
/** Citizens' feed answers are kept this long, or until anything in the feed changes (version bump). */
const ANSWER_TTL_MS = 60_000;
const VERSION_KEY = 'matrix:feed:v';
// INSTR, not LIKE: no wildcards to escape, the same on SQLite and MySQL.
const contains = (column: string, text: string) => Sequelize.where(Sequelize.fn('INSTR', Sequelize.col(column), text), Op.gt, 0);
/** 440000 means all of 广东省 and 440300 all of 深圳市: match by the code without its trailing zeros. */
const divisionPrefix = (code: string) => code.replace(/(00)+$/, '') || code;

/**
 * The feed citizens browse: newest first with pinned articles on top, filtered by member,
 * region, category, tag or keyword; staff pin, hide and tag articles.
 */
export function makeFeed(p: Platform, { Member, Article }: MatrixModels) {
  // The member list is small and read on every feed request: keep it a few seconds.
  let members: { at: number; byId: Map<number, MemberRow> } | undefined;
  async function memberMap(): Promise<Map<number, MemberRow>> {
    if (!members || Date.now() - members.at > MEMBERS_TTL_MS) {
      const rows = await Member.findAll({ raw: true });
      members = { at: Date.now(), byId: new Map(rows.map((m) => [m.id, m])) };
    }
    return members.byId;
  }

  const computing = new Map<string, Promise<unknown>>();
  /**
   * Citizens all read the same few pages: answers are cached in the shared cache under the
   * feed's version, which every write to the feed bumps (sync, curation, member edits). One
   * computation per key and process at a time.
   */
  async function cachedList(f: FeedFilter) {
    const key = `matrix:feed:${(await p.cache.get(VERSION_KEY)) ?? '0'}:${JSON.stringify(f)}`;
    const hit = await p.cache.get(key);
    if (hit) return JSON.parse(hit) as Awaited<ReturnType<typeof list>>;
    let running = computing.get(key) as Promise<Awaited<ReturnType<typeof list>>> | undefined;
    if (!running) {
      running = list(f).then(async (answer) => {
        await p.cache.set(key, JSON.stringify(answer), ANSWER_TTL_MS);
        return answer;
      }).finally(() => computing.delete(key));
      computing.set(key, running);
    }
    return running;
  }

  async function cachedCount(f: FeedFilter, count: () => Promise<number>): Promise<number> {
    const key = `matrix:feed-count:${(await p.cache.get(VERSION_KEY)) ?? '0'}:${JSON.stringify(f)}`;
    const hit = await p.cache.get(key);
    if (hit) return Number(hit);
    const n = await count();
    await p.cache.set(key, String(n), ANSWER_TTL_MS);
    return n;
  }

  async function changed() {
    members = undefined;
    await p.cache.incr(VERSION_KEY, 30 * 86400_000);
  }

  async function list(f: FeedFilter, opts: { staff?: StaffPrincipal } = {}) {
    const byId = await memberMap();
    const staff = opts.staff;
    const where: Record<string | symbol, unknown> = { deleted_at: null };
    if (!staff) where.hidden = false;
    // Members shown: active ones (citizens) or in the staff member's scope, narrowed by the filters.
    let ids = [...byId.values()].filter((m) =>
      (staff ? true : m.active)
      && (f.member === undefined || m.id === f.member)
      && (f.division === undefined || m.division_code.startsWith(divisionPrefix(f.division)))
      && (f.category === undefined || m.category === f.category));
    if (staff) ids = ids.filter((m) => { try { assertDivision(staff, m.division_code); return true; } catch { return false; } });
    if (ids.length !== byId.size) where.member_id = ids.map((m) => m.id);
    if (!ids.length) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
    const and: WhereOptions[] = [];
    if (f.q) {
      // Every word, in the title or the digest.
      for (const word of f.q.split(/\s+/).filter(Boolean).slice(0, 5)) {
        and.push({ [Op.or]: [contains('title', word), contains('digest', word)] });
      }
    }
    if (f.tag) and.push(contains('tags', JSON.stringify(f.tag)));
    if (and.length) where[Op.and] = and;

    const [rows, total] = await Promise.all([
      Article.findAll({
        where,
        order: [['pinned', 'DESC'], ['published_at', 'DESC'], ['id', 'DESC']],
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
      }),
      // Every page of a filter shares one count: citizens' counts are cached like answers.
      staff ? Article.count({ where }) : cachedCount({ ...f, page: 0, pageSize: 0 }, () => Article.count({ where })),
    ]);
    return {
      items: rows.map((a) => ({ ...toArticleView(a, byId.get(a.member_id)), ...(staff ? { hidden: Boolean(a.hidden) } : {}) })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  return {
    /** Citizens' feed (cached); staff get `list` with their scope, uncached. */
    list: (f: FeedFilter) => cachedList(f),
    listForStaff: (f: FeedFilter, staff: StaffPrincipal) => list(f, { staff }),
    changed,

    /** For an organization's page: recent articles that mention it by name. */
    async articlesMentioning(name: string, limit = 5) {
      const trimmed = name.trim();
      if (!trimmed) return [];
      return (await cachedList({ q: trimmed.replace(/\s+/g, ''), page: 1, pageSize: Math.min(Math.max(limit, 1), 50) })).items;
    },

    async curate(actor: StaffPrincipal, id: number, change: { pinned?: boolean; hidden?: boolean; tags?: string[] }) {
      const a = await Article.findByPk(id);
      const m = a ? (await memberMap()).get(a.member_id) ?? (await Member.findByPk(a.member_id)) : null;
      if (!a || !m || a.deleted_at) throw notFound('未找到该文章');
      assertDivision(actor, m.division_code, '文章');
      await a.update({
        ...(change.pinned !== undefined && { pinned: change.pinned }),
        ...(change.hidden !== undefined && { hidden: change.hidden }),
        ...(change.tags !== undefined && { tags: [...new Set(change.tags)] }),
      });
      await changed();
      await p.audit.record({ actor: { type: 'staff', id: actor.id }, action: 'matrix.article.curate', target: { type: 'matrix_article', id: a.id }, detail: change });
      return { ...toArticleView(a as ArticleRow, m), hidden: Boolean(a.hidden) };
    },
  };
}
