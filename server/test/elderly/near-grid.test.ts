import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { cellRanges, gridCell, type PlaceInput } from '../../src/modules/elderly';

/**
 * 养老服务 · near me: the search reads only the grid cells its circle touches (grid.ts) and still
 * answers exactly what a full scan of every place answers — the same places, the same order,
 * the same total — for points, radii and filters of every kind, places on cell edges included.
 */
describe('养老服务 · near me: the grid cells answer what a full scan answers', () => {
  let s: TestServer;
  // A square of this run only (far from other stories' places), 0.3° wide.
  const lat0 = 46 + randomInt(0, 400) / 100;
  const lng0 = 126 + randomInt(0, 400) / 100;
  const run = String(randomInt(100000, 999999));
  const seeded: Array<PlaceInput & { id: number; priceFromCents: number }> = [];
  const LEVELS = ['intact', 'mild', 'moderate', 'severe', 'total'] as const;
  const KINDS = ['institution', 'station', 'meal_point'] as const;

  before(async function () {
    this.timeout(180_000); // 120 places, a transaction each, on a busy machine
    s = await startServer();
    const api = s.app.modules.elderly;
    const inputs: PlaceInput[] = [];
    for (let i = 0; i < 120; i++) {
      // One in four exactly on a cell's edge (a multiple of 0.01°), the rest anywhere.
      const edge = i % 4 === 0;
      const lat = edge ? Number((lat0 + randomInt(0, 31) / 100).toFixed(2)) : lat0 + randomInt(0, 300_000) / 1e6;
      const lng = edge ? Number((lng0 + randomInt(0, 31) / 100).toFixed(2)) : lng0 + randomInt(0, 300_000) / 1e6;
      const kind = KINDS[i % 3];
      const priceCents = 100_000 + randomInt(0, 40) * 10_000;
      const input: PlaceInput = {
        kind,
        name: `网格测试${run}-${i}`,
        divisionCode: `2301${String(randomInt(10, 99))}001`,
        address: '黑龙江省',
        lat,
        lng,
        phone: '0451-00000000',
        hours: '08:00-18:00',
        beds: 50,
        vacancies: randomInt(0, 3) === 0 ? 0 : randomInt(1, 50),
        careLevels: LEVELS.filter(() => randomInt(0, 2) === 0),
        stars: randomInt(0, 6),
        intro: '',
        fees: [{ item: '床位费', unit: '元/月', priceCents }],
      };
      if (!input.careLevels.length) input.careLevels = ['intact'];
      inputs.push(input);
    }
    for (let i = 0; i < inputs.length; i += 20)
      seeded.push(
        ...(await Promise.all(
          inputs.slice(i, i + 20).map(async (input) => ({
            ...input,
            id: await api.registerPlace(input),
            priceFromCents: input.fees[0].priceCents,
          })),
        )),
      );
  });
  after(async () => s.close());

  /** What the search meant before the grid: every place, the same arithmetic, in JavaScript. */
  function fullScan(q: {
    lat: number;
    lng: number;
    radiusKm: number;
    kind?: string;
    maxPriceCents?: number;
    hasVacancy?: boolean;
    careLevel?: string;
  }) {
    const k = 111_320;
    const r = q.radiusKm * 1000;
    const num = (n: number) => Number(n.toFixed(9));
    const kLng = num(k * Math.max(Math.cos((q.lat * Math.PI) / 180), 0.01));
    const d2 = (p: { lat: number; lng: number }) =>
      ((p.lat - num(q.lat)) * k) ** 2 + ((p.lng - num(q.lng)) * kLng) ** 2;
    return seeded
      .filter(
        (p) =>
          d2(p) <= r * r &&
          (!q.kind || p.kind === q.kind) &&
          (q.maxPriceCents === undefined || p.priceFromCents <= q.maxPriceCents) &&
          (!q.hasVacancy || p.vacancies > 0) &&
          (!q.careLevel || p.careLevels.includes(q.careLevel as never)),
      )
      .sort((a, b) => d2(a) - d2(b) || a.id - b.id)
      .map((p) => p.id);
  }

  it('gives the same places in the same order as a full scan, for 40 searches', async () => {
    let nonEmpty = 0;
    for (let i = 0; i < 40; i++) {
      const onEdge = i % 5 === 0;
      const q = {
        lat: onEdge ? Number((lat0 + randomInt(5, 26) / 100).toFixed(2)) : lat0 + randomInt(0, 300_000) / 1e6,
        lng: onEdge ? Number((lng0 + randomInt(5, 26) / 100).toFixed(2)) : lng0 + randomInt(0, 300_000) / 1e6,
        radiusKm: [1, 2.5, 5, 8, 15][i % 5],
        ...(i % 3 === 0 ? { kind: KINDS[randomInt(0, 3)] } : {}),
        ...(i % 4 === 1 ? { maxPriceCents: 100_000 + randomInt(0, 40) * 10_000 } : {}),
        ...(i % 2 === 0 ? { hasVacancy: true } : {}),
        ...(i % 6 === 5 ? { careLevel: LEVELS[randomInt(0, 5)] } : {}),
      };
      const body = (
        await request(s.url)
          .get('/api/elderly/places')
          .query({ ...q, pageSize: 100 })
          .expect(200)
      ).body;
      const expected = fullScan(q);
      assert.deepEqual(
        body.items.map((p: { id: number }) => p.id),
        expected.slice(0, 100),
        `search ${JSON.stringify(q)}`,
      );
      assert.equal(body.total, expected.length, `total of ${JSON.stringify(q)}`);
      if (expected.length) nonEmpty++;
    }
    assert.ok(nonEmpty >= 20, `most searches find places (${nonEmpty} of 40 did)`);
  });

  it('covers every point of a circle with the cells it reads, and no more than a ring of cells around it', () => {
    for (let i = 0; i < 200; i++) {
      const lat = -60 + randomInt(0, 12_000_000) / 1e5;
      const lng = -170 + randomInt(0, 34_000_000) / 1e5;
      const radius = randomInt(100, 50_000);
      const kLng = 111_320 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
      const ranges = cellRanges(lat, lng, radius, 111_320, kLng);
      for (let j = 0; j < 50; j++) {
        const a = (randomInt(0, 3600) * Math.PI) / 1800;
        const d = radius * Math.sqrt(randomInt(0, 1_000_001) / 1e6);
        const p = { lat: lat + (d * Math.sin(a)) / 111_320, lng: lng + (d * Math.cos(a)) / kLng };
        const cell = gridCell(p.lat, p.lng);
        assert.ok(
          ranges.some(([from, to]) => cell >= from && cell <= to),
          `(${p.lat}, ${p.lng}) within ${radius} m of (${lat}, ${lng})`,
        );
      }
      const cells = ranges.reduce((n, [from, to]) => n + to - from + 1, 0);
      const rows = radius / 111_320 / 0.01;
      const cols = radius / kLng / 0.01;
      assert.ok(cells <= (2 * rows + 3) * (2 * cols + 3), `${cells} cells for ${radius} m`);
    }
  });
});
