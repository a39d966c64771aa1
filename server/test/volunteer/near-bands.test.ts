import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { moveTo, organization, publishedActivity, type Staff } from './support';

/**
 * A volunteer searching near a point finds exactly the activities within the distance, whichever
 * 0.01° latitude band (the index range the search reads) they lie in: points are placed across
 * band edges north and south, east and west, just inside and just outside 5 km.
 */
describe('志愿服务 · activities near a point across latitude bands', () => {
  let s: TestServer;
  let organizer: Staff;
  let orgId: number;
  // A centre just north of a band edge (39.9000): the circle spans bands on both sides.
  const centre = { lat: 39.90004, lng: 116.39 };
  const mPerDegLat = 111_195;
  const mPerDegLng = mPerDegLat * Math.cos((centre.lat * Math.PI) / 180);
  const at = (northM: number, eastM: number) => ({
    lat: Math.round((centre.lat + northM / mPerDegLat) * 1e6) / 1e6,
    lng: Math.round((centre.lng + eastM / mPerDegLng) * 1e6) / 1e6,
  });
  const places: Record<string, { lat: number; lng: number }> = {
    here: at(0, 0),
    south50: at(-50, 0),
    north4900: at(4900, 0),
    south4900: at(-4900, 0),
    east4900: at(0, 4900),
    west4900: at(0, -4900),
    diagonal3400: at(3400, 3400),
    north5200: at(5200, 0),
    south5300: at(-5300, 0),
    diagonal3700: at(3700, -3700),
    far: at(40_000, 0),
  };
  const inside = ['here', 'south50', 'north4900', 'south4900', 'east4900', 'west4900', 'diagonal3400'];

  before(async function () {
    this.timeout(180_000);
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    ({ organizer, orgId } = await organization(s.url, `近邻检索志愿队${Date.now() % 1e6}`));
    for (const [title, p] of Object.entries(places))
      await publishedActivity(s.url, organizer, orgId, '2026-12-22', { title: `band-${title}`, ...p });
  });
  after(async () => s.close());

  it('returns exactly those within 5 km, nearest first, and a wide search all of them', async function () {
    this.timeout(60_000);
    const near = await request(s.url)
      .get(`/api/volunteer/activities?lat=${centre.lat}&lng=${centre.lng}&withinKm=5&limit=50`)
      .expect(200);
    const mine = near.body.items.filter((i: { title: string }) => i.title.startsWith('band-'));
    assert.deepEqual(mine.map((i: { title: string }) => i.title.slice(5)).sort(), [...inside].sort());
    const d = mine.map((i: { distanceM: number }) => i.distanceM);
    assert.deepEqual(
      d,
      [...d].sort((a: number, b: number) => a - b),
      'nearest first',
    );
    const wide = await request(s.url)
      .get(`/api/volunteer/activities?lat=${centre.lat}&lng=${centre.lng}&withinKm=400&limit=50`)
      .expect(200);
    const all = wide.body.items.filter((i: { title: string }) => i.title.startsWith('band-'));
    assert.equal(all.length, Object.keys(places).length, 'a wide search (no band list) finds every one');
  });
});
