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

/** Field k of a slot in `lengths`: the bytes of each, one after the other in the arena. */
const NAME = 0;
const PINYIN = 1;
const KEY = 2;
const INITIALS = 3;
const DIVISION = 4;
const FIELDS = 5;

/**
 * The names, stored once. Each name is a slot: its id, its category (as a small number) and its
 * five strings as UTF-8 bytes in one arena outside the heap — a million names are some 60 MB of
 * bytes and a few typed arrays, not five million strings for the collector to walk. A changed name
 * takes a new slot (the old one is left dead; a full load starts afresh).
 */
class Slots {
  count = 0;
  ids: Int32Array;
  starts: Uint32Array;
  lengths: Uint16Array;
  categories: Uint8Array;
  arena: Buffer;
  used = 0;
  readonly categoryNames: string[] = [];
  private readonly categoryOf = new Map<string, number>();

  constructor(capacity: number, arenaBytes: number) {
    this.ids = new Int32Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.lengths = new Uint16Array(capacity * FIELDS);
    this.categories = new Uint8Array(capacity);
    this.arena = Buffer.allocUnsafeSlow(arenaBytes);
  }

  add(row: IndexedName): number {
    if (this.count === this.ids.length) this.grow(this.count * 2 + 1024);
    const slot = this.count++;
    const fields = [row.name, row.pinyin, row.pinyin_key, row.initials, row.division_code];
    let bytes = 0;
    for (const f of fields) bytes += Buffer.byteLength(f);
    if (this.used + bytes > this.arena.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.arena.length * 2, this.used + bytes + 65536));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    this.ids[slot] = row.id;
    this.starts[slot] = this.used;
    for (let k = 0; k < FIELDS; k++) {
      const n = this.arena.write(fields[k], this.used);
      this.lengths[slot * FIELDS + k] = n;
      this.used += n;
    }
    let category = this.categoryOf.get(row.category);
    if (category === undefined) {
      category = this.categoryNames.push(row.category) - 1;
      this.categoryOf.set(row.category, category);
    }
    this.categories[slot] = category;
    return slot;
  }

  category(name: string): number | undefined {
    return this.categoryOf.get(name);
  }

  /** Where field k of a slot starts in the arena, and its length. */
  start(slot: number, k: number): number {
    let at = this.starts[slot];
    for (let i = 0; i < k; i++) at += this.lengths[slot * FIELDS + i];
    return at;
  }
  length(slot: number, k: number): number {
    return this.lengths[slot * FIELDS + k];
  }
  text(slot: number, k: number): string {
    const at = this.start(slot, k);
    return this.arena.toString('utf8', at, at + this.length(slot, k));
  }

  /** After a full load: the arrays and the arena at their size (doubling left up to half of them unused). */
  trim() {
    this.grow(this.count + 1024);
    const arena = Buffer.allocUnsafeSlow(this.used + (1 << 20));
    this.arena.copy(arena, 0, 0, this.used);
    this.arena = arena;
  }

  private grow(capacity: number) {
    const ids = new Int32Array(capacity);
    ids.set(this.ids.subarray(0, this.count));
    const starts = new Uint32Array(capacity);
    starts.set(this.starts.subarray(0, this.count));
    const lengths = new Uint16Array(capacity * FIELDS);
    lengths.set(this.lengths.subarray(0, this.count * FIELDS));
    const categories = new Uint8Array(capacity);
    categories.set(this.categories.subarray(0, this.count));
    Object.assign(this, { ids, starts, lengths, categories });
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
    public entries: Int32Array,
    public count: number,
  ) {}

  /** Sign of (field of slot, its id) against (bytes, id); id -1 compares before every id. */
  private compare(slot: number, bytes: Buffer, id: number): number {
    const at = this.slots.start(slot, this.field);
    const c = compareBytes(this.slots.arena, at, at + this.slots.length(slot, this.field), bytes, 0, bytes.length);
    return c !== 0 ? c : this.slots.ids[slot] - id;
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
    const at = this.lowerBound(this.keyOf(slot), this.slots.ids[slot]);
    if (this.count === this.entries.length) {
      const bigger = new Int32Array(this.entries.length * 2 + 1024);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    this.entries.copyWithin(at + 1, at, this.count);
    this.entries[at] = slot;
    this.count++;
  }

  remove(slot: number) {
    // Found where its bytes sort; anywhere else only if the order was taken while it changed.
    let at = this.lowerBound(this.keyOf(slot), this.slots.ids[slot]);
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
    // The load's slots are in id order.
    let lo = 0;
    let hi = d.slots.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d.slots.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < d.slots.count && d.slots.ids[lo] === id ? lo : -1;
  }

  /**
   * The names of one order's range starting with `prefix` (or all) that pass `keep`, skipping
   * `skip` of them, at most `want`; undefined when MAX_EXAMINED were looked at first.
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
      const passes = (slot: number) => (category < 0 || d.slots.categories[slot] === category) && inDivision(slot);
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
        out.ascii(String(d.slots.ids[slot]));
        out.ascii(',"name":"');
        out.string(d.slots, slot, NAME);
        out.ascii('","pinyin":"');
        out.string(d.slots, slot, PINYIN);
        out.ascii('",');
        out.bytes(parts.category(d.slots.categoryNames[d.slots.categories[slot]]));
        out.bytes(division);
      }
      out.ascii(page.hasMore ? '],"hasMore":true}' : '],"hasMore":false}');
      return out.done();
    },
  };
}

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
    for (let i = 0; i < text.length; i++) this.buf[this.at++] = text.charCodeAt(i);
  }

  bytes(b: Uint8Array) {
    this.room(b.length);
    for (let i = 0; i < b.length; i++) this.buf[this.at++] = b[i];
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
    for (let i = from; i < to; i++) this.buf[this.at++] = a[i];
  }

  /** The bytes written, in a buffer of their own (kept answers keep it). */
  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.at));
  }
}
export type NameIndex = ReturnType<typeof createNameIndex>;

