import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { canonicalJson } from '../../src/modules/volunteer';
import {
  moveTo,
  north,
  onsiteCode,
  organization,
  publishedActivity,
  randomIdNumber,
  scan,
  type Staff,
  volunteer,
} from './support';

/**
 * The whole path of a volunteer: register from the bound real name → find an activity → sign
 * up → approved → scan in and out at the place with the organizer's rotating code → hours
 * confirmed → my record → certificate → anyone verifies it, until it is revoked.
 */
describe('志愿服务 · a volunteer from registration to a verified certificate', () => {
  let s: TestServer;
  let officer: Staff;
  let organizer: Staff;
  let orgId: number;

  before(async function () {
    this.timeout(180_000);
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    ({ officer, organizer, orgId } = await organization(s.url));
  });
  after(async () => s.close());

  it('registers a volunteer once per ID number, from the real name already bound', async () => {
    const stranger = await loginCitizen(s.url);
    const noName = await request(s.url).post('/api/volunteer/me').set(stranger.auth).send({}).expect(403);
    assert.match(noName.body.error.message, /实名认证/);

    const v = await volunteer(s.url, '王小明');
    assert.match(v.number, /^ZY2026\d{7}$/);
    const me = await request(s.url).get('/api/volunteer/me').set(v.auth).expect(200);
    assert.equal(me.body.volunteer.name, '王**');
    assert.ok(!JSON.stringify(me.body).includes(v.idNumber), 'the ID number is masked');
    const again = await request(s.url).post('/api/volunteer/me').set(v.auth).send({}).expect(409);
    assert.equal(again.body.error.code, 'ALREADY_VOLUNTEER');
  });

  it('lets the real owner claim a record an organization registered earlier', async () => {
    const idNumber = randomIdNumber();
    const imported = await request(s.url)
      .post(`/api/staff/volunteer/orgs/${orgId}/volunteers`)
      .set(organizer.auth)
      .send({ name: '赵导入', idNumber })
      .expect(201);
    const owner = await loginCitizen(s.url);
    await request(s.url).put('/api/me/identity').set(owner.auth).send({ name: '赵导入', idNumber }).expect(200);
    const claimed = await request(s.url).post('/api/volunteer/me').set(owner.auth).send({}).expect(201);
    assert.equal(claimed.body.volunteer.number, imported.body.volunteer.number, 'the same record, not 「已经注册过」');
  });

  it('finds, signs up, scans in and out, and gets confirmed hours, a record and a certificate anyone can verify', async function () {
    this.timeout(120_000);
    const activityId = await publishedActivity(s.url, organizer, orgId, '2026-12-20');
    const a = await volunteer(s.url, '李志愿');
    const b = await volunteer(s.url, '周候补');
    const c = await volunteer(s.url, '吴第三');

    // Search: by area, by date, by distance from where I am.
    const byArea = await request(s.url).get('/api/volunteer/activities?division=110105&type=elderly').expect(200);
    assert.ok(byArea.body.items.some((i: any) => i.id === activityId));
    // A province or a city picked as a whole (its own code): everything under it, near me or not.
    for (const division of ['110000', '110100'])
      for (const where of ['', `&lat=${north(1000).lat}&lng=${north(1000).lng}&withinKm=3`]) {
        const { body } = await request(s.url).get(`/api/volunteer/activities?division=${division}${where}`).expect(200);
        assert.ok(
          body.items.some((i: any) => i.id === activityId),
          `in ${division}${where ? ', near me' : ''}`,
        );
      }
    const near = await request(s.url)
      .get(`/api/volunteer/activities?lat=${north(1000).lat}&lng=${north(1000).lng}&withinKm=3&date=2026-12-20`)
      .expect(200);
    const found = near.body.items.find((i: any) => i.id === activityId);
    assert.ok(found, 'found near me');
    assert.ok(found.distanceM > 900 && found.distanceM < 1100, `about 1 km away, got ${found.distanceM}`);
    assert.equal(found.placesLeft, 2);
    assert.equal(found.insurance, true);
    const far = await request(s.url)
      .get(`/api/volunteer/activities?lat=${north(50_000).lat}&lng=${north(50_000).lng}&withinKm=5`)
      .expect(200);
    assert.ok(!far.body.items.some((i: any) => i.id === activityId));
    const otherDay = await request(s.url).get('/api/volunteer/activities?date=2026-12-21').expect(200);
    assert.ok(!otherDay.body.items.some((i: any) => i.id === activityId));

    // Sign up: two places, the third waits; a cancellation moves the waiting list up.
    const sa = await request(s.url).post(`/api/volunteer/activities/${activityId}/signup`).set(a.auth).expect(201);
    assert.equal(sa.body.signup.statusName, '待审核');
    const twice = await request(s.url).post(`/api/volunteer/activities/${activityId}/signup`).set(a.auth).expect(409);
    assert.equal(twice.body.error.code, 'ALREADY_SIGNED_UP');
    await request(s.url).post(`/api/volunteer/activities/${activityId}/signup`).set(b.auth).expect(201);
    const sc = await request(s.url).post(`/api/volunteer/activities/${activityId}/signup`).set(c.auth).expect(201);
    assert.equal(sc.body.signup.status, 'waitlisted');
    await request(s.url).post(`/api/volunteer/activities/${activityId}/signup/cancel`).set(b.auth).expect(200);
    const cNow = await request(s.url).get(`/api/volunteer/me/activities/${activityId}`).set(c.auth).expect(200);
    assert.equal(cNow.body.signup.status, 'pending', 'the waiting list moved up');

    // The organizer reviews: approve one, reject one with a reason.
    const list = await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/signups`)
      .set(organizer.auth)
      .expect(200);
    const idOf = (name: string) =>
      list.body.items.find((i: any) => i.volunteer.name === name && i.status !== 'cancelled').id;
    await request(s.url)
      .post(`/api/staff/volunteer/signups/${idOf('李**')}/approve`)
      .set(organizer.auth)
      .send({})
      .expect(200);
    const noReason = await request(s.url)
      .post(`/api/staff/volunteer/signups/${idOf('吴**')}/reject`)
      .set(organizer.auth)
      .send({})
      .expect(400);
    assert.equal(noReason.body.error.code, 'VALIDATION_FAILED');
    await request(s.url)
      .post(`/api/staff/volunteer/signups/${idOf('吴**')}/reject`)
      .set(organizer.auth)
      .send({ reason: '本次活动需有急救证书' })
      .expect(200);
    const rejected = await request(s.url).get(`/api/volunteer/me/activities/${activityId}`).set(c.auth).expect(200);
    assert.equal(rejected.body.signup.reason, '本次活动需有急救证书');

    // After the deadline: no sign-ups, no cancelling online.
    moveTo(s, '2026-12-19', '19:00');
    const late = await request(s.url).post(`/api/volunteer/activities/${activityId}/signup`).set(b.auth).expect(409);
    assert.equal(late.body.error.code, 'DEADLINE_PASSED');

    // The day: scan in at the place, early; scan out with a fresh code.
    moveTo(s, '2026-12-20', '08:50');
    await request(s.url).post(`/api/staff/volunteer/activities/${activityId}/start`).set(organizer.auth).expect(200);
    const inCode = await onsiteCode(s.url, organizer, activityId);
    const signedIn = await scan(s.url, a, inCode, 'in', north(100), { activityId }).expect(200);
    assert.equal(signedIn.body.attendance.statusName, '已签到');
    assert.deepEqual(signedIn.body.attendance.flags, []);

    moveTo(s, '2026-12-20', '11:30');
    const stale = await scan(s.url, a, inCode, 'out').expect(400);
    assert.equal(stale.body.error.code, 'CODE_EXPIRED');
    const outCode = await onsiteCode(s.url, organizer, activityId);
    const signedOut = await scan(s.url, a, outCode, 'out').expect(200);
    assert.equal(signedOut.body.attendance.minutes, 150, '09:00 (not 08:50) to 11:30');

    const pending = await request(s.url).get('/api/volunteer/me/record').set(a.auth).expect(200);
    assert.equal(pending.body.approvedHours, 0, 'nothing counts before the organizer confirms');

    const roster = await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/attendance`)
      .set(organizer.auth)
      .expect(200);
    const attendanceId = roster.body.items[0].id;
    await request(s.url)
      .post(`/api/staff/volunteer/attendance/${attendanceId}/confirm`)
      .set(organizer.auth)
      .send({})
      .expect(200);
    const again = await request(s.url)
      .post(`/api/staff/volunteer/attendance/${attendanceId}/confirm`)
      .set(organizer.auth)
      .send({})
      .expect(409);
    assert.equal(again.body.error.code, 'ALREADY_DECIDED');

    const record = await request(s.url).get('/api/volunteer/me/record').set(a.auth).expect(200);
    assert.equal(record.body.approvedHours, 2.5);
    // Told along the way, in the 消息 list.
    const inbox = JSON.stringify((await request(s.url).get('/api/messages').set(a.auth).expect(200)).body);
    assert.match(inbox, /志愿活动报名已录用/);
    assert.match(inbox, /志愿服务时长已确认/);
    assert.match(
      JSON.stringify((await request(s.url).get('/api/messages').set(c.auth).expect(200)).body),
      /本次活动需有急救证书/,
    );
    assert.equal(record.body.star, 0);
    assert.equal(record.body.entries[0].kindName, '扫码记录');
    assert.equal(record.body.activities[0].attendance.statusName, '时长已确认');

    const chain = await request(s.url)
      .get(`/api/staff/volunteer/ledger/verify?volunteerNumber=${a.number}`)
      .set(officer.auth)
      .expect(200);
    assert.equal(chain.body.intact, true);

    // The certificate: requested, issued by the organization, verified by anyone.
    const asked = await request(s.url)
      .post('/api/volunteer/me/certificates')
      .set(a.auth)
      .send({ orgId, purpose: '学校综合素质评价' })
      .expect(201);
    const issued = await request(s.url)
      .post(`/api/staff/volunteer/certificates/${asked.body.certificate.id}/issue`)
      .set(organizer.auth)
      .expect(200);
    const number = issued.body.certificate.number as string;
    assert.match(number, /^ZM2026\d{8}[0-9A-F]{4}$/);
    const checked = await request(s.url).get(`/api/volunteer/certificates/${number}`).expect(200);
    assert.equal(checked.body.valid, true);
    assert.equal(checked.body.content.volunteer.name, '李**');
    assert.equal(checked.body.content.service.totalHours, 2.5);
    assert.equal(checked.body.content.issuer.handler, '陈组织');
    // Offline: the published key checks the signature over the canonical content.
    const { body: key } = await request(s.url).get('/api/volunteer/certificates/public-key').expect(200);
    assert.ok(
      verify(
        null,
        Buffer.from(canonicalJson(checked.body.content)),
        createPublicKey(key.publicKey),
        Buffer.from(checked.body.signature, 'base64'),
      ),
    );
    const forged = { ...checked.body.content, service: { ...checked.body.content.service, totalHours: 250 } };
    assert.ok(
      !verify(
        null,
        Buffer.from(canonicalJson(forged)),
        createPublicKey(key.publicKey),
        Buffer.from(checked.body.signature, 'base64'),
      ),
      'a changed number of hours fails the signature',
    );
    const page = await request(s.url).get(`/verify/${number}`).expect(200);
    assert.match(page.text, /有效/);
    assert.match(page.text, /李\*\*/);

    const tampered = `${number.slice(0, -5)}${(Number(number.at(-5)) + 1) % 10}${number.slice(-4)}`;
    const bad = await request(s.url).get(`/api/volunteer/certificates/${tampered}`).expect(404);
    assert.match(bad.body.error.message, /证明编号不存在或有误/);
    await request(s.url).get(`/verify/${tampered}`).expect(404);

    await request(s.url)
      .post(`/api/staff/volunteer/certificates/${asked.body.certificate.id}/revoke`)
      .set(organizer.auth)
      .send({ reason: '服务时长记录有误，重新开具' })
      .expect(200);
    const revoked = await request(s.url).get(`/api/volunteer/certificates/${number}`).expect(200);
    assert.equal(revoked.body.valid, false);
    assert.equal(revoked.body.statusName, '已撤销');
    assert.match((await request(s.url).get(`/verify/${number}`)).text, /已撤销/);
  });
});
