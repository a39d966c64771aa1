import { badRequest } from '../../platform/errors';
import type { OrgCache } from './org-cache';
import type { Candidates, SearchIndex } from './search-index';
import { gramKey, likeEscape, normalizeName, PHRASE_MAX } from '../../platform/search/ngrams';
import { GRAM_DF_TABLE } from './gram-df';
import { checkUscc, normalizeUscc, USCC_MESSAGES } from './uscc';
import { toOrgListItem } from './views';
import { createIllegalList } from './illegal-list';
import type { OrgRow } from './models';

export interface SearchInput {
  q?: string;
  type?: string;
  status?: string;
  credit?: string;
  division?: string;
  page: number;
  pageSize: number;
}

const LIST_COLUMNS =
  'o.id, o.uscc, o.name, o.type, o.division_code, o.authority, o.status, o.credit_status, o.registered_at';

/**
 * Beyond this many matches a fragment is too vague to rank usefully, and asked to be refined:
 * the index lookup stops at this many, so no query reads more rows than that.
 */
const MAX_CANDIDATES = 1000;
const ILLEGAL_WARNING =
  '您查询的名称与民政部门公布的涉嫌非法社会组织相符，请勿参加其活动或向其缴纳任何费用，如有线索请投诉举报。';

const TOO_BROAD = { tooBroad: true } as const;
const TOO_BROAD_JSON = Buffer.from(JSON.stringify(TOO_BROAD));

/** Letters and digits only, with a digit: the citizen typed (part of) a credit code. */
const looksLikeCode = (text: string) => /^[0-9A-Za-z\s-]+$/.test(text) && /\d/.test(text);

/**
 * A citizen checks an organization: by its credit code (exact) or by a fragment of its name
 * (through the name index, ranked by relevance). A name that matches a published suspected
 * illegal organization carries a warning.
 */