const BATCH = 20_000;
const COLUMNS = 'id, name, pinyin, pinyin_key, initials, category, division_code';

/**
 * Every current name, read in batches by id (the event loop serves requests between them), then
 * each order as the database's index gives it (ids only, from the covering indexes).
 */
export async function loadNameIndex(db: Sequelize): Promise<NameIndexData> {
  const slots = new Slots(1024, 1 << 20);
  for (let after = 0; ; ) {
    const rows = await readRows<IndexedName>(
      db,
      `SELECT ${COLUMNS} FROM place_names WHERE status = 'current' AND id > ? ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    for (const row of rows) slots.add(row);
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].id;
  }
  // A name that changed between the reads above and below is put right by its announcement,
  // applied after this load (the change number was read before it started).
  const order = async (field: number, column: string) => {
    const rows = await readRows<{ id: number }>(
      db,
      `SELECT id FROM place_names WHERE status = 'current' ORDER BY ${column}, id`,
      [],
    );
    const entries = new Int32Array(rows.length);
    let n = 0;
    for (const { id } of rows) {
      // The load's slots are in id order.
      let lo = 0;
      let hi = slots.count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (slots.ids[mid] < id) lo = mid + 1;
        else hi = mid;
      }
      if (lo < slots.count && slots.ids[lo] === id) entries[n++] = lo;
    }
    return new Order(slots, field, entries, n);
  };
  const byName = await order(NAME, 'name');
  const byKey = await order(KEY, 'pinyin_key');
  const byInitials = await order(INITIALS, 'initials');
  slots.trim();
  return { slots, byName, byKey, byInitials, moved: new Map() };
}

/** The name index of this process, kept current through the shared cache (platform/cache/live-rows). */
export function liveNameIndex(p: Pick<Platform, 'cache' | 'db' | 'logger'>): { live: LiveRows; index: NameIndex } {
  const index = createNameIndex();
  const live = createLiveRows<IndexedName, NameIndexData>(
    p.cache,
    'placenames:index:changes',
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
