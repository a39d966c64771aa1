import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { addDays, beijingDateAt, createClock, DAY_MS, nextBeijingMidnight } from '../../src/platform/clock';
import { admin, createHall } from '../halls/fixtures';

describe('The clock: one "now" for the whole server, moved by tests instead of rows', () => {
  it("turns to the next Beijing day at Beijing's midnight, not the server's", () => {
    const midnight = nextBeijingMidnight(Date.now()).getTime();
    // A clock set half a minute before Beijing's next midnight.
    const clock = createClock(midnight - 30_000 - Date.now());
    const before = clock.today();
    assert.equal(before, beijingDateAt(midnight - 1));
    assert.equal(clock.beijing().minutes, 23 * 60 + 59);
    clock.advance(30_000);
    assert.equal(clock.today(), addDays(before, 1));
    assert.equal(clock.beijing().minutes, 0);
    assert.equal(new Date(midnight).getUTCHours(), 16, 'Beijing midnight is 16:00 UTC');
  });

  describe('a server started on another day (CLOCK_OFFSET_MS, as a spawned process would be)', () => {
    let s: TestServer;
    before(async () => {
      s = await startServer({ CLOCK_OFFSET_MS: String(3 * DAY_MS) });
    });
    after(async () => s?.close());

    it("shows a hall's calendar from its own today, and moves on when the test moves its clock", async () => {
      const hall = await createHall(s.url, (await admin(s.url)).auth);
      const realToday = beijingDateAt(Date.now());
      const first = async () =>
        (await request(s.url).get(`/api/halls/${hall}/calendar`).expect(200)).body.days[0].date as string;
      assert.equal(await first(), addDays(realToday, 3));
      s.app.platform.clock.advance(DAY_MS);
      assert.equal(await first(), addDays(realToday, 4));
    });
  });
});
