import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { nextOpenDate, today } from '../bookings/helpers';
import { admin, createHall, DIBAO, hallStaff } from '../halls/fixtures';

/** A valid GB 11643 number issued in the given county. */
function idNumberIn(county: string): string {
  const birth = `19${randomInt(50, 99)}0${randomInt(1, 9)}1${randomInt(0, 9)}`;
  const body = `${county}${birth}${String(randomInt(0, 999)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((acc, x, i) => acc + x * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

// The desk's look-up by ID number reads a person's (masked) profile: staff of 朝阳 may read the
// people of their scope — an ID issued in 朝阳, or a booking, ticket or application at a hall or
// in a division of their scope — and nobody else's, whose numbers answer as if nobody held them.
describe('The staff citizen look-up stays inside the staff member’s scope', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let chaoyangHall: number;
  let shenzhenHall: number;
  let chaoyangClerk: Awaited<ReturnType<typeof loginStaff>>;
  let shenzhenClerk: Awaited<ReturnType<typeof loginStaff>>;

  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    chaoyangHall = await createHall(s.url, adminAuth, { divisionCode: '110105' });
    shenzhenHall = await createHall(s.url, adminAuth, { divisionCode: '440305', address: '深圳市南山区测试路3号' });
    for (const hall of [chaoyangHall, shenzhenHall])
      await request(s.url)
        .put(`/api/staff/halls/${hall}/days/${today(s)}`)
        .set(adminAuth)
        .send({ open: true, hours: [['00:00', '23:59']] })
        .expect(200);
    // 朝阳's clerk holds the district; 深圳's holds one hall and no division.
    const username = `cy.lookup.${randomInt(1e9)}`;
    await request(s.url)
      .post('/api/staff/accounts')
      .set(adminAuth)
      .send({
        username,
        displayName: '朝阳窗口',
        password: 'Chaoyang-desk-2026',
        roles: ['hall_staff'],
        scope: { divisions: ['110105'], halls: [] },
      })
      .expect(201);
    chaoyangClerk = await loginStaff(s.url, username, 'Chaoyang-desk-2026');
    shenzhenClerk = await hallStaff(s.url, adminAuth, [shenzhenHall]);
  });
  after(async () => s.close());

  const person = async (county: string, name: string) => {
    const c = await loginCitizen(s.url);
    const idNumber = idNumberIn(county);
    await request(s.url).put('/api/me/identity').set(c.auth).send({ name, idNumber }).expect(200);
    return { ...c, idNumber };
  };
  const lookUp = (who: { auth: Record<string, string> }, idNumber: string) =>
    request(s.url).get('/api/staff/citizens').query({ idNumber }).set(who.auth);
  const lastLookup = async () =>
    (
      (await s.app.platform.db.query(
        "SELECT actor_id, target_id, detail, ip, request_id FROM audit_logs WHERE action = 'citizen.lookup' ORDER BY id DESC LIMIT 1",
        { type: 'SELECT' },
      )) as Array<{ actor_id: string; target_id: string | null; detail: string; ip: string; request_id: string }>
    )[0];

  it('reads people whose ID was issued in the scope; anyone else is 404, like a number nobody holds, and audited', async () => {
    const chaoyangResident = await person('110105', '周七');
    const haidianResident = await person('110108', '吴八');
    const r = await lookUp(chaoyangClerk, chaoyangResident.idNumber).expect(200);
    assert.equal(
      r.body.user.idNumber,
      `${chaoyangResident.idNumber.slice(0, 6)}********${chaoyangResident.idNumber.slice(-4)}`,
    );

    const outside = await lookUp(chaoyangClerk, haidianResident.idNumber).expect(404);
    const nobody = await lookUp(chaoyangClerk, idNumberIn('110108')).expect(404);
    assert.deepEqual(outside.body, nobody.body, 'out of scope answers exactly as unknown');
    assert.equal(outside.body.error.message, '未找到该身份证号对应的实名用户');

    await lookUp(chaoyangClerk, haidianResident.idNumber).expect(404);
    const row = await lastLookup();
    assert.equal(row.actor_id, String(chaoyangClerk.staff.id));
    assert.ok(row.target_id, 'the audit names whom the look-up reached');
    assert.deepEqual(JSON.parse(row.detail), { found: false, outOfScope: true });
    assert.ok(row.ip && row.request_id);

    // A nationwide account reads everyone.
    await lookUp({ auth: adminAuth }, haidianResident.idNumber).expect(200);
    // A clerk holding one hall and no division reads nobody by ID alone.
    await lookUp(shenzhenClerk, chaoyangResident.idNumber).expect(404);
  });

  it('reads people who have a queue ticket at a hall of the scope, wherever their ID was issued', async () => {
    const visitor = await person('440305', '郑九');
    await lookUp(chaoyangClerk, visitor.idNumber).expect(404);
    await lookUp(shenzhenClerk, visitor.idNumber).expect(404);
    // The visitor takes a number at 朝阳's hall: 朝阳's clerk may now see who they are; 深圳's hall still not.
    await request(s.url)
      .post('/api/queue/tickets')
      .set(visitor.auth)
      .send({ hallId: chaoyangHall, serviceCode: DIBAO })
      .expect(201);
    const seen = await lookUp(chaoyangClerk, visitor.idNumber).expect(200);
    assert.equal(seen.body.user.id, visitor.user.id);
    assert.deepEqual(JSON.parse((await lastLookup()).detail), { found: true });
    await lookUp(shenzhenClerk, visitor.idNumber).expect(404);
  });

  it('reads people who booked at a hall of the scope', async () => {
    await request(s.url)
      .put(`/api/staff/halls/${shenzhenHall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({ openDaysAhead: 21 })
      .expect(200);
    const traveller = await person('110105', '王十');
    await lookUp(shenzhenClerk, traveller.idNumber).expect(404);
    const date = await nextOpenDate(s.url, shenzhenHall, DIBAO);
    await request(s.url)
      .post('/api/bookings')
      .set(traveller.auth)
      .send({ hallId: shenzhenHall, serviceCode: DIBAO, date, period: 'am1' })
      .expect(201);
    assert.equal((await lookUp(shenzhenClerk, traveller.idNumber).expect(200)).body.user.id, traveller.user.id);
  });
});
