import type { SearchIndex } from './search-index';

interface Listed {
  id: number;
  name: string;
  search_name: string;
  authority: string;
  published_at: string;
  source: string | null;
}

/**
 * The published suspected illegal organizations, held in memory for one version of the
 * register (publishing one bumps it): every name search checks them, and a few thousand
 * short names are checked here faster than a query's round trip.
 */
export function createIllegalList(index: SearchIndex) {
  let loaded: { generation: string; rows: Promise<Listed[]> } | undefined;

  function rows(generation: string): Promise<Listed[]> {
    if (loaded?.generation !== generation) {
      const pending = index.select<Listed>(
        'SELECT id, name, search_name, authority, published_at, source FROM suspected_illegal_orgs ORDER BY published_at DESC, id DESC',
        {},
      );
      pending.catch(() => {
        if (loaded?.rows === pending) loaded = undefined;
      }); // the next search tries again
      loaded = { generation, rows: pending };
    }
    return loaded.rows;
  }

  /** The newest five whose name holds the fragment, or that the query itself holds. */
  return async function matching(norm: string, generation: string) {
    const hits = (await rows(generation))
      .filter((r) => r.search_name.includes(norm) || norm.includes(r.search_name))
      .slice(0, 5);
    return hits.map((r) => ({
      id: Number(r.id),
      name: r.name,
      authority: r.authority,
      publishedAt: r.published_at,
      source: r.source,
    }));
  };
}
