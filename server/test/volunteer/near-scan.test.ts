import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { moveTo, organization, publishedActivity, type Staff } from './support';

/**
 * 志愿服务 · activities near a point: the search reads only the latitude bands its circle touches,
 * each over the longitudes the circle spans there, and still answers what a full scan of every
 * activity answers — all those within the distance on the sphere, nearest first — for points,
 * distances, limits and filters of every kind, activities on band edges included.
 */
describe('志愿服务 · activities near a point: the bands read answer what a full scan answers', () => {
  let s: TestServer;
  let organizer: Staff;
  let orgId: number;
  // A square of this run only (far from other stories' activities), 0.2° wide.
  const lat0 = 20 + randomInt(0, 160) / 4;
  const lng0 = 80 + randomInt(0, 100) / 2;
  const run = String(randomInt(100000, 999999));
  const TYPES = ['elderly', 'community'] as const;
  const DATES = ['2026-12-22', '2026-12-23'];
  const DIVISIONS = ['110105001', '110108002'];
  type Seeded = { id: number; title: string; lat: number; lng: number; type: string; date: string; division: string };
  const seeded: Seeded[] = [];

  before(async function () {
    this.timeout(240_000); // 70 activities created and published through the API
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    ({ organizer, orgId } = await organization(s.url, `全量对照志愿队${run}`));
    const inputs: Omit<Seeded, 'id'>[] = [];
    for (let i = 0; i < 70; i++) {
      // One in four exactly on a band's edge (a multiple of 0.01°), the rest anywhere.
      const edge = i % 4 === 0;
      inputs.push({
        title: `对照${run}-${i}`,
        lat: edge ? Number((lat0 + randomInt(0, 21) / 100).toFixed(2)) : lat0 + randomInt(0, 200_000) / 1e6,
        lng: edge ? Number((lng0 + randomInt(0, 21) / 100).toFixed(2)) : lng0 + randomInt(0, 200_000) / 1e6,
        type: TYPES[i % 2],
        date: DATES[randomInt(0, 2)],
        division: DIVISIONS[randomInt(0, 2)],
      });
    }
    for (let i = 0; i < inputs.length; i += 10)
      seeded.push(
        ...(await Promise.all(
          inputs.slice(i, i + 10).map(async (a) => ({
            ...a,
            id: await publishedActivity(s.url, organizer, orgId, a.date, {
              title: a.title,
              lat: a.lat,
              lng: a.lng,
              type: a.type,
              divisionCode: a.division,
            }),
          })),
        )),
      );
    // A draft in the middle of the square is never found.
    await request(s.url)
      .post('/api/staff/volunteer/activities')
      .set(organizer.auth)
      .send({
        orgId,
        title: `对照${run}-draft`,
        type: 'elderly',
        divisionCode: '110105001',
        description: '草稿',
        tasks: '无',
        requirements: '无',
        risks: '无',
        insurance: true,
        quota: 2,
        address: '某地',
        lat: lat0 + 0.1,
        lng: lng0 + 0.1,
        startsAt: '2026-12-22T09:00:00+08:00',
        endsAt: '2026-12-22T12:00:00+08:00',
        signupDeadline: '2026-12-21T18:00:00+08:00',
      })
      .expect(201);
  });
  after(async () => s.close());

  /** Great-circle distance in metres, written out here (the Earth as a sphere of 6,371 km). */
  function sphereM(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
    const r = Math.PI / 180;
    const h =
      Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
      Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lng - a.lng) * r) / 2) ** 2;
    return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  type Query = { lat: number; lng: number; withinKm: number; type?: string; date?: string; division?: string };
  const matches = (a: Seeded, q: Query) =>
    (!q.type || a.type === q.type) &&
    (!q.date || a.date === q.date) &&
    (!q.division || a.division.startsWith(q.division));

  /** Every activity of this run within the distance on the sphere, nearest first. */
  const fullScan = (q: Query) =>
    seeded
      .filter((a) => matches(a, q) && sphereM(q, a) <= q.withinKm * 1000)
      .sort((x, y) => sphereM(q, x) - sphereM(q, y));

  /**
   * With a limit, as the search states it: the database takes the `limit` nearest by the flat
   * measure (degrees of latitude, longitude scaled by cos(lat), a circle 2 % wider than the
   * sphere's) inside a box 111 km to the degree; of those, the ones within the distance on the
   * sphere, nearest first.
   */
  function limitedScan(q: Query, limit: number) {
    const cos = Math.cos((q.lat * Math.PI) / 180);
    const dLat = q.withinKm / 111;
    const dLng = q.withinKm / (111 * Math.max(cos, 0.01));
    const r2 = ((q.withinKm * 1.02) / 111.195) ** 2;
    const flat = (a: Seeded) => (a.lat - q.lat) * (a.lat - q.lat) + (a.lng - q.lng) * (a.lng - q.lng) * cos ** 2;
    return seeded
      .filter(
        (a) => matches(a, q) && Math.abs(a.lat - q.lat) <= dLat && Math.abs(a.lng - q.lng) <= dLng && flat(a) <= r2,
      )
      .sort((x, y) => flat(x) - flat(y) || x.id - y.id)
      .slice(0, limit)
      .filter((a) => sphereM(q, a) <= q.withinKm * 1000)
      .sort((x, y) => sphereM(q, x) - sphereM(q, y));
  }

  const mine = (items: Array<{ title: string; distanceM: number }>) =>
    items.filter((i) => i.title.startsWith(`对照${run}-`));

  it('finds every activity within the distance, nearest first, as a full scan does, for 40 searches', async function () {
    this.timeout(120_000);
    let nonEmpty = 0;
    for (let i = 0; i < 40; i++) {
      const onEdge = i % 5 === 0;
      const q: Query = {
        lat: onEdge ? Number((lat0 + randomInt(3, 18) / 100).toFixed(2)) : lat0 + randomInt(0, 200_000) / 1e6,
        lng: onEdge ? Number((lng0 + randomInt(3, 18) / 100).toFixed(2)) : lng0 + randomInt(0, 200_000) / 1e6,
        withinKm: [1, 2.5, 5, 8, 15][i % 5],
        ...(i % 3 === 0 ? { type: TYPES[randomInt(0, 2)] } : {}),
        ...(i % 4 === 1 ? { date: DATES[randomInt(0, 2)] } : {}),
        ...(i % 6 === 5 ? { division: DIVISIONS[randomInt(0, 2)].slice(0, 6) } : {}),
      };
      const body = (
        await request(s.url)
          .get('/api/volunteer/activities')
          .query({ ...q, limit: 100 })
          .expect(200)
      ).body;
      const expected = fullScan(q);
      const got = mine(body.items);
      assert.deepEqual(
        got.map((a) => a.title),
        expected.map((a) => a.title),
        `search ${JSON.stringify(q)}`,
      );
      assert.deepEqual(
        got.map((a) => a.distanceM),
        expected.map((a) => Math.round(sphereM(q, a))),
        `distances of ${JSON.stringify(q)}`,
      );
      if (expected.length) nonEmpty++;
    }
    assert.ok(nonEmpty >= 20, `most searches find activities (${nonEmpty} of 40 did)`);
  });

  it('with a small limit answers the nearest the flat measure picks, as a scan of the same arithmetic does', async function () {
    this.timeout(120_000);
    // Points on a cell's corner too (the index walks rings of cells around the point's own and
    // stops at the first ring wholly beyond the page's last), and every filter.
    for (let i = 0; i < 30; i++) {
      const onEdge = i % 5 === 0;
      const q: Query = {
        lat: onEdge ? Number((lat0 + randomInt(3, 18) / 100).toFixed(2)) : lat0 + randomInt(20_000, 180_000) / 1e6,
        lng: onEdge ? Number((lng0 + randomInt(3, 18) / 100).toFixed(2)) : lng0 + randomInt(20_000, 180_000) / 1e6,
        withinKm: [3, 6, 10][i % 3],
        ...(i % 4 === 1 ? { type: TYPES[randomInt(0, 2)] } : {}),
        ...(i % 5 === 2 ? { date: DATES[randomInt(0, 2)] } : {}),
        ...(i % 6 === 3 ? { division: DIVISIONS[randomInt(0, 2)] } : {}),
      };
      const limit = 1 + randomInt(0, 6);
      const body = (
        await request(s.url)
          .get('/api/volunteer/activities')
          .query({ ...q, limit })
          .expect(200)
      ).body;
      assert.deepEqual(
        mine(body.items).map((a) => a.title),
        limitedScan(q, limit).map((a) => a.title),
        `search ${JSON.stringify(q)} limit ${limit}: ${JSON.stringify(body.items.map((a: { title: string; distanceM: number }) => [a.title, a.distanceM]))}`,
      );
    }
  });
});
