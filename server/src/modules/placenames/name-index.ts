import type { Sequelize } from 'sequelize';
import { createLiveRows, type LiveRows } from '../../platform/cache';
import { readRows } from '../../platform/db/read-rows';
import type { Platform } from '../../platform/platform';
import type { PlaceNameRow } from './models';

/** What the public list needs of a current name, and what its prefixes are searched by. */
export type IndexedName = Pick<
  PlaceNameRow,
  'id' | 'name' | 'pinyin' | 'pinyin_key' | 'initials' | 'category' | 'division_code'
>;

/** A page of names: their slots, in order, and whether more follow. */
export interface IndexPage {
  slots: number[];
  hasMore: boolean;
}

/**
 * The JSON of what the list shows of a name besides its id, name and pinyin, in the order of
 * PlaceNameListItem: `"category":…,"categoryLabel":…,` and `"divisionCode":…,"divisionName":…`.
 */
export interface ListParts {
  category(category: string): Uint8Array;
  division(code: string): Uint8Array | Promise<Uint8Array>;
}

/** A page of the public search asked of the index: one prefix kind, filters, offset and size. */
export interface IndexQuery {
  /** A Chinese prefix of the name (or none: every name, by name). */
  name?: string;
  /** Letters: a prefix of the pinyin key, then of the initials. */
  letters?: string;
  category?: string;
  /** A prefix of the division code (divisionPrefix of the division asked for). */
  divisionPrefix?: string;
  offset: number;
  pageSize: number;
}

/**
 * A filtered search that has looked at this many names of its prefix's range without filling its
 * page gives up and the database answers it (by its own indexes): a rare category in a small
 * division over every name would otherwise walk a million entries.
 */
const MAX_EXAMINED = 5000;

/**
 * Sign of bytes a[as, ae) against b[bs, be), as memcmp then length. A loop here, not
 * Buffer#compare: keys are a few bytes, and the native call with offsets cost more (its
 * argument checks) than comparing them.
 */
function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const n = Math.min(ae - as, be - bs);
  for (let i = 0; i < n; i++) {
    const d = a[as + i] - b[bs + i];
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}

/** The fields of a record, in the order they follow its header. */
const NAME = 0;
const PINYIN = 1;
const KEY = 2;
const INITIALS = 3;
const DIVISION = 4;
const FIELDS = 5;
/** A record's header: its id (int32), its category (a byte), each field's length in bytes (uint16). */
const HEADER = 4 + 1 + 2 * FIELDS;

/**
 * The names, stored once, each a record in one arena of bytes outside the heap: its header, then
 * its five strings as UTF-8. A "slot" is a record's offset in the arena, and the orders hold
 * slots: a step of a binary search, or of a walk along an order, reads one record — one place in
 * memory, not four arrays (a million names are far larger than the processor's caches, and each
 * array read was a wait for memory). A million names are some 70 MB of bytes, not five million
 * strings for the collector to walk. A changed name takes a new record (the old one is left
 * dead; a full load starts afresh).
 */
class Slots {
  arena: Buffer;
  used = 0;
  /** The load's records by id: ids ascending and their slots (a name changed since is in `moved`). */
  ids = new Int32Array(0);
  offsets = new Uint32Array(0);
  readonly categoryNames: string[] = [];
  private readonly categoryOf = new Map<string, number>();

  constructor(arenaBytes: number) {
    this.arena = Buffer.allocUnsafeSlow(arenaBytes);
  }

  add(row: IndexedName): number {
    const fields = [row.name, row.pinyin, row.pinyin_key, row.initials, row.division_code];
    let bytes = HEADER;
    for (const f of fields) bytes += Buffer.byteLength(f);
    if (this.used + bytes > this.arena.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.arena.length * 2, this.used + bytes + 65536));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    let category = this.categoryOf.get(row.category);
    if (category === undefined) {
      category = this.categoryNames.push(row.category) - 1;
      this.categoryOf.set(row.category, category);
    }
    const slot = this.used;
    const a = this.arena;
    a.writeInt32LE(row.id, slot);
    a[slot + 4] = category;
    let at = slot + HEADER;
    for (let k = 0; k < FIELDS; k++) {
      const n = a.write(fields[k], at);
      a.writeUInt16LE(n, slot + 5 + 2 * k);
      at += n;
    }
    this.used = at;
    return slot;
  }

  category(name: string): number | undefined {
    return this.categoryOf.get(name);
  }

  id(slot: number): number {
    const a = this.arena;
    return a[slot] | (a[slot + 1] << 8) | (a[slot + 2] << 16) | (a[slot + 3] << 24);
  }
  categoryAt(slot: number): number {
    return this.arena[slot + 4];
  }
  /** Where field k of a record starts in the arena, and its length. */
  start(slot: number, k: number): number {
    const a = this.arena;
    let at = slot + HEADER;
    for (let i = 0; i < k; i++) at += a[slot + 5 + 2 * i] | (a[slot + 6 + 2 * i] << 8);
    return at;
  }
  length(slot: number, k: number): number {
    const a = this.arena;
    return a[slot + 5 + 2 * k] | (a[slot + 6 + 2 * k] << 8);
  }
  text(slot: number, k: number): string {
    const at = this.start(slot, k);
    return this.arena.toString('utf8', at, at + this.length(slot, k));
  }

  /** After a full load: the arena at its size (doubling left up to half of it unused). */
  trim() {
    const arena = Buffer.allocUnsafeSlow(this.used + (1 << 20));
    this.arena.copy(arena, 0, 0, this.used);
    this.arena = arena;
  }
}

