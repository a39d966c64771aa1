import { divisionPrefix, type PlaceNameView } from '@minzheng/contracts';
import { createAskedLately, createVersionedMemo } from '../../platform/cache';
import { createBatchedReads } from '../../platform/db/batched-reads';
import { readRows } from '../../platform/db/read-rows';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { Culture } from './culture';
import type { PlaceNameModels, PlaceNameRow } from './models';
import { type ListParts, liveNameIndex } from './name-index';
import { isLatin, pinyinKey, prefixEnd } from './romanize';
import { type DivisionNames, placeNameListItemOf, placeNameView, placeNameViewOf } from './views';

/** Letters lose their spaces (tian an → tianan), anything else has runs of spaces made one. */
const normalizeQuery = (q: string | undefined) => q?.replace(/\s+/g, isLatin(q) ? '' : ' ');

export interface PlaceNameSearch {
  q?: string;
  category?: string;
  division?: string;
  page: number;
  pageSize: number;
}

/** What a view needs of a row (the staff register): no keys, no timestamps. */
const VIEW_COLUMNS =
  'id, name, pinyin, category, division_code, location, lng, lat, meaning, history, approval_body, approval_date, status, former_name';
/**
 * What the public list shows (PlaceNameListItem): each prefix's index holds these columns
 * (migration 202701100100), so a public search reads its page from the index alone, a leaf page or
 * two, and visits no row; location, 含义 and 历史沿革 are read by the name's page.
 */
const LIST_COLUMNS = 'id, name, pinyin, category, division_code';
type ListRow = Pick<PlaceNameRow, 'id' | 'name' | 'pinyin' | 'category' | 'division_code'>;

/**
 * The register's change number in the shared cache: each announcement increments it (its names'
 * ids stored beside it, see createLiveRows), which retires every kept answer in every process.
 */
const CHANGES_KEY = 'placenames:changes';

/** Public answers kept in each process (a page of 20 names each, a few KB; bounded). */
const KEPT = 2000;
/** How long a kept answer lives at most: a published announcement retires them all at once (the version). */
const KEPT_MS = 5 * 60_000;

/**
 * Search by a prefix of the Chinese name, of the pinyin or of the initials (天安, tiana, tam),
 * by category and by division. Each prefix is an index range (name >= q AND name < q⁺), never
 * LIKE '%q%'; a division is a range of codes too. Current names only.
 *
 * Order: a Chinese prefix (or none) by name. Letters are two ranges, so each is read in its own
 * index's order with a LIMIT and the two are put one after the other: names whose pinyin starts
 * with the letters (by pinyin, then id), then those whose initials do (by initials, then id; a name
 * already in the first part is not repeated). Ordering the OR of both ranges by name would make the
 * database read and sort every matching row (tens of thousands for `do` among a million names)
 * before the first 20; this reads at most offset + pageSize + 1 rows of each.
 */
