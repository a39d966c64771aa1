import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { addMonths } from '../../src/platform/clock';
import { AUTO_EXIT_CAUSE, ESCALATE_CAUSE } from '../../src/modules/social-orgs/credit';
import { createOrg, daysAgo, officer } from './helpers';

describe('Credit lists: officers decide, the daily job applies the rules, followers hear of it', () => {
  let s: TestServer;
  let beijing: Awaited<ReturnType<typeof officer>>;
  const today = daysAgo(0);
  before(async () => {
    s = await startServer();
    beijing = await officer(s.url, ['11']);
  });
  after(async () => s.close());

  const messages = async (auth: Record<string, string>) =>
    (await request(s.url).get('/api/messages').set(auth).expect(200)).body.items as {
      title: string;
      body: string;
      link: string;
    }[];
  const listOn = (uscc: string, body: Record<string, unknown>) =>
    request(s.url)
      .post(`/api/staff/social-orgs/${uscc}/credit-entries`)
      .set(beijing.auth)
      .send({ decisionNo: '京民社异〔2026〕1号', authority: '北京市朝阳区民政局', ...body });

  it('puts a followed organization on the abnormal list and off again, telling the follower each time', async () => {
    const org = await createOrg(s.url, beijing.auth, { name: '北京市朝阳区围棋协会' });
    const citizen = await loginCitizen(s.url);
    await request(s.url).put(`/api/social-orgs/${org.uscc}/follow`).set(citizen.auth).expect(200);
    assert.equal(
      (await request(s.url).get(`/api/social-orgs/${org.uscc}/follow`).set(citizen.auth).expect(200)).body.following,
      true,
    );
    const following = await request(s.url).get('/api/social-orgs/following').set(citizen.auth).expect(200);
    assert.deepEqual(
      following.body.items.map((i: { uscc: string }) => i.uscc),
      [org.uscc],
    );

    const listed = await listOn(org.uscc, { list: 'abnormal', reasonCategory: 'unreachable', dateIn: today }).expect(
      201,
    );
    assert.equal(listed.body.creditStatus, 'abnormal');
    assert.equal(listed.body.entry.correctionRequired, true);
    const [notice] = await messages(citizen.auth);
    assert.match(notice.title, /北京市朝阳区围棋协会.*活动异常/);
    assert.match(notice.body, /无法与社会组织取得联系/);
    assert.match(notice.link, new RegExp(org.uscc));

    const profile = await request(s.url).get(`/api/social-orgs/${org.uscc}`).expect(200);
    assert.equal(profile.body.creditStatus, 'abnormal');
    assert.equal(profile.body.creditHistory.length, 1);
    const search = await request(s.url)
      .get('/api/social-orgs')
      .query({ q: '围棋协会', credit: 'abnormal' })
      .expect(200);
    assert.equal(search.body.items[0].creditStatus, 'abnormal');

    const entryId = listed.body.entry.id;
    const off = await request(s.url)
      .post(`/api/staff/social-orgs/${org.uscc}/credit-entries/${entryId}/removal`)
      .set(beijing.auth)
      .send({ dateOut: today, reasonOut: '已核实住所，恢复联系' })
      .expect(200);
    assert.equal(off.body.creditStatus, 'normal');
    assert.match((await messages(citizen.auth))[0].title, /正常/);
    const again = await request(s.url)
      .post(`/api/staff/social-orgs/${org.uscc}/credit-entries/${entryId}/removal`)
      .set(beijing.auth)
      .send({ dateOut: today, reasonOut: '重复操作' })
      .expect(409);
    assert.equal(again.body.error.code, 'ENTRY_CLOSED');

    // History is kept: the closed entry is still there, with its exit.
    const after = await request(s.url).get(`/api/social-orgs/${org.uscc}`).expect(200);
    assert.equal(after.body.creditHistory[0].dateOut, today);
    assert.equal(after.body.transitions.length, 2);

    await request(s.url).delete(`/api/social-orgs/${org.uscc}/follow`).set(citizen.auth).expect(200);
    assert.equal((await request(s.url).get('/api/social-orgs/following').set(citizen.auth).expect(200)).body.total, 0);
  });

  it('lets the daily job end a 6-month listing that needed no correction, once, with its cause and audit', async () => {
    const org = await createOrg(s.url, beijing.auth, { name: '北京市朝阳区象棋协会' });
    const citizen = await loginCitizen(s.url);
    await request(s.url).put(`/api/social-orgs/${org.uscc}/follow`).set(citizen.auth).expect(200);
    const dateIn = addMonths(today, -5);
    await listOn(org.uscc, { list: 'abnormal', reasonCategory: 'warning_or_fine', dateIn }).expect(201);
    const exit = addMonths(dateIn, 6);

    // Derived for any date, before the job has run.
    const asOf = async (d: string) =>
      (await request(s.url).get(`/api/social-orgs/${org.uscc}`).query({ asOf: d }).expect(200)).body;
    assert.equal((await asOf(today)).creditStatus, 'abnormal');
    const later = await asOf(exit);
    assert.equal(later.creditStatus, 'normal');
    assert.equal(later.creditHistory[0].dateOut, exit);
    assert.equal(later.creditHistory[0].reasonOut, AUTO_EXIT_CAUSE);

    // The job, run for a day past the exit date (as it will run then), persists the exit once.
    assert.equal((await s.app.modules.socialOrgs.applyCreditRules(today)).applied, 0);
    const runDay = addMonths(today, 2);
    assert.ok((await s.app.modules.socialOrgs.applyCreditRules(runDay)).applied >= 1);
    assert.equal((await s.app.modules.socialOrgs.applyCreditRules(runDay)).applied, 0, 'a second run changes nothing');

    const body = await asOf(runDay);
    assert.equal(body.creditHistory[0].dateOut, exit);
    assert.equal(body.creditHistory[0].reasonOut, AUTO_EXIT_CAUSE);
    const auto = body.transitions.find((t: { kind: string }) => t.kind === 'auto_exit');
    assert.deepEqual([auto.from, auto.to, auto.cause, auto.date], ['abnormal', 'normal', AUTO_EXIT_CAUSE, exit]);
    const listed = await request(s.url).get('/api/social-orgs').query({ q: '象棋协会' }).expect(200);
    assert.equal(listed.body.items[0].creditStatus, 'normal');
    const [audit] = await s.app.platform.db.query(
      `SELECT action, actor_type FROM audit_logs WHERE target_id = '${org.uscc}' AND action = 'social_org.credit.auto_exit'`,
    );
    assert.deepEqual(audit, [{ action: 'social_org.credit.auto_exit', actor_type: 'system' }]);
    const [notice] = await messages(citizen.auth);
    assert.match(notice.title, /正常/);
    assert.match(notice.body, /期满自动移出/);
  });

  it('moves an entry uncorrected for 2 years to the serious list, and shows each past date as it was', async () => {
    const org = await createOrg(s.url, beijing.auth, { name: '北京市朝阳区桥牌协会' });
    const dateIn = addMonths(today, -25);
    await listOn(org.uscc, { list: 'abnormal', reasonCategory: 'annual_report_missing', dateIn }).expect(201);
    await s.app.modules.socialOrgs.applyCreditRules(today);
    await s.app.modules.socialOrgs.applyCreditRules(today);

    const { body } = await request(s.url).get(`/api/social-orgs/${org.uscc}`).expect(200);
    assert.equal(body.creditStatus, 'serious');
    assert.equal(body.creditStatusName, '严重违法失信');
    assert.deepEqual(
      body.creditHistory.map((e: { list: string }) => e.list),
      ['serious', 'abnormal'],
      'exactly one serious entry',
    );
    assert.equal(body.creditHistory[0].reasonCategory, 'abnormal_2y');
    assert.equal(body.creditHistory[0].dateIn, addMonths(dateIn, 24));
    assert.equal(body.creditHistory[1].reasonOut, ESCALATE_CAUSE);

    const asOf = async (d: string) =>
      (await request(s.url).get(`/api/social-orgs/${org.uscc}`).query({ asOf: d }).expect(200)).body.creditStatus;
    assert.equal(await asOf(addMonths(dateIn, -1)), 'normal');
    assert.equal(await asOf(addMonths(dateIn, 12)), 'abnormal');
    assert.equal(await asOf(addMonths(dateIn, 24)), 'serious');
  });

  it('records inspections, penalties and a 5-year rating on the profile', async () => {
    const org = await createOrg(s.url, beijing.auth, { name: '北京市朝阳区摄影家协会' });
    await request(s.url)
      .post(`/api/staff/social-orgs/${org.uscc}/inspections`)
      .set(beijing.auth)
      .send({ year: 2024, kind: 'annual_report', result: 'qualified' })
      .expect(201);
    await request(s.url)
      .post(`/api/staff/social-orgs/${org.uscc}/inspections`)
      .set(beijing.auth)
      .send({ year: 2024, kind: 'annual_report', result: 'basic' })
      .expect(409);
    await request(s.url)
      .post(`/api/staff/social-orgs/${org.uscc}/penalties`)
      .set(beijing.auth)
      .send({
        decisionNo: '京朝民罚〔2025〕3号',
        authority: '北京市朝阳区民政局',
        date: '2025-04-02',
        kind: '警告',
        reason: '未按规定报送年度工作报告',
      })
      .expect(201);
    const rating = await request(s.url)
      .post(`/api/staff/social-orgs/${org.uscc}/ratings`)
      .set(beijing.auth)
      .send({ level: 4, validFrom: '2024-01-01', authority: '北京市朝阳区民政局' })
      .expect(201);
    assert.equal(rating.body.rating.validTo, '2029-01-01');
    const { body } = await request(s.url).get(`/api/social-orgs/${org.uscc}`).expect(200);
    assert.equal(body.rating.label, '4A');
    assert.equal(body.inspections[0].resultName, '合格');
    assert.equal(body.penalties[0].kind, '警告');
  });

  it('keeps other regions, other roles and citizens out of the credit lists', async () => {
    const org = await createOrg(s.url, beijing.auth, { name: '北京市朝阳区乒乓球协会' });
    const shenzhen = await officer(s.url, ['4403']);
    const r = await request(s.url)
      .post(`/api/staff/social-orgs/${org.uscc}/credit-entries`)
      .set(shenzhen.auth)
      .send({
        list: 'abnormal',
        reasonCategory: 'unreachable',
        decisionNo: '深民〔2026〕1号',
        authority: '深圳市民政局',
        dateIn: today,
      })
      .expect(404);
    assert.equal(r.body.error.code, 'NOT_FOUND');
    const hall = await officer(s.url, ['11'], ['hall_staff']);
    await request(s.url).post(`/api/staff/social-orgs/${org.uscc}/credit-entries`).set(hall.auth).send({}).expect(403);
    const citizen = await loginCitizen(s.url);
    await request(s.url)
      .post(`/api/staff/social-orgs/${org.uscc}/credit-entries`)
      .set(citizen.auth)
      .send({})
      .expect(401);
    const wrongReason = await listOn(org.uscc, {
      list: 'serious',
      reasonCategory: 'unreachable',
      dateIn: today,
    }).expect(400);
    assert.ok(wrongReason.body.error.fields.reasonCategory);
    const future = await listOn(org.uscc, {
      list: 'abnormal',
      reasonCategory: 'unreachable',
      dateIn: addMonths(today, 1),
    }).expect(400);
    assert.equal(future.body.error.code, 'DATE_IN_FUTURE');
  });
});
