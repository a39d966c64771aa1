import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { setBeijingTime, staffAt } from '../cases/support';
import { demoPlaces } from './support';

/**
 * 祭扫 at the opening of 清明 booking: families who hold seats of the same hour at the same moment
 * are written in one transaction, yet each is answered for itself — a family that taps twice, or
 * one that already booked, is told 「已预约」 without refusing the others written with it, a party
 * whose seats are not left is told 「已约满」, and the slot counts exactly the persons booked.
 */
describe('殡葬服务 · 祭扫 bookings arriving together', () => {
  let s: TestServer;
  let places: Awaited<ReturnType<typeof demoPlaces>>;

  before(async function () {
    this.timeout(120_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('funeral_batches') });
    places = await demoPlaces(s);
  });
  after(async () => s?.close());

  it('answers each of a rush for itself: repeats refused, the others booked, exactly the places counted', async function () {
    this.timeout(120_000);
    setBeijingTime(s, '2026-03-30');
    const clerk = await staffAt(s.url, ['110105'], ['funeral_staff'], '福园公墓');
    // Room for everyone and the repeats' seats held for a moment: every repeat reaches the table.
    const capacity = 40;
    const opened = await request(s.url)
      .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
      .set(clerk.auth)
      .send({ date: '2026-04-05', from: '07:00', to: '08:00', capacity })
      .expect(201);
    const slotId = opened.body.items[0].id as number;
    const book = (auth: Record<string, string>, companions = 0) =>
      request(s.url).post('/api/funeral/visits').set(auth).send({ slotId, deceasedName: '张德明', companions });

    const early = await loginCitizen(s.url);
    assert.equal((await book(early.auth)).status, 201);
    // 24 families at once, 1 or 2 persons each; the early one again, and one family three times.
    const families = await Promise.all(Array.from({ length: 24 }, () => loginCitizen(s.url)));
    const tries = [
      ...families.map((f, i) => ({ who: i, res: book(f.auth, i % 2) })),
      { who: -1, res: book(early.auth) },
      { who: 0, res: book(families[0].auth) },
      { who: 0, res: book(families[0].auth) },
    ];
    const answers = await Promise.all(tries.map(async (t) => ({ who: t.who, res: await t.res })));
    const byWho = new Map<number, string[]>();
    for (const a of answers)
      byWho.set(a.who, [...(byWho.get(a.who) ?? []), a.res.status === 201 ? 'booked' : a.res.body.error?.code]);
    assert.deepEqual(byWho.get(-1), ['ALREADY_BOOKED'], 'the early family again');
    assert.deepEqual(
      [...(byWho.get(0) ?? [])].sort(),
      ['ALREADY_BOOKED', 'ALREADY_BOOKED', 'booked'],
      'the family that tapped three times',
    );
    for (let i = 1; i < families.length; i++) assert.deepEqual(byWho.get(i), ['booked'], `family ${i}`);

    // The places taken are exactly the 201s' persons, each with its own row and pass.
    const [[row]] = (await s.app.platform.db.query(
      `SELECT s.booked, (SELECT COALESCE(SUM(v.companions + 1), 0) FROM funeral_visits v WHERE v.slot_id = s.id) AS persons,
        (SELECT COUNT(*) FROM funeral_visits v WHERE v.slot_id = s.id) AS visits
       FROM funeral_visit_slots s WHERE s.id = ?`,
      { replacements: [slotId] },
    )) as [Array<{ booked: number; persons: number; visits: number }>, unknown];
    const answered = answers.filter((a) => a.res.status === 201);
    assert.equal(answered.length, 24);
    assert.deepEqual(
      { booked: Number(row.booked), persons: Number(row.persons), visits: Number(row.visits) },
      { booked: 37, persons: 37, visits: 25 },
    );
    assert.equal(new Set(answered.map((a) => a.res.body.visit.code)).size, 24, 'each booking its own pass');

    // The three places left (the repeats gave theirs back) go to the next three, then 「已约满」.
    const more = await Promise.all(
      Array.from({ length: 4 }, async () => (await book((await loginCitizen(s.url)).auth)).status),
    );
    assert.deepEqual(more.sort(), [201, 201, 201, 409]);
  });
});
