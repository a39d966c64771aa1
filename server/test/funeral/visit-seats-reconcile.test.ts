import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { RECONCILE_JOB } from '../../src/modules/funeral';
import { setBeijingTime, staffAt } from '../cases/support';
import { demoPlaces } from './support';

/**
 * 祭扫: a place counted on the slot with no booking behind it (a booking row lost: a crash of the
 * old two-statement booking between its seats and its row, a row deleted by hand) would stay
 * unbookable for good. The clock job `funeral.reconcile-visit-seats` recounts such a slot from its
 * bookings, and the place can be booked again; run in the middle of a rush on the same slot it
 * never lets the slot go over its capacity, nor loses a booking's seats.
 */
describe('殡葬服务 · 祭扫 places counted with no booking are given back', () => {
  let s: TestServer;
  let places: Awaited<ReturnType<typeof demoPlaces>>;
  let clerk: Awaited<ReturnType<typeof staffAt>>;

  before(async function () {
    this.timeout(120_000);
    // Its own database: the job recounts every slot of today and later.
    s = await startServer({ DATABASE_URL: await ownDatabase('funeral_reconcile') });
    places = await demoPlaces(s);
    setBeijingTime(s, '2026-03-30');
    clerk = await staffAt(s.url, ['110105'], ['funeral_staff'], '福园公墓');
  });
  after(async () => s?.close());

  const open = async (from: string, to: string, capacity: number) =>
    (
      await request(s.url)
        .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
        .set(clerk.auth)
        .send({ date: '2026-04-05', from, to, capacity })
        .expect(201)
    ).body.items.find((x: { start: string }) => x.start === from).id as number;
  const remaining = async (slotId: number) =>
    (
      await request(s.url).get(`/api/funeral/places/${places.chaoyangCemetery}/visit-slots?date=2026-04-05`).expect(200)
    ).body.items.find((x: { id: number }) => x.id === slotId).remaining as number;
  const book = async (slotId: number, companions = 0) =>
    request(s.url)
      .post('/api/funeral/visits')
      .set((await loginCitizen(s.url)).auth)
      .send({ slotId, deceasedName: '张德明', companions });
  /** A booking's row lost, its places still counted on the slot (and gone from the seat stock). */
  const loseRow = (code: string) =>
    s.app.platform.db.query('DELETE FROM funeral_visits WHERE code = ?', { replacements: [code] });
  const counted = async (slotId: number) => {
    const [[row]] = (await s.app.platform.db.query(
      `SELECT s.booked, s.capacity,
        (SELECT COALESCE(SUM(v.companions + 1), 0) FROM funeral_visits v WHERE v.slot_id = s.id) AS persons
       FROM funeral_visit_slots s WHERE s.id = ?`,
      { replacements: [slotId] },
    )) as [Array<{ booked: number; capacity: number; persons: number }>, unknown];
    return { booked: Number(row.booked), capacity: Number(row.capacity), persons: Number(row.persons) };
  };
  const reconcile = async () => {
    await s.app.platform.jobs.enqueue(RECONCILE_JOB, {});
    await s.app.platform.jobs.drain();
  };

  it('a place counted with no booking is bookable again after the clock job', async () => {
    const slotId = await open('07:00', '08:00', 3);
    assert.equal((await book(slotId)).status, 201);
    const lost = await book(slotId, 1);
    assert.equal(lost.status, 201);
    await loseRow(lost.body.visit.code);
    assert.deepEqual(await counted(slotId), { booked: 3, capacity: 3, persons: 1 });

    // The two places are counted and nobody has them: the slot reads full and refuses.
    assert.equal(await remaining(slotId), 0);
    const refused = await book(slotId);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'SLOT_FULL');

    await reconcile();
    assert.deepEqual(await counted(slotId), { booked: 1, capacity: 3, persons: 1 });
    assert.equal(await remaining(slotId), 2);
    assert.equal((await book(slotId, 1)).status, 201);
    const full = await book(slotId);
    assert.equal(full.status, 409);
    assert.equal(full.body.error.code, 'SLOT_FULL');
    assert.deepEqual(await counted(slotId), { booked: 3, capacity: 3, persons: 3 });
  });

  it('recounting during a rush on the slot neither overbooks it nor loses seats', async function () {
    this.timeout(120_000);
    const capacity = 12;
    const slotId = await open('08:00', '09:00', capacity);
    const early = await Promise.all([book(slotId, 1), book(slotId, 1)]);
    for (const r of early) assert.equal(r.status, 201);
    for (const r of early) await loseRow(r.body.visit.code);
    assert.deepEqual(await counted(slotId), { booked: 4, capacity, persons: 0 });

    // Thirty families rush the slot while the job recounts it again and again.
    const api = s.app.modules.funeral.visitSeats;
    const rush = Array.from({ length: 30 }, (_, i) => book(slotId, i % 2));
    const recounts = Array.from({ length: 6 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 15)).then(() => api.run()),
    );
    const answers = await Promise.all(rush);
    await Promise.all(recounts);
    for (const r of answers) assert.ok([201, 409].includes(r.status), `answered ${r.status}`);
    const after = await counted(slotId);
    assert.ok(after.booked <= capacity, `booked ${after.booked} of ${capacity}`);
    assert.equal(after.booked, after.persons, 'every counted place has a booking, every booking its places');
    const booked = answers.filter((r) => r.status === 201).reduce((n, r) => n + r.body.visit.persons, 0);
    assert.equal(booked, after.persons, 'the 201s are exactly the bookings in the table');

    // What the rush left free is bookable, and then the slot is exactly full.
    await reconcile();
    for (let left = await remaining(slotId); left > 0; left--) assert.equal((await book(slotId)).status, 201);
    assert.deepEqual(await counted(slotId), { booked: capacity, capacity, persons: capacity });
    assert.equal((await book(slotId)).status, 409);
  });
});
