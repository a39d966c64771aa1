import { divisionPrefix } from '@minzheng/contracts';
import { Op, Sequelize, type WhereOptions } from 'sequelize';
import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { createMemo, createVersionedAnswers } from '../../platform/cache';
import { isSqlite } from '../../platform/db';
import { badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { booleanQuery, ftsQuery, normalizeText } from '../../platform/search/ngrams';
import type { MatrixModels } from './index';
import { toArticleView, type ArticleModel, type ArticleRow, type MemberRow } from './models';

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
const LOCAL_TTL_MS = 5000;
// INSTR, not LIKE: no wildcards to escape, the same on SQLite and MySQL.
const contains = (column: string, text: string) =>
  Sequelize.where(Sequelize.fn('INSTR', Sequelize.col(column), text), Op.gt, 0);

/**
 * The feed citizens browse: newest first with pinned articles on top, filtered by member,
 * region, category, tag or keyword; staff pin, hide and tag articles.
 */
export function makeFeed(p: Platform, { Member, Article }: MatrixModels) {
  const sqlite = isSqlite(p.db);

  /**
   * Every word in the title or the digest, through the keyword index: the index finds the
   * articles holding all of the words' n-grams, INSTR on the normalized text confirms each
   * word. A one-character word is only confirmed, so at least one word needs two.
   */
  function keywordSearch(q: string): WhereOptions[] {
    const words = [...new Set(q.split(/\s+/).map(normalizeText).filter(Boolean))].slice(0, 5);
    const indexed = words.filter((w) => [...w].length >= 2);
    if (!indexed.length) throw badRequest('QUERY_TOO_SHORT', '关键词请至少输入2个字');
    const match = p.db.escape(
      sqlite
        ? indexed.map((w) => ftsQuery(w, { text: 'text', pairs: 'pairs' })).join(' AND ')
        : indexed.map(booleanQuery).join(' '),
    );
    return [
      Sequelize.literal(
        sqlite
          ? `MatrixArticle.id IN (SELECT rowid FROM matrix_articles_fts WHERE matrix_articles_fts MATCH ${match})`
          : `MATCH(MatrixArticle.search_terms) AGAINST(${match} IN BOOLEAN MODE)`,
      ),
      ...words.map((w) => Sequelize.literal(`INSTR(MatrixArticle.search_text, ${p.db.escape(w)}) > 0`)),
    ];
  }
  // The member list is small and read on every feed request: keep it a few seconds.
  const members = createMemo<Map<number, MemberRow>>(MEMBERS_TTL_MS, 1);
  const memberMap = () =>
    members.get('all', async () => new Map((await Member.findAll({ raw: true })).map((m) => [m.id, m])));

  type Answer = Awaited<ReturnType<typeof list>>;
  /**
   * Citizens all read the same few pages: answers are kept as JSON under the feed's version,
   * which every write to the feed bumps (sync, curation, member edits).
   */
  const feed = createVersionedAnswers(p.cache, 'matrix:feed:v');
  const pages = feed.answers('matrix:feed', { ttlMs: ANSWER_TTL_MS, localEntries: 1000, localTtlMs: LOCAL_TTL_MS });
  const counts = feed.answers('matrix:feed-count', {
    ttlMs: ANSWER_TTL_MS,
    localEntries: 1000,
    localTtlMs: LOCAL_TTL_MS,
  });
  const cachedJson = (f: FeedFilter) => pages.json(JSON.stringify(f), () => list(f));
  const cachedList = async (f: FeedFilter) => JSON.parse((await cachedJson(f)).toString()) as Answer;
  const cachedCount = async (f: FeedFilter, count: () => Promise<number>) =>
    Number((await counts.json(JSON.stringify(f), count)).toString());

  async function changed() {
    members.forget();
    await feed.bump();
  }

  /**
   * One page in feed order. Browsing, the ids come first, from the feed-order index alone (a
   * deep page skips index entries, not rows), then only that page's rows are read. A keyword
   * search starts from the few articles the keyword index finds: their rows are read at once.
   */
  async function pageOf(where: WhereOptions, f: FeedFilter): Promise<ArticleModel[]> {
    const order: [string, string][] = [
      ['pinned', 'DESC'],
      ['published_at', 'DESC'],
      ['id', 'DESC'],
    ];
    const page = { order, limit: f.pageSize, offset: (f.page - 1) * f.pageSize };
    const exclude = ['search_text', 'search_terms'];
    if (f.q) return Article.findAll({ where, attributes: { exclude }, ...page });
    const ids = (await Article.findAll({ where, attributes: ['id'], ...page, raw: true })).map((r) => r.id);
    if (!ids.length) return [];
    const rows = await Article.findAll({ where: { id: ids }, attributes: { exclude } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is ArticleModel => r !== undefined);
  }

  async function list(f: FeedFilter, opts: { staff?: StaffPrincipal } = {}) {
    const byId = await memberMap();
    const staff = opts.staff;
    const where: Record<string | symbol, unknown> = { deleted_at: null };
    if (!staff) where.hidden = false;
    // Members shown: active ones (citizens) or in the staff member's scope, narrowed by the filters.
    let ids = [...byId.values()].filter(
      (m) =>
        (staff ? true : m.active) &&
        (f.member === undefined || m.id === f.member) &&
        (f.division === undefined || m.division_code.startsWith(divisionPrefix(f.division))) &&
        (f.category === undefined || m.category === f.category),
    );
    if (staff)
      ids = ids.filter((m) => {
        try {
          assertDivision(staff, m.division_code);
          return true;
        } catch {
          return false;
        }
      });
    if (ids.length !== byId.size) where.member_id = ids.map((m) => m.id);
    if (!ids.length) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
    const and: WhereOptions[] = [];
    if (f.q) and.push(...keywordSearch(f.q));
    if (f.tag) and.push(contains('tags', JSON.stringify(f.tag)));
    if (and.length) where[Op.and] = and;

    // Every page of a filter shares one count: citizens' counts are cached like answers. The
    // count is read before the page: a sync adding articles in between can then only show an
    // article not yet counted, never a count whose article is missing from its page.
    const total = staff
      ? await Article.count({ where })
      : await cachedCount({ ...f, page: 0, pageSize: 0 }, () => Article.count({ where }));
    const rows = await pageOf(where, f);
    return {
      items: rows.map((a) => ({
        ...toArticleView(a, byId.get(a.member_id)),
        ...(staff ? { hidden: Boolean(a.hidden) } : {}),
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  return {
    /** Citizens' feed (cached), as an object or as the JSON to send; staff get `list` with their scope, uncached. */
    list: (f: FeedFilter) => cachedList(f),
    listJson: (f: FeedFilter) => cachedJson(f),
    listForStaff: (f: FeedFilter, staff: StaffPrincipal) => list(f, { staff }),
    changed,

    /** For an organization's page: recent articles that mention it by name. */
    async articlesMentioning(name: string, limit = 5) {
      const trimmed = name.trim();
      if ([...normalizeText(trimmed)].length < 2) return [];
      return (await cachedList({ q: trimmed.replace(/\s+/g, ''), page: 1, pageSize: Math.min(Math.max(limit, 1), 50) }))
        .items;
    },

    async curate(actor: StaffPrincipal, id: number, change: { pinned?: boolean; hidden?: boolean; tags?: string[] }) {
      const a = await Article.findByPk(id);
      const m = a ? ((await memberMap()).get(a.member_id) ?? (await Member.findByPk(a.member_id))) : null;
      if (!a || !m || a.deleted_at) throw notFound('未找到该文章');
      assertDivision(actor, m.division_code, '文章');
      await a.update({
        ...(change.pinned !== undefined && { pinned: change.pinned }),
        ...(change.hidden !== undefined && { hidden: change.hidden }),
        ...(change.tags !== undefined && { tags: [...new Set(change.tags)] }),
      });
      await changed();
      await p.audit.record({
        actor: { type: 'staff', id: actor.id },
        action: 'matrix.article.curate',
        target: { type: 'matrix_article', id: a.id },
        detail: change,
      });
      return { ...toArticleView(a as ArticleRow, m), hidden: Boolean(a.hidden) };
    },
  };
}
