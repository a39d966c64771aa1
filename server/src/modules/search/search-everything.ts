import {
  areaEntryPage,
  pageLink,
  SEARCH_KIND_LABELS,
  SERVICE_AREAS,
  type SearchHit,
  type SearchKind,
  type SearchView,
} from '@minzheng/contracts';
import { createMemo } from '../../platform/cache';
import type { Platform } from '../../platform/platform';
import { normalizeText } from '../../platform/search/ngrams';
import type { SearchDeps } from './index';
import { initialsOf, isLatin, pinyinOf } from './spelling';

/** Each kind shows at most this many hits. */
const PER_KIND = 8;
/** Areas, items and halls are read once per process for this long (staff rarely change them). */
const INDEX_TTL_MS = 30_000;

/** One thing the search can find, with what it is matched on. */
interface Entry {
  hit: SearchHit;
  /** the title, normalized */
  title: string;
  /** everything else it is found by (keywords, summary, address), normalized */
  text: string;
  /** an item's material names */
  materials: string[];
  pinyin: string;
  initials: string;
}

const entry = (hit: SearchHit, text: string, materials: string[] = []): Entry => ({
  hit,
  title: normalizeText(hit.title),
  text: normalizeText(text),
  materials,
  pinyin: pinyinOf(hit.title),
  initials: initialsOf(hit.title),
});

/** Higher is better; 0 means no match. Every term must match somewhere. */
function score(e: Entry, terms: string[], latin: boolean): { score: number; materials: string[] } {
  let total = 0;
  const materials = new Set<string>();
  for (const term of terms) {
    let s = 0;
    if (latin) {
      if (e.initials.startsWith(term) || e.pinyin.startsWith(term)) s = 60;
      else if (e.initials.includes(term) || e.pinyin.includes(term)) s = 40;
    } else if (e.title.startsWith(term)) s = 100;
    else if (e.title.includes(term)) s = 80;
    else if (e.text.includes(term)) s = 30;
    // Materials are named only for a term the title does not hold (「户口簿」, not 「结婚」).
    const inMaterials = latin || s >= 80 ? [] : e.materials.filter((m) => normalizeText(m).includes(term));
    for (const m of inMaterials) materials.add(m);
    if (!s && inMaterials.length) s = 20;
    if (!s) return { score: 0, materials: [] };
    total += s;
  }
  return { score: total, materials: [...materials] };
}

/**
 * The 首页 search. Areas (from @minzheng/contracts: the live ones open their page, the others
 * their 「即将上线」 page with its hall items), the catalogue's items with the materials the query
 * names, and active halls are kept in memory per process and matched on the Chinese text or on
 * the pinyin and initials of their titles (hydj → 婚姻登记); articles come from the 婚姻知识
 * library and the matrix feed's keyword index. Only kinds with hits are answered, in a fixed order.
 */
export function makeSearchEverything(_p: Platform, deps: SearchDeps) {
  const memo = createMemo<Entry[]>(INDEX_TTL_MS, 1);

  async function load(): Promise<Entry[]> {
    const areas = SERVICE_AREAS.map((a) =>
      entry(
        {
          kind: 'area',
          id: a.key,
          title: a.name,
          summary: a.live ? a.summary : `${a.summary}（线上服务即将上线，可到大厅办理）`,
          page: `/${areaEntryPage(a.key)}`,
        },
        a.summary,
      ),
    );
    const items = (await deps.catalogue.forSearch()).map((i) =>
      entry(
        {
          kind: 'item',
          id: i.code,
          title: i.name,
          summary: `${i.areaName} · ${i.type}${i.bookable ? ' · 可预约' : ''}`,
          page: `/packages/halls/pages/service/index?code=${encodeURIComponent(i.code)}`,
        },
        `${i.keywords} ${i.areaName} ${i.code}`,
        i.materials,
      ),
    );
    const halls = (await deps.halls.activeDirectory()).map((h) =>
      entry(
        {
          kind: 'hall',
          id: String(h.id),
          title: h.name,
          summary: h.address,
          page: pageLink('hall', { id: h.id }),
        },
        h.address,
      ),
    );
    return [...areas, ...items, ...halls];
  }

  async function articles(q: string, latin: boolean): Promise<SearchHit[]> {
    if (latin) return [];
    const knowledge = deps.marriageKb.searchKnowledge(q, PER_KIND).map(
      (k): SearchHit => ({
        kind: 'article',
        id: `kb-${k.id}`,
        title: k.title,
        summary: `婚姻知识 · ${k.summary}`,
        page: pageLink('knowledge', { id: k.id }),
      }),
    );
    const news = (await deps.matrix.articlesMentioning(q, PER_KIND)).map(
      (a): SearchHit => ({
        kind: 'article',
        id: `news-${a.id}`,
        title: a.title,
        summary: `${a.author || '社会组织动态'}${a.digest ? ` · ${a.digest}` : ''}`,
        page: `/packages/social-orgs/pages/web-view/index?url=${encodeURIComponent(a.link)}&title=${encodeURIComponent(a.title)}`,
        url: a.link,
      }),
    );
    return [...knowledge, ...news].slice(0, PER_KIND);
  }

  return async function searchEverything(query: string): Promise<SearchView> {
    const q = query.trim();
    const latin = isLatin(q);
    const terms = (latin ? q.toLowerCase().replace(/[' ]+/g, ' ') : q)
      .split(/\s+/)
      .map((t) => (latin ? t.replace(/[^a-z]/g, '') : normalizeText(t)))
      .filter(Boolean)
      .slice(0, 5);
    const byKind = new Map<SearchKind, SearchHit[]>();
    if (terms.length) {
      const index = await memo.get('all', load);
      const scored = index
        .map((e) => ({ e, ...score(e, terms, latin) }))
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score);
      for (const s of scored) {
        const list = byKind.get(s.e.hit.kind) ?? [];
        if (list.length >= PER_KIND) continue;
        list.push(s.materials.length ? { ...s.e.hit, materials: s.materials } : s.e.hit);
        byKind.set(s.e.hit.kind, list);
      }
      const found = await articles(terms.join(' '), latin);
      if (found.length) byKind.set('article', found);
    }
    const groups = (Object.keys(SEARCH_KIND_LABELS) as SearchKind[])
      .filter((kind) => byKind.get(kind)?.length)
      .map((kind) => ({ kind, label: SEARCH_KIND_LABELS[kind], items: byKind.get(kind)! }));
    return { q, total: groups.reduce((n, g) => n + g.items.length, 0), groups };
  };
}

export type SearchEverything = ReturnType<typeof makeSearchEverything>;