export function makeSearch(p: Platform, m: PlaceNameModels, names: DivisionNames, culture: Culture) {
  /** The public's first-time searches: their reads go to the database together (createBatchedReads). */
  const batched = createBatchedReads(p.db);
  /**
   * The public's answers as the JSON bytes sent, kept in this process under a version in the
   * shared cache that every announcement (命名、更名、销名) bumps after its commit. The version is
   * read afresh for every request (one round trip shared by the requests that arrive together,
   * see createSharedVersion), so no process answers from before an announcement that has returned.
   */
  const kept = createVersionedMemo<Buffer>(p.cache, CHANGES_KEY, {
    ttlMs: KEPT_MS,
    maxEntries: KEPT,
    pollMs: 0,
  });
  // An answer is kept from its second ask: most first-time prefixes are asked once, and keeping
  // each made every one old-generation garbage (createAskedLately).
  const askedLately = createAskedLately();
  /**
   * The current names held in this process (PLACE_NAME_INDEX), so a first-time search needs no
   * database either. Their change number is the kept answers' version (CHANGES_KEY): the one
   * read a search makes for its kept answer also tells whether the held names are current.
   */
  const held = p.config.placeNameIndex ? liveNameIndex(p, CHANGES_KEY) : undefined;

  /**
   * The rows of a search, one page and one more (whether there are more), read by `select`:
   * readRows for staff, the batched reads for the public's first-time searches.
   */
  async function rowsOf<R extends ListRow>(
    input: PlaceNameSearch,
    scope: { prefixes: string[] | null; status?: 'current' | 'cancelled' } | undefined,
    columns: string,
    select: <T>(sql: string, values: unknown[]) => Promise<T[]>,
  ): Promise<{ rows: R[]; hasMore: boolean }> {
    // The public sees current names; staff see their divisions' register, cancelled names too.
    // Conditions with `?` parameters, in the order they appear in the statement.
    const and: { sql: string; values: unknown[] }[] = [];
    const range = (column: string, prefix: string) => ({
      sql: `${column} >= ? AND ${column} < ?`,
      values: [prefix, prefixEnd(prefix)],
    });
    const status = scope ? scope.status : 'current';
    if (status) and.push({ sql: 'status = ?', values: [status] });
    if (scope?.prefixes) {
      const ranges = scope.prefixes.map((prefix) => range('division_code', prefix));
      and.push(
        ranges.length
          ? { sql: `(${ranges.map((r) => `(${r.sql})`).join(' OR ')})`, values: ranges.flatMap((r) => r.values) }
          : { sql: '1 = 0', values: [] },
      );
    }
    if (input.category) and.push({ sql: 'category = ?', values: [input.category] });
    if (input.division) and.push(range('division_code', divisionPrefix(input.division)));
    const offset = (input.page - 1) * input.pageSize;
    const wanted = offset + input.pageSize + 1;
    const read = (where: typeof and, order: string, limit: number, skip = 0) =>
      select<R>(
        `SELECT ${columns} FROM place_names WHERE ${where.length ? where.map((c) => c.sql).join(' AND ') : '1 = 1'} ORDER BY ${order} LIMIT ${limit}${skip ? ` OFFSET ${skip}` : ''}`,
        where.flatMap((c) => c.values),
      );
    let rows: R[];
    const q = normalizeQuery(input.q);
    if (q && isLatin(q)) {
      // Each range in its own index order (pinyin_key, id) / (initials, id), at most `wanted` rows.
      const key = pinyinKey(q);
      const byPinyin = range('pinyin_key', key);
      rows = await read([...and, byPinyin], 'pinyin_key, id', wanted);
      if (rows.length < wanted) {
        const byInitials = range('initials', key);
        const notByPinyin = { sql: '(pinyin_key < ? OR pinyin_key >= ?)', values: byPinyin.values };
        rows = rows.concat(await read([...and, byInitials, notByPinyin], 'initials, id', wanted - rows.length));
      }
      rows = rows.slice(offset);
    } else {
      rows = await read(q ? [...and, range('name', q)] : and, 'name, id', input.pageSize + 1, offset);
    }
    const hasMore = rows.length > input.pageSize;
    return { rows: hasMore ? rows.slice(0, input.pageSize) : rows, hasMore };
  }

  async function search(
    input: PlaceNameSearch,
    scope?: { prefixes: string[] | null; status?: 'current' | 'cancelled' },
  ): Promise<{ items: PlaceNameView[]; hasMore: boolean }> {
    const { rows, hasMore } = await rowsOf<PlaceNameRow>(input, scope, VIEW_COLUMNS, (sql, values) =>
      readRows(p.db, sql, values),
    );
    return { items: await withDivisionNames(rows, placeNameViewOf), hasMore };
  }

  /**
   * Each row made into `of(row, its division's name)`: the name as `names` knows it, awaited only
   * for a division not known yet (a list of twenty names comes from a handful of divisions, known
   * after the first searches; a promise per name cost more than the rest of the list).
   */
  async function withDivisionNames<R extends ListRow, T>(rows: R[], of: (row: R, division: string) => T): Promise<T[]> {
    const out = new Array<T>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const code = rows[i].division_code;
      out[i] = of(rows[i], names.known(code) ?? (await names(code)));
    }
    return out;
  }

  /**
   * What the list shows of a name's category and division, as JSON bytes (see NameIndex.json),
   * each made once: a division's again only when its name as `names` gives it changes.
   */
  const categoryParts = new Map<string, Uint8Array>();
  const divisionParts = new Map<string, { name: string; bytes: Uint8Array }>();
  const divisionPart = (code: string, name: string) => {
    let part = divisionParts.get(code);
    if (part?.name !== name) {
      if (divisionParts.size > 5000) divisionParts.clear();
      part = {
        name,
        bytes: Buffer.from(`"divisionCode":${JSON.stringify(code)},"divisionName":${JSON.stringify(name)}}`),
      };
      divisionParts.set(code, part);
    }
    return part.bytes;
  };
  const listParts: ListParts = {
    category(category) {
      let part = categoryParts.get(category);
      if (!part) {
        const { category: c, categoryLabel } = placeNameListItemOf(
          { id: 0, name: '', pinyin: '', category: category as PlaceNameRow['category'], division_code: '' },
          '',
        );
        // JSON.stringify of the item leaves a label that is undefined out, so this does too.
        const json = JSON.stringify({ category: c, categoryLabel });
        part = Buffer.from(`${json.slice(1, -1)},`);
        categoryParts.set(category, part);
      }
      return part;
    },
    division(code) {
      const name = names.known(code);
      return name === undefined ? names(code).then((n) => divisionPart(code, n)) : divisionPart(code, name);
    },
  };

  /** The page from the names held in this process; undefined: the database answers (see NameIndex.page). */
  function fromIndex(input: PlaceNameSearch) {
    const q = normalizeQuery(input.q);
    return held!.index.page({
      ...(q && isLatin(q) ? { letters: pinyinKey(q) } : { name: q }),
      category: input.category,
      divisionPrefix: input.division ? divisionPrefix(input.division) : undefined,
      offset: (input.page - 1) * input.pageSize,
      pageSize: input.pageSize,
    });
  }

  /**
   * A first-time public search, straight to the JSON bytes sent: the rows as the driver gives
   * them, its reads sent with those of the other searches out at the same time (one statement
   * for them all, see createBatchedReads).
   */
  async function publicJson(input: PlaceNameSearch, version: string | undefined): Promise<Buffer> {
    const page = held && version !== undefined && (await held.live.currentAt(version)) ? fromIndex(input) : undefined;
    if (page) return held!.index.json(page, listParts);
    const { rows, hasMore } = await rowsOf<ListRow>(input, undefined, LIST_COLUMNS, batched.read);
    return Buffer.from(JSON.stringify({ items: await withDivisionNames(rows, placeNameListItemOf), hasMore }));
  }

  return {
    search,
    /** The public's list (current names, PlaceNameListItem) as the JSON bytes to send, kept until the next announcement. */
    searchJson(input: PlaceNameSearch): Promise<Buffer> {
      const key = JSON.stringify([normalizeQuery(input.q), input.category, input.division, input.page, input.pageSize]);
      return kept.get(
        key,
        (version) => publicJson(input, version),
        () => askedLately(key),
      );
    },
    /**
     * After an announcement about these names is committed: every process's held names take them
     * as they now are, then every kept answer retires (in that order: an answer computed after the
     * retirement reads names that already hold the change). A failed bump is logged.
     */
    async changed(ids: number[]) {
      // With held names, their change (numbered under CHANGES_KEY) is the kept answers' new
      // version too: one increment retires the answers and tells every process which names to reload.
      if (held) return held.live.changed(ids);
      await kept.bump().catch((err: Error) => p.logger.warn({ err: err.message }, 'place-name answers not retired'));
    },
    /** Tests and benches: the held names loaded (at once when there are none yet; PLACE_NAME_INDEX off: at once). */
    async heldNamesLoaded(): Promise<void> {
      while (held && !(await held.live.current())) await new Promise((r) => setTimeout(r, 20));
    },
    async get(id: number) {
      const row = await m.PlaceName.findByPk(id, { raw: true });
      if (!row) throw notFound('未找到该地名');
      const announcements = await m.Announcement.findAll({
        where: { place_name_id: id },
        order: [['id', 'ASC']],
        attributes: ['id', 'action', 'name', 'former_name', 'approval_body', 'approval_date', 'published_at'],
        raw: true,
      });
      return {
        ...(await placeNameView(row, names)),
        culture: await culture.ofName(id),
        announcements: announcements.map((a) => ({
          id: a.id,
          action: a.action,
          name: a.name,
          formerName: a.former_name,
          approvalBody: a.approval_body,
          approvalDate: a.approval_date,
          publishedAt: new Date(a.published_at).toISOString(),
        })),
      };
    },
  };
}
