import {
  ACTIVITY_STATUS_NAMES,
  areaEntryPage,
  ELDERLY_PLACE_KIND_NAMES,
  pageLink,
  SEARCH_KIND_LABELS,
  SERVICE_AREAS,
  type SearchHit,
  type SearchKind,
  type SearchView,
} from '@minzheng/contracts';
import { createMemo } from '../../platform/cache';
import { beijingTimeAt } from '../../platform/clock';
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
 * the pinyin and initials of their titles (hydj → 婚姻登记); organizations, activities and
 * elderly-care places are asked of their modules; articles come from the 婚姻知识 library and
 * the matrix feed's keyword index. Only kinds with hits are answered, in a fixed order.
 */
export function makeSearchEverything(p: Platform, deps: SearchDeps) {
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

  /**
   * What the areas hold, asked of each module with the longest term (Chinese only: their names
   * have no pinyin index); a hit must hold every term. One area that fails to answer leaves the
   * others' results standing.
   */
  async function content(terms: string[], latin: boolean): Promise<Array<[SearchKind, SearchHit[]]>> {
    if (latin) return [];
    const longest = [...terms].sort((a, b) => b.length - a.length)[0];
    const holdsAll = (title: string) => terms.every((t) => normalizeText(title).includes(t));
    const asked = async <R>(kind: SearchKind, find: () => Promise<R[]>, toHit: (r: R) => SearchHit) => {
      const rows = await find().catch((err) => {
        p.logger.warn({ err, kind }, 'an area did not answer the 首页 search');
        return [] as R[];
      });
      return [
        kind,
        rows
          .map(toHit)
          .filter((h) => holdsAll(h.title))
          .slice(0, PER_KIND),
      ] as [SearchKind, SearchHit[]];
    };
    return Promise.all([
      asked(
        'org',
        () => deps.socialOrgs.named(longest, PER_KIND),
        (o): SearchHit => ({
          kind: 'org',
          id: o.uscc,
          title: o.name,
          summary: [o.typeName, o.divisionName, o.statusName, o.creditStatusName].filter(Boolean).join(' · '),
          page: pageLink('orgDetail', { uscc: o.uscc }),
        }),
      ),
      asked(
        'activity',
        () => deps.volunteer.activitiesNamed(longest, PER_KIND),
        (a): SearchHit => ({
          kind: 'activity',
          id: String(a.id),
          title: a.title,
          summary: `${ACTIVITY_STATUS_NAMES[a.status]} · ${beijingTimeAt(new Date(a.starts_at).getTime()).date} · ${a.address}`,
          page: pageLink('volunteerActivity', { id: a.id }),
        }),
      ),
      asked(
        'institution',
        () => deps.elderly.named(longest, PER_KIND),
        (e): SearchHit => ({
          kind: 'institution',
          id: String(e.id),
          title: e.name,
          summary: `${ELDERLY_PLACE_KIND_NAMES[e.kind]}${e.kind === 'institution' ? ` · 空余床位 ${e.vacancies}` : ''} · ${e.address}`,
          page: pageLink('elderlyPlace', { id: e.id }),
        }),
      ),
    ]);
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
      const [found, areas] = await Promise.all([articles(terms.join(' '), latin), content(terms, latin)]);
      for (const [kind, hits] of areas) if (hits.length) byKind.set(kind, hits);
      if (found.length) byKind.set('article', found);
    }
    const groups = (Object.keys(SEARCH_KIND_LABELS) as SearchKind[])
      .filter((kind) => byKind.get(kind)?.length)
      .map((kind) => ({ kind, label: SEARCH_KIND_LABELS[kind], items: byKind.get(kind)! }));
    return { q, total: groups.reduce((n, g) => n + g.items.length, 0), groups };
  };
}

export type SearchEverything = ReturnType<typeof makeSearchEverything>;
