import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
  createActivityIndex,
  type ItemText,
  type NearFilters,
  type SpotRow,
} from '../../src/modules/volunteer/activity-index';
import { boundingBox, circleRows, latRow } from '../../src/platform/geo';

/**
 * 志愿服务 · the open activities a process holds for the search near a point are columns (typed
 * arrays, the items' JSON bytes in slabs), not an object per activity: after thousands of
 * activities published, edited, cancelled and published again — their places in the columns
 * reused, their items written again and the slabs compacted — the index answers every search as
 * one built afresh from the same activities does, each item's bytes as written, and holds about
 * as many slabs.
 */
describe('志愿服务 · the index of open activities, held as columns, through thousands of changes', () => {
  const lat0 = 30 + randomInt(0, 100) / 10;
  const lng0 = 110 + randomInt(0, 100) / 10;
  const TYPES = ['elderly', 'community', 'environment'];
  const DIVISIONS = ['110105001', '110105002', '110108001'];
  const day = Date.UTC(2026, 11, 22, 1);
  // Small slabs and a low compaction threshold, so a few thousand changes fill and compact them.
  const sizes = { slab: 4096, compactMin: 8192 };

  /** An item's text as activities.ts cuts it, of varying length (a few longer than a quarter slab). */
  const itemOf = (id: number, version: number): ItemText => {
    const words = '陪伴老人聊天读报'.repeat(randomInt(1, id % 50 === 0 ? 400 : 40));
    const head = `{"id":${id},"title":"活动${id}-${version}","description":"${words}","placesLeft":`;
    const bytes = Buffer.from(`${head},"lat":0,"version":${version}`);
    return { bytes, cut: Buffer.byteLength(head), quota: randomInt(1, 30) };
  };
  const rowOf = (id: number, version: number): SpotRow => {
    const lat = lat0 + randomInt(0, 100_000) / 1e6;
    return {
      id,
      lat,
      lng: lng0 + randomInt(0, 100_000) / 1e6,
      lat_band: randomInt(0, 40) === 0 ? null : latRow(lat),
      status: randomInt(0, 10) === 0 ? 'draft' : randomInt(0, 2) ? 'published' : 'in_progress',
      division_code: DIVISIONS[randomInt(0, DIVISIONS.length)],
      type: TYPES[randomInt(0, TYPES.length)],
      startsMs: day + randomInt(0, 3) * 86_400_000,
      endsMs: day + randomInt(3, 6) * 86_400_000,
      // One in twenty without an item (an activity whose organization was not found).
      item: randomInt(0, 20) === 0 ? undefined : itemOf(id, version),
    };
  };

  /** A search as activities.ts sends it (the box, the flat circle and its bands' spans). */
  function filters(q: { lat: number; lng: number; km: number; type?: string; division?: string; day?: number }) {
    const FLAT_R = (km: number) => (km * 1.02) / 111.195;
    const box = boundingBox(q.lat, q.lng, q.km * 1000, 111_000);
    const cos = Math.cos((q.lat * Math.PI) / 180);
    const K = 1 / FLAT_R(1 / 1000);
    const spans = circleRows(q.lat, q.lng, q.km * 1000, K, K * cos)
      .filter((s) => s.row >= latRow(box.minLat) && s.row <= latRow(box.maxLat))
      .map((s) => ({ band: s.row, lo: Math.max(s.minLng, box.minLng), hi: Math.min(s.maxLng, box.maxLng) }));
    const f: NearFilters = {
      ...box,
      now: day + 86_400_000 * 3.5,
      lat: q.lat,
      lng: q.lng,
      k2: cos ** 2,
      r2: FLAT_R(q.km) ** 2,
      spans,
      limit: [5, 20, 50][randomInt(0, 3)],
      type: q.type,
      division: q.division,
      dayStart: q.day,
      dayEnd: q.day === undefined ? undefined : q.day + 86_400_000,
    };
    return f;
  }
  const randomSearch = () =>
    filters({
      lat: lat0 + randomInt(0, 100_000) / 1e6,
      lng: lng0 + randomInt(0, 100_000) / 1e6,
      km: [1, 2, 5][randomInt(0, 3)],
      ...(randomInt(0, 3) === 0 ? { type: TYPES[randomInt(0, TYPES.length)] } : {}),
      ...(randomInt(0, 4) === 0 ? { division: DIVISIONS[randomInt(0, DIVISIONS.length)].slice(0, 6) } : {}),
      ...(randomInt(0, 4) === 0 ? { day: day - 3600_000 + randomInt(0, 4) * 86_400_000 } : {}),
    });

  /** An item's text before and after its places left. */
  const textOf = (item: ItemText) => ({
    head: item.bytes.subarray(0, item.cut).toString(),
    tail: item.bytes.subarray(item.cut).toString(),
    quota: item.quota,
  });
  /** The items of these ids as the index hands them out: their text read back from the bytes. */
  const textsOf = (index: ReturnType<typeof createActivityIndex>, ids: number[]) =>
    Array.from(index.kept(ids).rows, (v) =>
      v
        ? {
            head: v.bytes.subarray(v.at, v.cut).toString(),
            tail: v.bytes.subarray(v.cut, v.end).toString(),
            quota: v.quota,
            lat: v.lat,
            lng: v.lng,
          }
        : undefined,
    );

  it('answers as an index built afresh, items byte for byte, its slabs compacted', () => {
    const truth = new Map<number, SpotRow>();
    for (let id = 1; id <= 400; id++) truth.set(id, rowOf(id, 0));
    const index = createActivityIndex(sizes);
    index.reset([...truth.values()]);
    let nextId = 401;
    let compared = 0;
    for (let change = 1; change <= 4000; change++) {
      // Published, edited (moved, retyped, its item written again), cancelled or finished.
      const id = randomInt(0, 10) === 0 ? nextId++ : randomInt(1, nextId);
      const row = randomInt(0, 4) === 0 ? undefined : rowOf(id, change);
      if (row) truth.set(id, row);
      else truth.delete(id);
      index.put(id, row);
      if (change % 500) continue;
      const fresh = createActivityIndex(sizes);
      fresh.reset([...truth.values()]);
      for (let i = 0; i < 25; i++) {
        const f = randomSearch();
        const page = index.near(f);
        assert.deepEqual(page, fresh.near(f), `search ${i} after ${change} changes`);
        const expected = page.ids.map((id) => {
          const r = truth.get(id)!;
          return r.item && { ...textOf(r.item), lat: r.lat, lng: r.lng };
        });
        assert.deepEqual(textsOf(index, page.ids), expected, `items of search ${i} after ${change} changes`);
        if (page.ids.length) compared++;
      }
      // Compacted: about the slabs of the same items written once (dropped items' bytes are not kept).
      const held = index.size();
      assert.equal(held.activities, fresh.size().activities);
      assert.ok(
        held.slabs <= 2 * fresh.size().slabs + 4,
        `${held.slabs} slabs held for ${fresh.size().slabs} written afresh (${held.deadBytes} bytes of dropped items)`,
      );
    }
    assert.ok(compared >= 100, `most searches found activities (${compared} of 200)`);
  });

  it('holds an item read later only if no change came in between', () => {
    const rows = [1, 2, 3].map((id) => ({ ...rowOf(id, 0), status: 'published', lat_band: 1, item: undefined }));
    const index = createActivityIndex(sizes);
    index.reset(rows);
    const before = index.kept([1, 2, 3]);
    assert.deepEqual(before.missing, [1, 2, 3]);
    index.put(3, { ...rows[2], item: itemOf(3, 1) });
    // Read before the change to 3: not held.
    index.keep(before.generation, new Map([[1, itemOf(1, 1)]]));
    assert.deepEqual(index.kept([1, 2, 3]).missing, [1, 2]);
    const now = index.kept([1, 2]);
    const item = itemOf(1, 2);
    index.keep(now.generation, new Map([[1, item]]));
    assert.deepEqual(index.kept([1, 2]).missing, [2]);
    assert.deepEqual(textsOf(index, [1])[0], { ...textOf(item), lat: rows[0].lat, lng: rows[0].lng });
  });

  it('lays out the items of a page together: a load puts neighbouring cells next to each other', () => {
    // 20,000 activities over ~0.5° (a city), published in no order of place, as ids come.
    const rows: SpotRow[] = [];
    for (let id = 1; id <= 20_000; id++) {
      const lat = lat0 + randomInt(0, 500_000) / 1e6;
      const item = itemOf(id, 0);
      rows.push({
        ...rowOf(id, 0),
        lat,
        lng: lng0 + randomInt(0, 500_000) / 1e6,
        lat_band: latRow(lat),
        status: 'published',
        item,
      });
    }
    const index = createActivityIndex();
    index.reset(rows);
    // The runs of memory a page of 50 near a point is read from (items one right after the other in one slab: one run).
    let runs = 0;
    let pages = 0;
    for (let i = 0; i < 40; i++) {
      const f = {
        ...filters({
          lat: lat0 + 0.1 + randomInt(0, 300_000) / 1e6,
          lng: lng0 + 0.1 + randomInt(0, 300_000) / 1e6,
          km: 5,
        }),
        limit: 50,
        now: 0,
      };
      const held = index.kept(index.near(f).ids).rows.filter((v) => v !== undefined);
      assert.equal(held.length, 50);
      const slabOf = new Map<Buffer, number>();
      for (const v of held) if (!slabOf.has(v.bytes)) slabOf.set(v.bytes, slabOf.size);
      held.sort((a, b) => slabOf.get(a.bytes)! - slabOf.get(b.bytes)! || a.at - b.at);
      for (let k = 0; k < held.length; k++)
        if (!k || held[k].bytes !== held[k - 1].bytes || held[k].at !== held[k - 1].end) runs++;
      pages++;
    }
    // In cell order a page spans a handful of bands, a few runs each (~13 runs). In id order: ~50.
    assert.ok(runs / pages <= 25, `a page's 50 items lie in ${(runs / pages).toFixed(1)} runs of memory`);
  });
});