export function makeSearch(index: SearchIndex, cache: OrgCache) {
  const illegalMatches = createIllegalList(index);

  function filters(input: SearchInput) {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    for (const [col, key] of [
      ['type', 'type'],
      ['status', 'status'],
      ['credit_status', 'credit'],
    ] as const) {
      if (input[key]) {
        where.push(`o.${col} = :${key}`);
        params[key] = input[key];
      }
    }
    if (input.division) {
      where.push('o.division_code LIKE :division');
      params.division = `${input.division}%`;
    }
    return { where, params };
  }

  /**
   * A common fragment (「协会」) within a region or a credit list: the rows those filters select,
   * through their indexes, may be fewer than the fragment's rows in the name index (hundreds of
   * thousands of them); then the substring test alone runs over them.
   */
  async function broadButFiltered(norm: string, input: SearchInput, matches: number): Promise<Candidates | undefined> {
    if ((!input.division && !input.credit) || matches <= MAX_CANDIDATES) return undefined;
    const { where, params } = filters(input);
    const [{ n }] = await index.select<{ n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM social_orgs o WHERE ${where.join(' AND ')} LIMIT ${matches}) r`,
      params,
    );
    if (Number(n) >= matches) return undefined;
    return {
      sql: `SELECT o.id, o.search_name, o.uscc FROM social_orgs o WHERE o.search_name LIKE :like ESCAPE '!' AND ${where.join(' AND ')}`,
      replacements: { ...params, like: `%${likeEscape(norm)}%` },
    };
  }

  /**
   * One page of the organizations whose name contains the fragment, ranked the same on every
   * backend: exact name first, then the earlier the match, the shorter the name, the code.
   * The index finds the matches (at most MAX_CANDIDATES + 1 of them, filters applied) with
   * their names and codes, which is all the ranking needs; only the page's organizations are
   * then read, with how many matched.
   */
  async function pageByName(
    norm: string,
    input: SearchInput,
    generation: string,
  ): Promise<{ rows: OrgRow[]; total: number } | 'too_broad'> {
    const { where, params } = filters(input);
    // The gram counts can answer without the index (none, or too many match), and tell whether
    // a filter's own rows are fewer than the fragment's.
    const bound = index.countsFirst || where.length ? await index.matchBound(norm, generation) : undefined;
    if (bound?.n === 0) return { rows: [], total: 0 };
    if (bound?.exact && bound.n > MAX_CANDIDATES && !where.length) return 'too_broad';
    const match = (bound && (await broadButFiltered(norm, input, bound.n))) ?? (await index.nameMatch(norm, where));
    const rank = (t: string) =>
      `CASE WHEN ${t}.search_name = :q THEN 0 ELSE 1 END, INSTR(${t}.search_name, :q), ${index.charLength(`${t}.search_name`)}, ${t}.uscc`;
    // Unfiltered, a query of up to PHRASE_MAX characters is counted in the gram counts: one key
    // read instead of counting the matches (a window over them, the dearer half of the ranking).
    const totalSql =
      !where.length && [...norm].length <= PHRASE_MAX
        ? `(SELECT n FROM ${GRAM_DF_TABLE} WHERE gram = :gram)`
        : 'COUNT(*) OVER ()';
    const ranked = (offset: number) =>
      index.select<OrgRow & { total: number }>(
        `SELECT ${LIST_COLUMNS}, r.total FROM (
           SELECT c.id, c.search_name, c.uscc, ${totalSql} AS total FROM (${match.sql} LIMIT ${MAX_CANDIDATES + 1}) c
           ORDER BY ${rank('c')} LIMIT ${input.pageSize} OFFSET ${offset}
         ) r JOIN social_orgs o ON o.id = r.id
         ORDER BY ${rank('r')}`,
        { ...params, ...match.replacements, q: norm, gram: gramKey(norm) },
      );
    const offset = (input.page - 1) * input.pageSize;
    const rows = await ranked(offset);
    // A page past the end brings no row to tell the total with: the first page's does.
    const counted = rows.length || offset === 0 ? rows : await ranked(0);
    const total = counted.length ? Number(counted[0].total) : 0;
    if (total > MAX_CANDIDATES) return 'too_broad';
    return { rows, total };
  }

  async function byName(q: string, input: SearchInput) {
    const norm = normalizeName(q);
    if ([...norm].length < 2) throw badRequest('QUERY_TOO_SHORT', '请至少输入2个字');
    const generation = await cache.generation();
    const [page, matches] = await Promise.all([pageByName(norm, input, generation), illegalMatches(norm, generation)]);
    if (page === 'too_broad') return TOO_BROAD;
    return {
      items: page.rows.map(toOrgListItem),
      total: page.total,
      page: input.page,
      pageSize: input.pageSize,
      ...(matches.length ? { warning: { message: ILLEGAL_WARNING, matches } } : {}),
    };
  }

  async function byFilters(input: SearchInput, extra?: { where: string; params: Record<string, unknown> }) {
    const { where, params } = filters(input);
    if (extra) {
      where.unshift(extra.where);
      Object.assign(params, extra.params);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = (input.page - 1) * input.pageSize;
    const [rows, [count]] = await Promise.all([
      index.select<OrgRow>(
        `SELECT ${LIST_COLUMNS} FROM social_orgs o ${whereSql} ORDER BY o.id DESC LIMIT ${input.pageSize} OFFSET ${offset}`,
        params,
      ),
      index.select<{ n: number }>(`SELECT COUNT(*) AS n FROM social_orgs o ${whereSql}`, params),
    ]);
    return { items: rows.map(toOrgListItem), total: Number(count.n), page: input.page, pageSize: input.pageSize };
  }

  async function run(input: SearchInput) {
    const q = input.q?.trim();
    if (q && looksLikeCode(q)) {
      const code = normalizeUscc(q);
      const problem = checkUscc(code);
      if (problem) throw badRequest('INVALID_USCC', USCC_MESSAGES[problem]);
      return byFilters(input, { where: 'o.uscc = :uscc', params: { uscc: code } });
    }
    return q ? byName(q, input) : byFilters(input);
  }

  /** The answer as JSON bytes, ready to send (cached; a "too broad" verdict too, as it costs as much). */
  return async function searchJson(input: SearchInput): Promise<Buffer> {
    const bytes = await cache.searchJson(input, () => run(input));
    if (bytes.equals(TOO_BROAD_JSON))
      throw badRequest('QUERY_TOO_BROAD', '符合条件的组织过多，请输入更完整的名称或选择地区后再查询');
    return bytes;
  };
}
