import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import type { PlaceInput } from '../../src/modules/elderly';
import { staffAt } from '../cases/support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * 养老服务 directory: a family looks for care for a parent — by district, near home, under a
 * price, with a free bed, for the parent's capability level — and opens a place's fee list.
 * The institution's own staff keep vacancies and prices current (scope, versions, audit).
 */
describe('养老服务 · directory: finding a place and keeping it current', () => {
  let s: TestServer;
  let ownStaff: Staff;
  let otherStaff: Staff;
  // A community and a point of this run only, so other stories' places never match.
  const township = `1101059${String(randomInt(10, 99))}`;
  const community = `${township}${String(randomInt(100, 999))}`;
  const lat = 30 + randomInt(0, 1000) / 1000;
  const lng = 100 + randomInt(0, 1000) / 1000;
  const ids: Record<string, number> = {};

  const place = (name: string, extra: Partial<PlaceInput>): PlaceInput => ({
    kind: 'institution',
    name: `${name}${community}`,
    divisionCode: community,
    address: '北京市朝阳区某街道1号',
    lat,
    lng,
    phone: '010-12345678',
    hours: '全天24小时',
    beds: 100,
    vacancies: 10,
    careLevels: ['intact', 'mild'],
    stars: 3,
    intro: '测试机构',
    fees: [{ item: '床位费', unit: '元/月', priceCents: 300_000 }],
    ...extra,
  });

  before(async function () {
    this.timeout(180_000); // its own database, migrated from empty: slow on a busy MariaDB
    // Counts a 街道's places: other stories in this process add places to the shared database.
    // Its own database, not a reset of the shared one: a reset restarts user ids, and counters
    // kept in Redis per user (the real-name rate limit) would then count another story's attempts.
    s = await startServer({ DATABASE_URL: await ownDatabase('elderly_directory') });
    const api = s.app.modules.elderly;
    ids.near = await api.registerPlace(
      place('近处福利院', {
        lat: lat + 0.005, // ~550 m north
        careLevels: ['intact', 'mild', 'moderate', 'severe', 'total'],
        stars: 5,
        fees: [
          { item: '床位费', unit: '元/月', priceCents: 200_000 },
          { item: '押金', unit: '元/次', priceCents: 10_000, note: '退住退还' },
        ],
      }),
    );
    ids.full = await api.registerPlace(place('满员公寓', { lat: lat + 0.02, vacancies: 0, stars: 4 }));
    ids.far = await api.registerPlace(
      place('远郊照料中心', {
        lat: lat + 0.2,
        careLevels: ['severe', 'total'],
        fees: [{ item: '床位费', unit: '元/月', priceCents: 500_000 }],
      }),
    );
    ids.station = await api.registerPlace(
      place('驿站', {
        kind: 'station',
        lat: lat + 0.001,
        beds: 6,
        vacancies: 2,
        stars: 0,
        fees: [{ item: '日间照料', unit: '元/天', priceCents: 8_000 }],
      }),
    );
    ownStaff = await staffAt(s.url, [township], ['elderly_staff'], '福利院管理员');
    otherStaff = await staffAt(s.url, ['110108'], ['elderly_staff'], '海淀机构人员');
  });
  after(async () => s.close());

  const search = (query: Record<string, string | number | boolean>) =>
    request(s.url).get('/api/elderly/places').query(query);
  const names = (items: { name: string }[]) => items.map((i) => i.name.replace(community, ''));

  it('lists a district best-rated first, and filters by kind, price, vacancy and care level', async () => {
    const all = (await search({ division: community }).expect(200)).body;
    assert.equal(all.total, 4);
    assert.deepEqual(names(all.items), ['近处福利院', '满员公寓', '远郊照料中心', '驿站']);
    const near = all.items[0];
    assert.equal(near.kindName, '养老机构');
    assert.deepEqual(near.careLevelNames, ['能力完好', '轻度失能', '中度失能', '重度失能', '完全失能']);
    assert.equal(near.priceFromCents, 200_000, 'the lowest monthly price: the deposit is not a price per month');

    const cheap = (await search({ division: community, maxPriceCents: 300_000, kind: 'institution' }).expect(200)).body;
    assert.deepEqual(names(cheap.items), ['近处福利院', '满员公寓']);
    const free = (await search({ division: community, hasVacancy: true }).expect(200)).body;
    assert.deepEqual(names(free.items), ['近处福利院', '远郊照料中心', '驿站']);
    const severe = (await search({ division: community, careLevel: 'severe' }).expect(200)).body;
    assert.deepEqual(names(severe.items), ['近处福利院', '远郊照料中心']);
  });

  it('finds places near a point, nearest first, within the radius, with the distance', async () => {
    const body = (await search({ lat, lng, radiusKm: 5 }).expect(200)).body;
    assert.deepEqual(names(body.items), ['驿站', '近处福利院', '满员公寓']);
    assert.ok(Math.abs(body.items[1].distanceM - 556) < 10, `~556 m, got ${body.items[1].distanceM}`);
    const wider = (await search({ lat, lng, radiusKm: 30, careLevel: 'total', hasVacancy: true }).expect(200)).body;
    assert.deepEqual(names(wider.items), ['近处福利院', '远郊照料中心']);
  });

  it('shows a place with its whole fee list; an unknown place is a 404 in Chinese', async () => {
    const body = (await request(s.url).get(`/api/elderly/places/${ids.near}`).expect(200)).body;
    assert.deepEqual(
      body.fees.map((f: { item: string; priceCents: number }) => [f.item, f.priceCents]),
      [
        ['床位费', 200_000],
        ['押金', 10_000],
      ],
    );
    const missing = await request(s.url).get('/api/elderly/places/99999999').expect(404);
    assert.equal(missing.body.error.message, '未找到该养老服务机构');
  });

  it('refuses bad search input with field messages', async () => {
    const bad = await search({ lat: 95, lng: 116 }).expect(400);
    assert.ok(JSON.stringify(bad.body.error).includes('纬度无效'));
    const half = await search({ lat: 39.9 }).expect(400);
    assert.ok(JSON.stringify(half.body.error).includes('经纬度须同时提供'));
    await search({ careLevel: 'unknown' }).expect(400);
    await search({ hasVacancy: 'yes' }).expect(400);
  });

  it("lets the institution's staff update vacancies and prices: the directory shows them at once, audited", async () => {
    const list = (await request(s.url).get('/api/staff/elderly/places').set(ownStaff.auth).expect(200)).body;
    assert.equal(list.total, 4, 'the places of their 街道 only');
    const current = (await request(s.url).get(`/api/staff/elderly/places/${ids.full}`).set(ownStaff.auth).expect(200))
      .body;
    const update = {
      version: current.version,
      beds: 100,
      vacancies: 5,
      careLevels: ['intact', 'mild', 'moderate'],
      fees: [
        { item: '床位费（单人间）', unit: '元/月', priceCents: 280_000 },
        { item: '护理费', unit: '元/月', priceCents: 90_000, note: '中度失能另议' },
      ],
    };
    const saved = await request(s.url).put(`/api/staff/elderly/places/${ids.full}`).set(ownStaff.auth).send(update);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, current.version + 1);
    assert.equal(saved.body.priceFromCents, 90_000);

    const free = (await search({ division: community, hasVacancy: true, careLevel: 'moderate' }).expect(200)).body;
    assert.deepEqual(names(free.items), ['近处福利院', '满员公寓']);
    const page = (await request(s.url).get(`/api/elderly/places/${ids.full}`).expect(200)).body;
    assert.equal(page.fees[1].note, '中度失能另议');

    const [rows] = (await s.app.platform.db.query(
      "SELECT actor_id, detail FROM audit_logs WHERE action = 'elderly.place.update' AND target_id = ?",
      { replacements: [String(ids.full)] },
    )) as [{ actor_id: string; detail: string }[], unknown];
    assert.equal(rows.length, 1);
    assert.equal(rows[0].actor_id, String(ownStaff.id));
    assert.equal(JSON.parse(rows[0].detail).before.vacancies, 0);

    // The same stale copy again: refused, nothing changed.
    const stale = await request(s.url).put(`/api/staff/elderly/places/${ids.full}`).set(ownStaff.auth).send(update);
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'STALE_VERSION');
  });

  it('refuses staff outside the place (404), more vacancies than beds and a fee without a price (400)', async () => {
    const current = (await request(s.url).get(`/api/staff/elderly/places/${ids.near}`).set(ownStaff.auth).expect(200))
      .body;
    const body = {
      version: current.version,
      beds: 10,
      vacancies: 3,
      careLevels: ['intact'],
      fees: [{ item: '床位费', unit: '元/月', priceCents: 100_000 }],
    };
    const outside = await request(s.url).put(`/api/staff/elderly/places/${ids.near}`).set(otherStaff.auth).send(body);
    assert.equal(outside.status, 404);
    await request(s.url).get(`/api/staff/elderly/places/${ids.near}`).set(otherStaff.auth).expect(404);
    const over = await request(s.url)
      .put(`/api/staff/elderly/places/${ids.near}`)
      .set(ownStaff.auth)
      .send({ ...body, vacancies: 11 });
    assert.equal(over.status, 400);
    assert.equal(over.body.error.code, 'VACANCIES_OVER_BEDS');
    const noPrice = await request(s.url)
      .put(`/api/staff/elderly/places/${ids.near}`)
      .set(ownStaff.auth)
      .send({ ...body, fees: [{ item: '床位费', unit: '元/月' }] });
    assert.equal(noPrice.status, 400);
    const after = (await request(s.url).get(`/api/elderly/places/${ids.near}`).expect(200)).body;
    assert.equal(after.vacancies, 10, 'nothing changed');
    assert.equal(after.fees.length, 2);
  });
});