/**
 * Slots sorted by one field's bytes, then by id: the order of the database's index on that field
 * and the id (the columns are compared by their bytes there too, migration
 * 202701200100-placename-binary-keys), so a page from here is the page the database gives.
 */
class Order {
  constructor(
    private readonly slots: Slots,
    private readonly field: number,
    public entries: Uint32Array,
    public count: number,
  ) {}

  /** Sign of (field of slot, its id) against (bytes, id); id -1 compares before every id. */
  private compare(slot: number, bytes: Buffer, id: number): number {
    const at = this.slots.start(slot, this.field);
    const c = compareBytes(this.slots.arena, at, at + this.slots.length(slot, this.field), bytes, 0, bytes.length);
    return c !== 0 ? c : this.slots.id(slot) - id;
  }

  /** The first position whose entry is not before (bytes, id). */
  lowerBound(bytes: Buffer, id = -1): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.entries[mid], bytes, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether the field of the slot starts with these bytes. */
  startsWith(slot: number, bytes: Buffer): boolean {
    const n = this.slots.length(slot, this.field);
    if (n < bytes.length) return false;
    const at = this.slots.start(slot, this.field);
    return compareBytes(this.slots.arena, at, at + bytes.length, bytes, 0, bytes.length) === 0;
  }

  insert(slot: number) {
    const at = this.lowerBound(this.keyOf(slot), this.slots.id(slot));
    if (this.count === this.entries.length) {
      const bigger = new Uint32Array(this.entries.length * 2 + 1024);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    this.entries.copyWithin(at + 1, at, this.count);
    this.entries[at] = slot;
    this.count++;
  }

  remove(slot: number) {
    // Found where its bytes sort; anywhere else only if the order was taken while it changed.
    let at = this.lowerBound(this.keyOf(slot), this.slots.id(slot));
    if (this.entries[at] !== slot || at >= this.count) at = this.entries.subarray(0, this.count).indexOf(slot);
    if (at < 0) return;
    this.entries.copyWithin(at, at + 1, this.count);
    this.count--;
  }

  private keyOf(slot: number): Buffer {
    const at = this.slots.start(slot, this.field);
    return this.slots.arena.subarray(at, at + this.slots.length(slot, this.field));
  }
}

/** Everything a full load gives: the slots and the three orders. */
export interface NameIndexData {
  slots: Slots;
  byName: Order;
  byKey: Order;
  byInitials: Order;
  /** id → slot for ids whose slot is not the one of the load (changed or new since); -1: gone. */
  moved: Map<number, number>;
}

/**
 * The current place names of the register, held in this process for the public's prefix search:
 * a page is a binary search and a short walk in one of three orders, no database round trip, for
 * a prefix asked for the first time too. Kept current by every process's announcements
 * (createLiveRows); until the first load is done, or when a page would need a long filtered walk,
 * `page` answers undefined and the database answers instead.
 */
export function createNameIndex() {
  let data: NameIndexData | undefined;

  function slotOf(d: NameIndexData, id: number): number {
    const moved = d.moved.get(id);
    if (moved !== undefined) return moved;
    const at = indexOfId(d.slots.ids, id);
    return at < 0 ? -1 : d.slots.offsets[at];
  }

  /**
   * The first `want` names of one order's range starting with `prefix` (or all) that pass `keep`
   * (the page's offset is sliced off by the caller); undefined when, `filtered`, more than
   * MAX_EXAMINED names failed `keep` first.
   */
  function walk(
    d: NameIndexData,
    order: Order,
    prefix: Buffer | undefined,
    keep: (slot: number) => boolean,
    filtered: boolean,
    want: number,
  ): number[] | undefined {
    const out: number[] = [];
    let examined = 0;
    for (let i = prefix ? order.lowerBound(prefix) : 0; i < order.count && out.length < want; i++) {
      const slot = order.entries[i];
      if (prefix && !order.startsWith(slot, prefix)) break;
      if (keep(slot)) out.push(slot);
      else if (filtered && ++examined > MAX_EXAMINED) return undefined;
    }
    return out;
  }

  return {
    get loaded() {
      return data !== undefined;
    },

    reset(next: NameIndexData) {
      data = next;
    },

    /** One name as it now is (undefined: no longer current). */
    put(id: number, row: IndexedName | undefined) {
      const d = data;
      if (!d) return;
      const old = slotOf(d, id);
      if (old >= 0) for (const order of [d.byName, d.byKey, d.byInitials]) order.remove(old);
      if (!row) {
        d.moved.set(id, -1);
        return;
      }
      const slot = d.slots.add(row);
      d.moved.set(id, slot);
      for (const order of [d.byName, d.byKey, d.byInitials]) order.insert(slot);
    },

    /**
     * A page as the database would give it (see search.ts rowsOf): a Chinese prefix (or none) by
     * name then id; letters by pinyin key then id, then the names whose initials start with them
     * (by initials then id) that the first range did not hold. Undefined: ask the database.
     */
    page(q: IndexQuery): IndexPage | undefined {
      const d = data;
      if (!d) return undefined;
      let category = -1;
      if (q.category !== undefined) {
        const known = d.slots.category(q.category);
        if (known === undefined) return { slots: [], hasMore: false };
        category = known;
      }
      const division = q.divisionPrefix ? Buffer.from(q.divisionPrefix) : undefined;
      const filtered = category >= 0 || division !== undefined;
      const inDivision = (slot: number) => {
        if (!division) return true;
        const n = d.slots.length(slot, DIVISION);
        const at = d.slots.start(slot, DIVISION);
        return (
          n >= division.length &&
          compareBytes(d.slots.arena, at, at + division.length, division, 0, division.length) === 0
        );
      };
      const passes = (slot: number) => (category < 0 || d.slots.categoryAt(slot) === category) && inDivision(slot);
      const want = q.offset + q.pageSize + 1;
      let slots: number[] | undefined;
      if (q.letters !== undefined) {
        const key = Buffer.from(q.letters);
        slots = walk(d, d.byKey, key, passes, filtered, want);
        if (slots && slots.length < want) {
          const byInitials = walk(
            d,
            d.byInitials,
            key,
            (slot) => !d.byKey.startsWith(slot, key) && passes(slot),
            true,
            want - slots.length,
          );
          slots = byInitials && slots.concat(byInitials);
        }
      } else {
        slots = walk(d, d.byName, q.name ? Buffer.from(q.name) : undefined, passes, filtered, want);
      }
      if (!slots) return undefined;
      const page = slots.slice(q.offset);
      const hasMore = page.length > q.pageSize;
      return { slots: page.slice(0, q.pageSize), hasMore };
    },

    /**
     * The page as the JSON bytes of `{ items: PlaceNameListItem[], hasMore }` — the bytes
     * JSON.stringify gives for the same items — written straight from the arena: no string and
     * no object per name.
     */
    async json(page: IndexPage, parts: ListParts): Promise<Buffer> {
      const d = data!;
      const out = new JsonOut();
      out.ascii('{"items":[');
      for (let i = 0; i < page.slots.length; i++) {
        const slot = page.slots[i];
        let division = parts.division(d.slots.text(slot, DIVISION));
        if (division instanceof Promise) division = await division;
        out.ascii(i ? ',{"id":' : '{"id":');
        out.ascii(String(d.slots.id(slot)));
        out.ascii(',"name":"');
        out.string(d.slots, slot, NAME);
        out.ascii('","pinyin":"');
        out.string(d.slots, slot, PINYIN);
        out.ascii('",');
        out.bytes(parts.category(d.slots.categoryNames[d.slots.categoryAt(slot)]));
        out.bytes(division);
      }
      out.ascii(page.hasMore ? '],"hasMore":true}' : '],"hasMore":false}');
      return out.done();
    },
  };
}

export type NameIndex = ReturnType<typeof createNameIndex>;

/** A page's JSON being written: one scratch buffer, grown when needed, copied out at the end. */
class JsonOut {
  private static scratch = Buffer.allocUnsafeSlow(1 << 16);
  private buf = JsonOut.scratch;
  private at = 0;

