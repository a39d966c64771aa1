import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import {
  moveTo,
  north,
  onsiteCode,
  organization,
  publishedActivity,
  SITE,
  scan,
  type Staff,
  volunteer,
} from './support';

type Volunteer = Awaited<ReturnType<typeof volunteer>>;

/**
 * Hours that cannot be faked: every way around the on-site code, the place, the time and the
 * organizer is refused with a clear Chinese message and leaves only an attempt; a scan a
 * little off the place or the time is kept but counts only with the organizer's reason; 补录
 * is marked; one person is never credited twice for the same time; an edit of the ledger in
 * the database is found.
 */
describe('志愿服务 · the fraud paths: nothing credited, every attempt recorded', () => {
  let s: TestServer;
  let officer: Staff;
  let organizer: Staff;
  let orgId: number;
  let activityId: number;
  let otherId: number;
  let v: Volunteer;

  const approve = async (who: Volunteer, id: number) => {
    await request(s.url).post(`/api/volunteer/activities/${id}/signup`).set(who.auth).expect(201);
    const list = await request(s.url)
      .get(`/api/staff/volunteer/activities/${id}/signups`)
      .set(organizer.auth)
      .expect(200);
    const mine = list.body.items.find((i: any) => i.volunteer.number === who.number);
    await request(s.url)
      .post(`/api/staff/volunteer/signups/${mine.id}/approve`)
      .set(organizer.auth)
      .send({})
      .expect(200);
  };

  before(async function () {
    this.timeout(180_000);
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    ({ officer, organizer, orgId } = await organization(s.url));
    activityId = await publishedActivity(s.url, organizer, orgId, '2026-12-20', { quota: 10 });
    // Another activity the same morning, 09:30–11:00, elsewhere in the city.
    otherId = await publishedActivity(s.url, organizer, orgId, '2026-12-20', {
      quota: 10,
      title: '社区环境清洁',
      type: 'environment',
      startsAt: '2026-12-20T09:30:00+08:00',
      endsAt: '2026-12-20T11:00:00+08:00',
      ...north(3000),
    });
    v = await volunteer(s.url, '孙认真');
    await approve(v, activityId);
    await approve(v, otherId);
  });
  after(async () => s.close());

  it('refuses forged, malformed, expired and other-activity codes, and sign-out without sign-in', async function () {
    this.timeout(60_000);
    moveTo(s, '2026-12-20', '08:55');
    const code = await onsiteCode(s.url, organizer, activityId);
    const forged = `${code.slice(0, -4)}${code.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const cases: [string, string, number, string, Record<string, unknown>?][] = [
      [forged, 'in', 400, 'CODE_INVALID'],
      ['https://example.com/not-a-code', 'in', 400, 'CODE_INVALID'],
      [code, 'in', 400, 'CODE_OTHER_ACTIVITY', { activityId: otherId }],
      [code, 'out', 409, 'NOT_SIGNED_IN'],
    ];
    for (const [c, action, status, errorCode, extra] of cases) {
      const r = await scan(s.url, v, c, action as 'in' | 'out', SITE, extra).expect(status);
      assert.equal(r.body.error.code, errorCode);
      assert.match(r.body.error.message, /[\u4e00-\u9fa5]/, 'a Chinese message');
    }
    // A stranger who was never approved cannot use a real code.
    const stranger = await volunteer(s.url, '钱路人');
    const notApproved = await scan(s.url, stranger, code, 'in').expect(403);
    assert.match(notApproved.body.error.message, /没有被录用/);
    // A screenshot sent home: a minute later it no longer works.
    s.app.platform.clock.advance(61_000);
    const expired = await scan(s.url, v, code, 'in').expect(400);
    assert.equal(expired.body.error.code, 'CODE_EXPIRED');
    // From home, with a fresh code forwarded at once: too far away.
    const fresh = await onsiteCode(s.url, organizer, activityId);
    const home = await scan(s.url, v, fresh, 'in', north(20_000)).expect(400);
    assert.equal(home.body.error.code, 'LOCATION_TOO_FAR');

    const record = await request(s.url).get('/api/volunteer/me/record').set(v.auth).expect(200);
    assert.equal(
      record.body.activities.find((a: any) => a.activity.id === activityId).attendance,
      null,
      'nothing kept',
    );
    const attempts = await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/attempts`)
      .set(organizer.auth)
      .expect(200);
    const outcomes = attempts.body.items.map((a: any) => a.outcome);
    for (const expected of ['CODE_EXPIRED', 'LOCATION_TOO_FAR', 'NOT_SIGNED_IN', 'FORBIDDEN'])
      assert.ok(outcomes.includes(expected), `attempt ${expected} recorded: ${outcomes}`);
  });

  it('keeps a scan a little off the place, and credits it only with the organizer’s reason', async function () {
    this.timeout(60_000);
    moveTo(s, '2026-12-20', '09:00');
    // 800 m away, accuracy 30 m: outside 500 m + 30 m, but not far.
    const inCode = await onsiteCode(s.url, organizer, activityId);
    const signedIn = await scan(s.url, v, inCode, 'in', north(800), { activityId }).expect(200);
    assert.deepEqual(signedIn.body.attendance.flagNames, ['不在活动地点范围内']);
    const twice = await scan(s.url, v, inCode, 'in').expect(409);
    assert.equal(twice.body.error.code, 'ALREADY_SIGNED_IN');
    // Signed in here: not at the other activity at the same time.
    const elsewhere = await scan(s.url, v, await onsiteCode(s.url, organizer, otherId), 'in', north(3000)).expect(409);
    assert.equal(elsewhere.body.error.code, 'SIGNED_IN_ELSEWHERE');
    // The very code used to sign in cannot sign out.
    moveTo(s, '2026-12-20', '09:00');
    s.app.platform.clock.advance(30_000);
    const replay = await scan(s.url, v, inCode, 'out').expect(400);
    assert.equal(replay.body.error.code, 'CODE_REPLAYED');

    moveTo(s, '2026-12-20', '12:40');
    const late = await scan(s.url, v, await onsiteCode(s.url, organizer, activityId), 'out').expect(200);
    assert.deepEqual(late.body.attendance.flags.sort(), ['out_of_fence', 'out_of_window']);
    assert.equal(late.body.attendance.minutes, 180, 'capped at the activity’s 12:00 end');
    const again = await scan(s.url, v, await onsiteCode(s.url, organizer, activityId), 'out').expect(409);
    assert.equal(again.body.error.code, 'ALREADY_SIGNED_OUT');

    const roster = await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/attendance`)
      .set(organizer.auth)
      .expect(200);
    const row = roster.body.items.find((i: any) => i.volunteer.number === v.number);
    assert.equal(row.needsReview, true);
    const bare = await request(s.url)
      .post(`/api/staff/volunteer/attendance/${row.id}/confirm`)
      .set(organizer.auth)
      .send({})
      .expect(400);
    assert.equal(bare.body.error.code, 'REASON_REQUIRED');
    assert.equal((await request(s.url).get('/api/volunteer/me/record').set(v.auth)).body.approvedHours, 0);
    await request(s.url)
      .post(`/api/staff/volunteer/attendance/${row.id}/confirm`)
      .set(organizer.auth)
      .send({ reason: '活动在敬老院北门外集合，现场确认本人在岗' })
      .expect(200);
    assert.equal((await request(s.url).get('/api/volunteer/me/record').set(v.auth)).body.approvedHours, 3);
  });

  it('marks 补录, refuses overlapping hours, flags an organization living on manual entries', async function () {
    this.timeout(60_000);
    // The other activity overlaps the 09:00–12:00 just credited.
    const overlap = await request(s.url)
      .post(`/api/staff/volunteer/activities/${otherId}/manual-hours`)
      .set(organizer.auth)
      .send({
        volunteerNumber: v.number,
        startAt: '2026-12-20T09:30:00+08:00',
        endAt: '2026-12-20T11:00:00+08:00',
        reason: '现场签到设备故障，纸质签到表补录',
      })
      .expect(409);
    assert.equal(overlap.body.error.code, 'HOURS_OVERLAP');
    const noReason = await request(s.url)
      .post(`/api/staff/volunteer/activities/${activityId}/manual-hours`)
      .set(organizer.auth)
      .send({ volunteerNumber: v.number, startAt: '2026-12-20T09:00:00+08:00', endAt: '2026-12-20T10:00:00+08:00' })
      .expect(400);
    assert.equal(noReason.body.error.code, 'VALIDATION_FAILED');

    // A long activity whose hours are all 补录: marked everywhere, the org flagged, the stars follow.
    moveTo(s, '2026-12-18', '10:00');
    const long = await publishedActivity(s.url, organizer, orgId, '2026-12-22', {
      title: '大型赛事志愿服务',
      startsAt: '2026-12-22T00:00:00+08:00',
      endsAt: '2026-12-27T00:00:00+08:00',
    });
    await request(s.url)
      .post(`/api/staff/volunteer/activities/${long}/manual-hours`)
      .set(organizer.auth)
      .send({
        volunteerNumber: v.number,
        startAt: '2026-12-22T00:00:00+08:00',
        endAt: '2026-12-26T10:00:00+08:00',
        reason: '赛事期间驻点服务，按组委会排班表补录',
      })
      .expect(201);
    const record = await request(s.url).get('/api/volunteer/me/record').set(v.auth).expect(200);
    assert.equal(record.body.approvedHours, 109);
    assert.equal(record.body.manualHours, 106);
    assert.equal(record.body.star, 1, '100 approved hours make 1★');
    const manual = record.body.entries.find((e: any) => e.manual);
    assert.equal(manual.kindName, '补录');
    const orgs = await request(s.url).get('/api/staff/volunteer/orgs').set(officer.auth).expect(200);
    const org = orgs.body.items.find((o: any) => o.id === orgId);
    assert.equal(org.manualFlagged, true);

    // The certificate marks the 补录 hours too.
    const asked = await request(s.url)
      .post('/api/volunteer/me/certificates')
      .set(v.auth)
      .send({ orgId, purpose: '评优' })
      .expect(201);
    const issued = await request(s.url)
      .post(`/api/staff/volunteer/certificates/${asked.body.certificate.id}/issue`)
      .set(organizer.auth)
      .expect(200);
    assert.equal(issued.body.certificate.content.service.manualHours, 106);
    const page = await request(s.url).get(`/verify/${issued.body.certificate.number}`).expect(200);
    assert.match(page.text, /其中补录 106 小时/);
  });

  it('finds an edit of the hours ledger made in the database', async () => {
    const verify = () =>
      request(s.url)
        .get(`/api/staff/volunteer/ledger/verify?volunteerNumber=${v.number}`)
        .set(officer.auth)
        .expect(200);
    assert.equal((await verify()).body.intact, true);
    const { models } = s.app.modules.volunteer;
    const person = await models.Volunteer.findOne({ where: { number: v.number } });
    // Someone with database access turns 3 hours into 30.
    await models.Ledger.update({ minutes: 1800 }, { where: { volunteer_id: person!.id, seq: 1 } });
    const broken = (await verify()).body;
    assert.equal(broken.intact, false);
    assert.equal(broken.brokenAtSeq, 1);
  });

  it('keeps organizers of other organizations out', async function () {
    this.timeout(60_000);
    const other = await organization(s.url, '海淀区另一支志愿服务队');
    for (const path of [
      `/api/staff/volunteer/activities/${activityId}/signups`,
      `/api/staff/volunteer/activities/${activityId}/code`,
      `/api/staff/volunteer/activities/${activityId}/attendance`,
    ])
      await request(s.url).get(path).set(other.organizer.auth).expect(404);
    const citizenCannot = await request(s.url).get(`/api/staff/volunteer/activities/${activityId}/code`).set(v.auth);
    assert.equal(citizenCannot.status, 401);
  });
});
