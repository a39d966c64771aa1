import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { nextBeijingMidnight } from '../../src/platform/clock';
import { today } from '../bookings/helpers';
import { admin, createHall, DIBAO } from '../halls/fixtures';

type Summary = { called: number; medianMinutes: number | null; p90Minutes: number | null };
type Answer = {
  halls: Array<{ hallId: number } & Summary>;
  byHallHour: Array<{ hallId: number; hour: number } & Summary>;
};

describe('Statistics: the queue over a long range reads whole past months from their monthly counts', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let halls: number[];

  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    // The story's calls happen from 09:00 Beijing tomorrow, so they stay on one day whenever it runs.
    const clock = s.app.platform.clock;
    clock.advance(nextBeijingMidnight(clock.now()).getTime() + 9 * 3600_000 - clock.now());
    halls = [
      await createHall(s.url, adminAuth, { name: '朝阳区社会救助大厅', divisionCode: '110105' }),
      await createHall(s.url, adminAuth, { name: '海淀区社会救助大厅', divisionCode: '110108' }),
    ];
    for (const id of halls)
      await request(s.url)
        .put(`/api/staff/halls/${id}/days/${today(s)}`)
        .set(adminAuth)
        .send({ open: true, hours: [['00:00', '23:59']] })
        .expect(200);
  });
  after(async () => s?.close());

  /** Only this story's halls: other stories may count in the same database. */
  const read = async (from: string, to: string) => {
    const { body } = await request(s.url).get('/api/staff/stats/queue').query({ from, to }).set(adminAuth).expect(200);
    const a = body as Answer;
    return {
      halls: a.halls.filter((h) => halls.includes(h.hallId)),
      byHallHour: a.byHallHour.filter((c) => halls.includes(c.hallId)),
    };
  };

  it('gives the same waits per hall and hour for a day read alone and inside whole months a month later', async () => {
    const day = today(s);
    // Waits of 3, 25 and 50 minutes at the first hall, 12 at the second.
    for (const [hall, waits] of [
      [halls[0], [3, 25, 50]],
      [halls[1], [12]],
    ] as const)
      for (const minutes of waits) {
        await request(s.url)
          .post(`/api/staff/halls/${hall}/queue/tickets`)
          .set(adminAuth)
          .send({ serviceCode: DIBAO })
          .expect(201);
        s.app.platform.clock.advance(minutes * 60_000);
        const called = await request(s.url)
          .post(`/api/staff/halls/${hall}/windows/3/call-next`)
          .set(adminAuth)
          .expect(200);
        assert.ok(called.body.ticket);
      }
    const alone = await read(day, day);
    assert.deepEqual(
      alone.halls.map((h) => h.called),
      [3, 1],
    );
    assert.equal(today(s), day);

    // Forty days on, the day's month is over: a range over it reads the month's counts.
    s.app.platform.clock.advance(40 * 86_400_000);
    const monthStart = `${day.slice(0, 7)}-01`;
    assert.deepEqual(await read(monthStart, today(s)), alone);
    // A range from the day itself starts inside the month: read day by day, the same again.
    assert.deepEqual(await read(day, today(s)), alone);
    assert.deepEqual(await read(day, day), alone);
  });
});
