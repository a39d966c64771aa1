import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import {
  moveTo,
  north,
  onsiteCode,
  organization,
  publishedActivity,
  scan,
  type Staff,
  staffAt,
  volunteer,
} from './support';

/**
 * 志愿服务统计: an organization's scanned and 补录 hours, its activities and its volunteers come
 * back by Beijing month and by 区县, with the share of 补录 by organization — for the staff who may
 * act for it, and for nobody else.
 */
describe('志愿服务 · statistics by month, area and organization, within scope', () => {
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

  const stats = (who: Staff, query = '') => request(s.url).get(`/api/staff/volunteer/stats${query}`).set(who.auth);

  it('counts volunteers, activities and hours (补录 apart) by month, area and organization', async function () {
    this.timeout(120_000);
    const december = await publishedActivity(s.url, organizer, orgId, '2026-12-20');
    const january = await publishedActivity(s.url, organizer, orgId, '2027-01-10', { divisionCode: '110108001' });
    // Neither a cancelled activity nor a draft counts as held.
    const cancelled = await publishedActivity(s.url, organizer, orgId, '2026-12-21');
    await request(s.url)
      .post(`/api/staff/volunteer/activities/${cancelled}/cancel`)
      .set(organizer.auth)
      .send({ reason: '天气原因取消' })
      .expect(200);
    const draft = await request(s.url)
      .post('/api/staff/volunteer/activities')
      .set(organizer.auth)
      .send({
        orgId,
        title: '草稿活动',
        type: 'elderly',
        divisionCode: '110105001',
        description: '尚未发布',
        insurance: false,
        quota: 1,
        address: '北京市朝阳区',
        lat: 39.9,
        lng: 116.4,
        startsAt: '2026-12-22T09:00:00+08:00',
        endsAt: '2026-12-22T10:00:00+08:00',
        signupDeadline: '2026-12-21T18:00:00+08:00',
      })
      .expect(201);
    assert.equal(draft.body.activity.status, 'draft');

    // 李 comes and scans: 09:00–11:30 credited once confirmed.
    const li = await volunteer(s.url, '李扫码');
    await request(s.url).post(`/api/volunteer/activities/${december}/signup`).set(li.auth).expect(201);
    const signups = await request(s.url)
      .get(`/api/staff/volunteer/activities/${december}/signups`)
      .set(organizer.auth)
      .expect(200);
    await request(s.url)
      .post(`/api/staff/volunteer/signups/${signups.body.items[0].id}/approve`)
      .set(organizer.auth)
      .send({})
      .expect(200);
    moveTo(s, '2026-12-20', '08:55');
    await request(s.url).post(`/api/staff/volunteer/activities/${december}/start`).set(organizer.auth).expect(200);
    await scan(s.url, li, await onsiteCode(s.url, organizer, december), 'in', north(50), {
      activityId: december,
    }).expect(200);
    moveTo(s, '2026-12-20', '11:30');
    await scan(s.url, li, await onsiteCode(s.url, organizer, december), 'out', north(50)).expect(200);
    const roster = await request(s.url)
      .get(`/api/staff/volunteer/activities/${december}/attendance`)
      .set(organizer.auth)
      .expect(200);
    await request(s.url)
      .post(`/api/staff/volunteer/attendance/${roster.body.items[0].id}/confirm`)
      .set(organizer.auth)
      .send({})
      .expect(200);

    // 周 is entered by hand (补录): one hour in December, three in January (海淀).
    const zhou = await volunteer(s.url, '周补录');
    const manual = (activityId: number, startAt: string, endAt: string) =>
      request(s.url)
        .post(`/api/staff/volunteer/activities/${activityId}/manual-hours`)
        .set(organizer.auth)
        .send({ volunteerNumber: zhou.number, startAt, endAt, reason: '纸质签到表补录' })
        .expect(201);
    await manual(december, '2026-12-20T09:00:00+08:00', '2026-12-20T10:00:00+08:00');
    await manual(january, '2027-01-10T09:00:00+08:00', '2027-01-10T12:00:00+08:00');

    const { body } = await stats(organizer, '?from=2026-12&to=2027-01').expect(200);
    assert.deepEqual(body.byMonth, [
      { month: '2026-12', volunteers: 2, activities: 1, hours: 3.5, manualHours: 1 },
      { month: '2027-01', volunteers: 1, activities: 1, hours: 3, manualHours: 3 },
    ]);
    assert.deepEqual(body.totals, { volunteers: 2, activities: 2, hours: 6.5, manualHours: 4 });
    assert.deepEqual(body.byArea, [
      { divisionCode: '110105', divisionName: '朝阳区', volunteers: 2, activities: 1, hours: 3.5, manualHours: 1 },
      { divisionCode: '110108', divisionName: '海淀区', volunteers: 1, activities: 1, hours: 3, manualHours: 3 },
    ]);
    // Below the 区县: each 乡镇/街道 the activities were registered in, named, with its 区县.
    assert.deepEqual(
      body.byTown.map((t: Record<string, unknown>) => [
        t.divisionCode,
        t.divisionName,
        t.countyName,
        t.volunteers,
        t.activities,
        t.hours,
        t.manualHours,
      ]),
      [
        ['110105001', '建外街道', '朝阳区', 2, 1, 3.5, 1],
        ['110108001', '万寿路街道', '海淀区', 1, 1, 3, 3],
      ],
    );
    assert.equal(body.byOrg.length, 1);
    assert.equal(body.byOrg[0].orgId, orgId);
    assert.equal(body.byOrg[0].manualShare, 0.615);
    assert.equal(body.byOrg[0].manualFlagged, true, 'mostly 补录: flagged to staff');

    // A narrower area, a month outside, the officer of the division.
    const haidian = await stats(organizer, '?from=2026-12&to=2027-01&divisionCode=110108').expect(200);
    assert.deepEqual(haidian.body.totals, { volunteers: 1, activities: 1, hours: 3, manualHours: 3 });
    assert.deepEqual(
      haidian.body.byTown.map((t: { divisionCode: string }) => t.divisionCode),
      ['110108001'],
      'a county narrows its 乡镇/街道',
    );
    const november = await stats(organizer, '?from=2026-11&to=2026-11').expect(200);
    assert.deepEqual(november.body.totals, { volunteers: 0, activities: 0, hours: 0, manualHours: 0 });
    const byOfficer = await stats(officer, '?from=2026-12&to=2027-01').expect(200);
    const ours = byOfficer.body.byOrg.find((o: { orgId: number }) => o.orgId === orgId);
    assert.equal(ours.hours, 6.5);

    // The default: the twelve Beijing months up to this one.
    const recent = await stats(organizer).expect(200);
    assert.equal(recent.body.byMonth.length, 12);
    assert.equal(recent.body.to, '2026-12');
    assert.equal(recent.body.byMonth[11].hours, 3.5);
  });

  it('shows another division nothing of this organization, and refuses bad ranges and citizens', async () => {
    const elsewhere = await staffAt(s.url, ['310101'], ['volunteer_officer'], '上海管理');
    const { body } = await stats(elsewhere, '?from=2026-12&to=2027-01').expect(200);
    assert.ok(!body.byOrg.some((o: { orgId: number }) => o.orgId === orgId), 'not in scope');
    assert.ok(!body.byArea.some((a: { divisionCode: string }) => a.divisionCode.startsWith('1101')));
    assert.ok(
      !body.byTown.some((a: { divisionCode: string }) => a.divisionCode.startsWith('1101')),
      'no town out of scope',
    );
    const loner = await staffAt(s.url, [], ['volunteer_organizer'], '无组织');
    const none = await stats(loner, '?from=2026-12&to=2027-01').expect(200);
    assert.deepEqual(none.body.totals, { volunteers: 0, activities: 0, hours: 0, manualHours: 0 });

    const backwards = await stats(organizer, '?from=2027-02&to=2026-12').expect(400);
    assert.equal(backwards.body.error.code, 'BAD_TIMES');
    assert.match(backwards.body.error.message, /起始月份不能晚于截止月份/);
    const badMonth = await stats(organizer, '?from=2026-13').expect(400);
    assert.equal(badMonth.body.error.code, 'VALIDATION_FAILED');
    const tooLong = await stats(organizer, '?from=2020-01&to=2026-12').expect(400);
    assert.match(tooLong.body.error.message, /最多统计36个月/);
    const citizen = await loginCitizen(s.url);
    await request(s.url).get('/api/staff/volunteer/stats').set(citizen.auth).expect(401);
  });
});
