import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { setBeijingTime, staffAt } from '../cases/support';
import { demoPlaces } from './support';

/**
 * 祭扫: a family's seats are taken before their booking row is written. When the database
 * refuses that row (here a trigger stands in for a failing disk or a broken constraint), the
 * family gets an error and the places go back to the slot: nobody else loses them.
 * MariaDB only — SQLite reports a trigger's refusal as a unique-key violation, which the
 * booking already answers as 「已预约」 and gives back.
 */
describe('殡葬服务 · 祭扫 booking whose row the database refuses', () => {
  let s: TestServer;
  let places: Awaited<ReturnType<typeof demoPlaces>>;
  const mariadb = (process.env.DATABASE_URL ?? '').startsWith('mysql:');

  before(async function () {
    if (!mariadb) return this.skip(); // SQLite: a trigger's refusal reads as a repeat booking (above)
    this.timeout(120_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('funeral_write_fails') });
    places = await demoPlaces(s);
  });
  after(async () => s?.close());

  it('answers with an error and gives the places back to the slot', async () => {
    setBeijingTime(s, '2026-03-30');
    const clerk = await staffAt(s.url, ['110105'], ['funeral_staff'], '福园公墓');
    const opened = await request(s.url)
      .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
      .set(clerk.auth)
      .send({ date: '2026-04-05', from: '07:00', to: '08:00', capacity: 3 })
      .expect(201);
    const slotId = opened.body.items[0].id;
    const remaining = async () =>
      (
        await request(s.url)
          .get(`/api/funeral/places/${places.chaoyangCemetery}/visit-slots?date=2026-04-05`)
          .expect(200)
      ).body.items[0].remaining as number;
    assert.equal(await remaining(), 3);

    const family = await loginCitizen(s.url);
    await s.app.platform.db.query(
      "CREATE TRIGGER funeral_visits_refused BEFORE INSERT ON funeral_visits FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'",
    );
    try {
      const failed = await request(s.url)
        .post('/api/funeral/visits')
        .set(family.auth)
        .send({ slotId, deceasedName: '张德明', companions: 2 });
      assert.ok(failed.status >= 500, `answered ${failed.status}`);
      assert.ok(failed.body.error.message, 'an error a person can read');
    } finally {
      await s.app.platform.db.query('DROP TRIGGER funeral_visits_refused');
    }
    // The three places are the slot's again, in the table and in the shared seat stock: the same
    // family of three books them, and then the slot is full.
    assert.equal(await remaining(), 3);
    await request(s.url)
      .post('/api/funeral/visits')
      .set(family.auth)
      .send({ slotId, deceasedName: '张德明', companions: 2 })
      .expect(201);
    assert.equal(await remaining(), 0);
    const other = await loginCitizen(s.url);
    const full = await request(s.url)
      .post('/api/funeral/visits')
      .set(other.auth)
      .send({ slotId, deceasedName: '李桂兰', companions: 0 })
      .expect(409);
    assert.equal(full.body.error.code, 'SLOT_FULL');
  });
});
