import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { nextOpenDate, today } from '../bookings/helpers';
import { admin, createHall, DIBAO } from '../halls/fixtures';
import { withCheckDigit } from '../support/id-numbers';

let people = 0;
/** A checksum-valid ID number nobody else in this run holds. */
function freshId(): string {
  const day = ++people + (process.pid % 300) * 30; // a birth date per person, walking from 1980 on
  const birth = new Date(Date.UTC(1980, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return withCheckDigit(`440305${birth}${String(randomInt(100, 999))}`);
}
/** Each story comes from its own address (behind the trusted proxy), so per-address counts start at 0. */
const freshAddress = () => `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;

describe('Real-name binding: limited, discreet about other accounts, fixed while something rests on it', () => {
  let s: TestServer;
  // With Redis, a second server process shares the counters: attempts alternate between the two.
  let other: TestServer;
  const settings = { RATE_IDENTITY_PER_USER: '4', RATE_IDENTITY_PER_IP: '4', TRUST_PROXY: 'true' };
  before(async () => {
    s = await startServer(settings);
    other = TEST_REDIS_URL ? await startServer(settings) : s;
  });
  after(async () => {
    if (other !== s) await other.close();
    await s.close();
  });

  const bind = (url: string, auth: Record<string, string>, ip: string, name: string, idNumber: string) =>
    request(url).put('/api/me/identity').set(auth).set('X-Forwarded-For', ip).send({ name, idNumber });

  it('counts a citizen’s attempts on every server and refuses the one past the limit with 429, changing nothing', async () => {
    const ip = freshAddress();
    const c = await loginCitizen(s.url);
    const ids = [freshId(), freshId(), freshId(), freshId(), freshId()];
    await bind(s.url, c.auth, ip, '陈一', ids[0]).expect(200);
    await bind(other.url, c.auth, ip, '陈一', ids[1]).expect(200);
    await bind(s.url, c.auth, ip, '陈一', ids[2]).expect(200);
    await bind(other.url, c.auth, freshAddress(), '陈一', ids[3]).expect(200);
    const refused = await bind(s.url, c.auth, freshAddress(), '陈一', ids[4]).expect(429);
    assert.equal(refused.body.error.code, 'TOO_MANY_REQUESTS');
    assert.match(refused.body.error.message, /实名认证提交过于频繁/);
    const me = await request(s.url).get('/api/me').set(c.auth).expect(200);
    assert.equal(me.body.user.idNumber, `${ids[3].slice(0, 6)}********${ids[3].slice(14)}`);
  });

  it('counts attempts per address across citizens (a script with many accounts), not other addresses', async () => {
    const ip = freshAddress();
    const citizens = await Promise.all(Array.from({ length: 5 }, () => loginCitizen(s.url)));
    for (const [i, c] of citizens.slice(0, 4).entries())
      await bind(i % 2 ? other.url : s.url, c.auth, ip, '林二', freshId()).expect(200);
    const refused = await bind(other.url, citizens[4].auth, ip, '林二', freshId()).expect(429);
    assert.match(refused.body.error.message, /频繁/);
    await bind(s.url, citizens[4].auth, freshAddress(), '林二', freshId()).expect(200);
  });

  describe('a bound identity while something rests on it', () => {
    let adminAuth: Record<string, string>;
    let hall: number;
    before(async () => {
      adminAuth = (await admin(s.url)).auth;
      hall = await createHall(s.url, adminAuth, { queuePrefixes: { [DIBAO]: 'D' } });
      await request(s.url)
        .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
        .set(adminAuth)
        .send({ openDaysAhead: 21 })
        .expect(200);
      await request(s.url)
        .put(`/api/staff/halls/${hall}/days/${today(s)}`)
        .set(adminAuth)
        .send({ open: true, hours: [['00:00', '23:59']] })
        .expect(200);
    });

    it('refuses a change while a booking is not over (409, saying what to do), allows it once cancelled', async () => {
      const ip = freshAddress();
      const c = await loginCitizen(s.url);
      const mine = freshId();
      await bind(s.url, c.auth, ip, '郑五', mine).expect(200);
      const date = await nextOpenDate(s.url, hall, DIBAO);
      const { body } = await request(s.url)
        .post('/api/bookings')
        .set(c.auth)
        .send({ hallId: hall, serviceCode: DIBAO, date, period: 'am1' })
        .expect(201);

      const refused = await bind(s.url, c.auth, ip, '王六', freshId()).expect(409);
      assert.equal(refused.body.error.code, 'IDENTITY_IN_USE');
      assert.match(refused.body.error.message, /1个未结束的预约/);
      assert.match(refused.body.error.message, /取消.*核验/);
      const renamed = await bind(s.url, c.auth, ip, '郑六', mine).expect(409); // the name alone neither
      assert.equal(renamed.body.error.code, 'IDENTITY_IN_USE');
      const me = await request(s.url).get('/api/me').set(c.auth).expect(200);
      assert.equal(me.body.user.idNumber, `${mine.slice(0, 6)}********${mine.slice(14)}`);
      assert.equal(me.body.user.name, '郑*');
      // The booking still names the person who booked.
      const detail = await request(s.url).get(`/api/bookings/${body.booking.code}`).set(c.auth).expect(200);
      assert.equal(detail.body.booking.status, 'confirmed');

      await request(s.url).post(`/api/bookings/${body.booking.code}/cancel`).set(c.auth).expect(200);
      const changed = await bind(s.url, c.auth, freshAddress(), '王六', freshId()).expect(200);
      assert.equal(changed.body.user.name, '王*');
    });

    it('refuses a change while a queue ticket of today is open, allows it once cancelled', async () => {
      const c = await loginCitizen(s.url);
      await bind(s.url, c.auth, freshAddress(), '钱七', freshId()).expect(200);
      const { body } = await request(s.url)
        .post('/api/queue/tickets')
        .set(c.auth)
        .send({ hallId: hall, serviceCode: DIBAO })
        .expect(201);
      const refused = await bind(s.url, c.auth, freshAddress(), '孙八', freshId()).expect(409);
      assert.equal(refused.body.error.code, 'IDENTITY_IN_USE');
      assert.match(refused.body.error.message, /1个今日排队号/);
      await request(s.url).post(`/api/queue/tickets/${body.ticket.id}/cancel`).set(c.auth).expect(200);
      await bind(s.url, c.auth, freshAddress(), '孙八', freshId()).expect(200);
    });
  });
});
