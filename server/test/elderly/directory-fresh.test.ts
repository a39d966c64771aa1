import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';

/**
 * 养老服务 · a family searching sees the vacancies and prices the institution has just saved,
 * whichever server process answers: each process searches its own copy of the directory, and a
 * save in one process reaches every other one's next search (on MariaDB + Redis two processes;
 * embedded, one). A copy that went stale fails here: the full place would still show a free bed,
 * the old price would still pass the price ceiling.
 */
describe('养老服务 · directory: a saved vacancy or price shows on the next search, on every process', () => {
  let writer: TestServer;
  let reader: TestServer;
  const community = `1101059${String(randomInt(10, 99))}${String(randomInt(100, 999))}`;
  const lat = 20 + randomInt(0, 1000) / 1000;
  const lng = 110 + randomInt(0, 1000) / 1000;
  let id: number;
  let staff: Awaited<ReturnType<typeof staffAt>>;

  before(async function () {
    this.timeout(120_000);
    writer = await startServer();
    reader = TEST_REDIS_URL ? await startServer() : writer;
    id = await writer.app.modules.elderly.registerPlace({
      kind: 'institution',
      name: `常新养老院${community}`,
      divisionCode: community,
      address: '北京市朝阳区某街道2号',
      lat,
      lng,
      phone: '010-12345678',
      hours: '全天24小时',
      beds: 40,
      vacancies: 6,
      careLevels: ['intact', 'mild'],
      stars: 4,
      intro: '',
      fees: [{ item: '床位费', unit: '元/月', priceCents: 300_000 }],
    });
    staff = await staffAt(writer.url, [community.slice(0, 9)], ['elderly_staff'], '常新养老院管理员');
  });
  after(async () => {
    if (reader !== writer) await reader.close();
    await writer.close();
  });

  const near = (s: TestServer, query: Record<string, string | number | boolean> = {}) =>
    request(s.url)
      .get('/api/elderly/places')
      .query({ lat, lng, radiusKm: 2, ...query })
      .expect(200)
      .then(
        (r) => r.body as { total: number; items: Array<{ id: number; vacancies: number; priceFromCents: number }> },
      );
  const inDistrict = (s: TestServer, query: Record<string, string | number | boolean> = {}) =>
    request(s.url)
      .get('/api/elderly/places')
      .query({ division: community, ...query })
      .expect(200)
      .then(
        (r) => r.body as { total: number; items: Array<{ id: number; vacancies: number; priceFromCents: number }> },
      );

  async function save(vacancies: number, priceCents: number, careLevels = ['intact', 'mild']) {
    const current = (await request(writer.url).get(`/api/staff/elderly/places/${id}`).set(staff.auth).expect(200)).body;
    const saved = await request(writer.url)
      .put(`/api/staff/elderly/places/${id}`)
      .set(staff.auth)
      .send({
        version: current.version,
        beds: 40,
        vacancies,
        careLevels,
        fees: [{ item: '床位费', unit: '元/月', priceCents }],
      });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  }

  it('a place that fills up leaves the free-bed search at once, and its new price is what is shown and filtered', async function () {
    this.timeout(60_000);
    // Searched first on the reading process (its copy is loaded and warm).
    const before = await near(reader, { hasVacancy: true, maxPriceCents: 300_000 });
    assert.deepEqual(
      before.items.map((i) => [i.id, i.vacancies, i.priceFromCents]),
      [[id, 6, 300_000]],
    );
    assert.equal((await inDistrict(reader, { hasVacancy: true })).total, 1);

    await save(0, 350_000);
    assert.equal((await near(reader, { hasVacancy: true })).total, 0, 'full: no longer among places with a free bed');
    assert.equal((await near(reader, { maxPriceCents: 300_000 })).total, 0, 'its new price is above the ceiling');
    const shown = await near(reader);
    assert.deepEqual(
      shown.items.map((i) => [i.id, i.vacancies, i.priceFromCents]),
      [[id, 0, 350_000]],
    );
    assert.equal((await inDistrict(reader, { hasVacancy: true })).total, 0);
    assert.equal((await inDistrict(reader, { careLevel: 'severe' })).total, 0);

    // A bed frees up, the price drops and it takes 重度失能: every search finds it again.
    await save(2, 250_000, ['intact', 'mild', 'severe']);
    const again = await near(reader, { hasVacancy: true, maxPriceCents: 260_000, careLevel: 'severe' });
    assert.deepEqual(
      again.items.map((i) => [i.id, i.vacancies, i.priceFromCents]),
      [[id, 2, 250_000]],
    );
    const district = await inDistrict(reader, { hasVacancy: true, careLevel: 'severe', maxPriceCents: 260_000 });
    assert.deepEqual(
      district.items.map((i) => [i.id, i.vacancies, i.priceFromCents]),
      [[id, 2, 250_000]],
    );
  });

  it('a place registered on one process is found on the next search of another', async function () {
    this.timeout(60_000);
    assert.equal((await near(reader)).total, 1);
    const second = await writer.app.modules.elderly.registerPlace({
      kind: 'station',
      name: `常新驿站${community}`,
      divisionCode: community,
      address: '北京市朝阳区某街道3号',
      lat: lat + 0.001,
      lng,
      phone: '010-12345678',
      hours: '08:00-18:00',
      beds: 4,
      vacancies: 4,
      careLevels: ['intact'],
      stars: 1,
      intro: '',
      fees: [{ item: '日间照料', unit: '元/天', priceCents: 8_000 }],
    });
    const found = await near(reader, { kind: 'station' });
    assert.deepEqual(
      found.items.map((i) => i.id),
      [second],
    );
    assert.equal((await inDistrict(reader)).total, 2);
  });
});