  private room(n: number) {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = JsonOut.scratch = bigger;
  }

  ascii(text: string) {
    this.room(text.length);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
  }

  bytes(b: Uint8Array) {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** A field's bytes inside a JSON string: as they are, or escaped as JSON.stringify does when one needs it. */
  string(slots: Slots, slot: number, field: number) {
    const from = slots.start(slot, field);
    const to = from + slots.length(slot, field);
    const a = slots.arena;
    for (let i = from; i < to; i++) {
      const b = a[i];
      if (b < 0x20 || b === 0x22 || b === 0x5c) {
        this.bytes(Buffer.from(JSON.stringify(slots.text(slot, field)).slice(1, -1)));
        return;
      }
    }
    this.room(to - from);
    const buf = this.buf;
    let at = this.at;
    for (let i = from; i < to; i++) buf[at++] = a[i];
    this.at = at;
  }

  /** The bytes written, in a buffer of their own (kept answers keep it). */
  done(): Buffer {
    const out = Buffer.allocUnsafe(this.at);
    this.buf.copy(out, 0, 0, this.at);
    return out;
  }
}

/** Where an id is in ascending ids (binary search); -1: not there. */
function indexOfId(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo] === id ? lo : -1;
}

const BATCH = 20_000;
const COLUMNS = 'id, name, pinyin, pinyin_key, initials, category, division_code';

/**
 * Every current name, read in batches by id (the event loop serves requests between them), then
 * each order as the database's index gives it (ids only, from the covering indexes).
 */
export async function loadNameIndex(db: Sequelize): Promise<NameIndexData> {
  const slots = new Slots(1 << 20);
  let ids = new Int32Array(1024);
  let offsets = new Uint32Array(1024);
  let count = 0;
  for (let after = 0; ; ) {
    const rows = await readRows<IndexedName>(
      db,
      `SELECT ${COLUMNS} FROM place_names WHERE status = 'current' AND id > ? ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (count + rows.length > ids.length) {
      const size = Math.max(ids.length * 2, count + rows.length);
      const moreIds = new Int32Array(size);
      moreIds.set(ids);
      ids = moreIds;
      const moreOffsets = new Uint32Array(size);
      moreOffsets.set(offsets);
      offsets = moreOffsets;
    }
    for (const row of rows) {
      ids[count] = row.id;
      offsets[count++] = slots.add(row);
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].id;
  }
  slots.trim();
  slots.ids = ids.slice(0, count);
  slots.offsets = offsets.slice(0, count);
  // A name that changed between the reads above and below is put right by its announcement,
  // applied after this load (the change number was read before it started).
  // Each order in batches too (ids and the column, from the column's covering index): a
  // batch's rows die young, where a million at once would be old garbage for a major collection.
  const order = async (field: number, column: string) => {
    const entries = new Uint32Array(count);
    let n = 0;
    for (let last: { key: string; id: number } | undefined; ; ) {
      const rows = await readRows<{ id: number; k: string }>(
        db,
        `SELECT id, ${column} AS k FROM place_names WHERE status = 'current'${
          last ? ` AND ${column} >= ? AND (${column} > ? OR id > ?)` : ''
        } ORDER BY ${column}, id LIMIT ${BATCH}`,
        last ? [last.key, last.key, last.id] : [],
      );
      for (const { id } of rows) {
        const at = indexOfId(slots.ids, id);
        if (at >= 0 && n < count) entries[n++] = slots.offsets[at];
      }
      if (rows.length < BATCH) break;
      const end = rows[rows.length - 1];
      last = { key: end.k, id: end.id };
    }
    return new Order(slots, field, entries, n);
  };
  const byName = await order(NAME, 'name');
  const byKey = await order(KEY, 'pinyin_key');
  const byInitials = await order(INITIALS, 'initials');
  return { slots, byName, byKey, byInitials, moved: new Map() };
}

/** The name index of this process, kept current through the shared cache (platform/cache/live-rows). */
export function liveNameIndex(
  p: Pick<Platform, 'cache' | 'db' | 'logger'>,
  changesKey: string,
): { live: LiveRows; index: NameIndex } {
  const index = createNameIndex();
  const live = createLiveRows<IndexedName, NameIndexData>(
    p.cache,
    changesKey,
    {
      loadAll: () => loadNameIndex(p.db),
      loadIds: (ids) =>
        readRows<IndexedName>(p.db, `SELECT ${COLUMNS} FROM place_names WHERE status = 'current' AND id IN (:ids)`, {
          ids,
        }),
      reset: index.reset,
      put: index.put,
      idOf: (row) => row.id,
    },
    (err, ids) =>
      p.logger.warn(
        { err: err instanceof Error ? err.message : String(err), ids },
        ids.length ? 'place names: changes not announced yet (retrying)' : 'place names: index not loaded',
      ),
    { loadInBackground: true },
  );
  return { live, index };
}
