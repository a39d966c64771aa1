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

  it('answers a claim on a number another account holds as pending verification, never "registered"', async () => {
    const id = freshId();
    const owner = await loginCitizen(s.url);
    await bind(s.url, owner.auth, freshAddress(), '周三', id).expect(200);
    const claimant = await loginCitizen(s.url);
    const claim = await bind(s.url, claimant.auth, freshAddress(), '周三', id).expect(202);
    assert.equal(claim.body.status, 'pending');
    assert.equal(claim.body.claim.status, 'pending');
    assert.match(claim.body.claim.message, /核验后生效/);
    assert.equal(claim.body.user.realNamed, false);
    assert.equal(claim.body.error, undefined);
    assert.doesNotMatch(JSON.stringify(claim.body), /IN_USE|已绑定|其他微信账号|已被/);
    // Nothing moved: the owner keeps the number; the claimant is not real-named.
    const ownerMe = await request(s.url).get('/api/me').set(owner.auth).expect(200);
    assert.equal(ownerMe.body.user.realNamed, true);
    const claimantMe = await request(s.url).get('/api/me').set(claimant.auth).expect(200);
    assert.equal(claimantMe.body.user.realNamed, false);
    // The claim is kept for verification, encrypted like every personal field, and audited.
    const [rows] = (await s.app.platform.db.query(
      `SELECT c.* FROM identity_claims c WHERE c.user_id = ${claimant.user.id}`,
    )) as [Record<string, unknown>[], unknown];
    assert.equal(rows.length, 1);
    assert.equal(JSON.stringify(rows).includes(id), false);
    assert.equal(rows[0].id_number_hash, s.app.platform.pii.hash(id));
    const [audit] = (await s.app.platform.db.query(
      `SELECT action FROM audit_logs WHERE action = 'identity.claim' AND actor_id = '${claimant.user.id}'`,
    )) as [unknown[], unknown];
    assert.equal(audit.length, 1);
    // Two taps at once keep one claim, never an error.
    const taps = await Promise.all([1, 2].map(() => bind(s.url, claimant.auth, freshAddress(), '周三', id)));
    assert.deepEqual(
      taps.map((t) => t.status),
      [202, 202],
    );
    const [claims] = (await s.app.platform.db.query(
      `SELECT id FROM identity_claims WHERE user_id = ${claimant.user.id}`,
    )) as [unknown[], unknown];
    assert.equal(claims.length, 1);
    // A number of their own binds at once, and the pending claim is gone.
    await bind(s.url, claimant.auth, freshAddress(), '吴四', freshId()).expect(200);
    const [left] = (await s.app.platform.db.query(
      `SELECT id FROM identity_claims WHERE user_id = ${claimant.user.id}`,
    )) as [unknown[], unknown];
    assert.equal(left.length, 0);
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
