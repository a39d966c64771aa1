import { badRequest } from '../../platform/errors';
import type { OrgCache } from './org-cache';
import type { SearchIndex } from './search-index';
import { normalizeName } from '../../platform/search/ngrams';
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

const LIST_COLUMNS = 'o.id, o.uscc, o.name, o.type, o.division_code, o.authority, o.status, o.credit_status, o.registered_at';

/**
 * Beyond this many matches a fragment is too vague to rank usefully, and asked to be refined:
 * the index lookup stops at this many, so no query reads more rows than that.
 */
const MAX_CANDIDATES = 1000;
const ILLEGAL_WARNING = '您查询的名称与民政部门公布的涉嫌非法社会组织相符，请勿参加其活动或向其缴纳任何费用，如有线索请投诉举报。';

/** Letters and digits only, with a digit: the citizen typed (part of) a credit code. */
const looksLikeCode = (q: string) => /^[0-9A-Za-z\s-]+$/.test(q) && /\d/.test(q);

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
    for (const [col, key] of [['type', 'type'], ['status', 'status'], ['credit_status', 'credit']] as const) {
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
   * Every organization whose name contains the fragment, ranked: the index finds the
   * candidates (SQL filters them), the ranking is done here, so it is the same on every
   * backend — exact name first, then the earlier the match, the shorter the name, the code.
   * The candidates' list columns come along: `fresh` keeps them for this request's page.
   */
  async function rankedByName(norm: string, input: SearchInput, generation: string, fresh: Map<number, OrgRow>): Promise<number[] | 'too_broad'> {
    const { where, params } = filters(input);
    // The gram counts answer the commonest queries without the index: none, or too many.
    const bound = await index.matchBound(norm, generation);
    if (bound.n === 0) return [];
    if (bound.exact && bound.n > MAX_CANDIDATES && !where.length) return 'too_broad';
    const match = await index.nameMatch(norm, generation, bound.exact ? bound.n : 0);
    const rows = await index.select<OrgRow & { search_name: string }>(
      `SELECT ${LIST_COLUMNS}, o.search_name FROM ${match.from} WHERE ${[match.where, ...where].join(' AND ')} LIMIT ${MAX_CANDIDATES + 1}`,
      { ...params, ...match.replacements },
    );
    if (rows.length > MAX_CANDIDATES) return 'too_broad'; // an answer too: cached like the others
    const key = (r: { search_name: string }) => {
      const exact = r.search_name === norm ? 0 : 1;
      return [exact, r.search_name.indexOf(norm), [...r.search_name].length] as const;
    };
    const keyed = rows.map((r) => ({ r, k: key(r) }));
    keyed.sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || (a.r.uscc < b.r.uscc ? -1 : a.r.uscc > b.r.uscc ? 1 : 0));
    for (const { r } of keyed) fresh.set(Number(r.id), r);
    return keyed.map((x) => Number(x.r.id));
  }

  async function byName(q: string, input: SearchInput) {
    const norm = normalizeName(q);
    if ([...norm].length < 2) throw badRequest('QUERY_TOO_SHORT', '请至少输入2个字');
    const generation = await cache.generation();
    const fresh = new Map<number, OrgRow>();
    const [ids, matches] = await Promise.all([
      cache.search({ ranked: norm, ...input, page: 0, pageSize: 0 }, () => rankedByName(norm, input, generation, fresh)),
      illegalMatches(norm, generation),
    ]);
    if (ids === 'too_broad') throw badRequest('QUERY_TOO_BROAD', '符合条件的组织过多，请输入更完整的名称或选择地区后再查询');
    const pageIds = ids.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
    // A ranking just made brought its rows; one from the cache fetches the page's.
    const rows = pageIds.length && !pageIds.every((id) => fresh.has(id))
      ? await index.select<OrgRow>(`SELECT ${LIST_COLUMNS} FROM social_orgs o WHERE o.id IN (${pageIds.join(',')})`, {})
      : pageIds.map((id) => fresh.get(id)!);
    const byId = new Map(rows.map((r) => [Number((r as OrgRow).id), r]));
    return {
      items: pageIds.map((id) => byId.get(id)).filter((r): r is OrgRow => r !== undefined).map(toOrgListItem),
      total: ids.length,
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
      index.select<OrgRow>(`SELECT ${LIST_COLUMNS} FROM social_orgs o ${whereSql} ORDER BY o.id DESC LIMIT ${input.pageSize} OFFSET ${offset}`, params),
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

  /** The answer as JSON bytes, ready to send (cached). */
  return function searchJson(input: SearchInput): Promise<Buffer> {
    return cache.searchJson(input, () => run(input));
  };
}
