import assert from 'node:assert/strict';
import request from 'supertest';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';
import { nextOpenDate } from './helpers';

/**
 * A booking rush's winners of one slot are written together (one transaction per batch), yet
 * each citizen is answered for itself: one who taps several times, or already booked, is told
 * 「您已有该事项的有效预约」 without refusing the others written with them; the slot, the
 * bookings, the holds, the notices and the day's count are exactly the 201s.
 */
describe('Booking · a rush of winners written together', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;

  before(async function () {
    this.timeout(120_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('booking_winner_batches') });
    adminAuth = (await admin(s.url)).auth;
  });
  after(async () => s?.close());

  const count = async (sql: string, replacements: unknown[]) => {
    const [[row]] = (await s.app.platform.db.query(sql, { replacements })) as [Array<{ n: number }>, unknown];
    return Number(row.n);
  };

  it('answers each of a rush for itself: repeats refused, the others booked, counts exact', async function () {
    this.timeout(120_000);
    const hall = await createHall(s.url, adminAuth);
    // Room for everyone and the repeats' seats held for a moment: every repeat reaches the table.
    const capacity = 40;
    await request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({ periods: [{ key: 'am', start: '09:00', end: '12:00', capacity }] })
      .expect(200);
    const date = await nextOpenDate(s.url, hall, DIBAO);
    const book = (auth: Record<string, string>) =>
      request(s.url).post('/api/bookings').set(auth).send({ hallId: hall, serviceCode: DIBAO, date, period: 'am' });

    const early = await realNamed(s.url);
    assert.equal((await book(early.auth)).status, 201);
    // 24 citizens at once; the early one again, and one citizen four times.
    const people = await Promise.all(Array.from({ length: 24 }, () => realNamed(s.url)));
    const tries = [
      ...people.map((c, i) => ({ who: i, res: book(c.auth) })),
      { who: -1, res: book(early.auth) },
      ...Array.from({ length: 3 }, () => ({ who: 0, res: book(people[0].auth) })),
    ];
    const answers = await Promise.all(tries.map(async (t) => ({ who: t.who, res: await t.res })));
    const byWho = new Map<number, string[]>();
    for (const a of answers)
      byWho.set(a.who, [...(byWho.get(a.who) ?? []), a.res.status === 201 ? 'booked' : a.res.body.error?.code]);
    assert.deepEqual(byWho.get(-1), ['ALREADY_BOOKED'], 'the early citizen again');
    assert.deepEqual(
      [...(byWho.get(0) ?? [])].sort(),
      ['ALREADY_BOOKED', 'ALREADY_BOOKED', 'ALREADY_BOOKED', 'booked'],
      'the citizen who tapped four times',
    );
    for (let i = 1; i < people.length; i++) assert.deepEqual(byWho.get(i), ['booked'], `citizen ${i}`);

    const booked = answers.filter((a) => a.res.status === 201);
    assert.equal(booked.length, 24);
    assert.equal(new Set(booked.map((a) => a.res.body.booking.code)).size, 24, 'each booking its own code');
    // Each answer is the citizen's own booking, as 我的预约 shows it.
    for (const a of booked.filter((x) => x.who >= 0)) {
      const mine = await request(s.url).get('/api/bookings/mine').set(people[a.who].auth).expect(200);
      assert.deepEqual(
        mine.body.items.map((b: { code: string }) => b.code),
        [a.res.body.booking.code],
        `citizen ${a.who}'s own booking`,
      );
    }

    const [[slot]] = (await s.app.platform.db.query(
      'SELECT id, booked FROM booking_slots WHERE hall_id = ? AND date = ?',
      { replacements: [hall, date] },
    )) as [Array<{ id: number; booked: number }>, unknown];
    assert.equal(Number(slot.booked), 25);
    assert.equal(await count('SELECT COUNT(*) AS n FROM bookings WHERE slot_id = ?', [slot.id]), 25);
    assert.equal(
      await count(
        'SELECT COUNT(*) AS n FROM booking_holds h JOIN bookings b ON b.id = h.booking_id WHERE b.slot_id = ?',
        [slot.id],
      ),
      25,
    );
    // One confirmation a booking, to its own citizen, naming its own code.
    const [sent] = (await s.app.platform.db.query(
      `SELECT m.link, b.code FROM messages m JOIN bookings b ON b.user_id = m.user_id
       WHERE b.slot_id = ? AND m.template_key = 'booking.confirmed'`,
      { replacements: [slot.id] },
    )) as [Array<{ link: string; code: string }>, unknown];
    assert.equal(sent.length, 25);
    for (const m of sent) assert.ok(m.link.includes(m.code), `${m.link} names ${m.code}`);
    assert.equal(
      await count(
        `SELECT COUNT(*) AS n FROM messages m JOIN bookings b ON b.user_id = m.user_id
         WHERE b.slot_id = ? AND m.template_key = 'booking.confirmed' AND m.link LIKE CONCAT('%', b.code, '%')`,
        [slot.id],
      ),
      25,
    );
    assert.equal(
      await count(`SELECT COUNT(*) AS n FROM messages m JOIN bookings b ON b.user_id = m.user_id WHERE b.slot_id = ?`, [
        slot.id,
      ]),
      25,
    );
    assert.equal(
      await count(
        `SELECT COALESCE(SUM(value), 0) AS n FROM stats_daily WHERE hall_id = ? AND metric = 'bookings.made'`,
        [hall],
      ),
      25,
    );

    // The 15 seats left (the repeats gave theirs back) go to the next 15, then 「已约满」.
    const more = await Promise.all(
      Array.from({ length: 16 }, async () => (await book((await realNamed(s.url)).auth)).status),
    );
    assert.deepEqual(
      more.sort((a, b) => a - b),
      [...Array(15).fill(201), 409],
    );
    assert.equal(await count('SELECT booked AS n FROM booking_slots WHERE id = ?', [slot.id]), 40);
    assert.equal(await count('SELECT COUNT(*) AS n FROM bookings WHERE slot_id = ?', [slot.id]), 40);
  });
});
