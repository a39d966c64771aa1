import assert from 'node:assert/strict';
import request from 'supertest';
import sharp from 'sharp';
import { loginCitizen } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { seedSocialWorkDemo } from '../../src/modules/social-work/demo';
import {
  certificateNo,
  JIANWAI,
  SANLITUN,
  type Staff,
  setBeijingTime,
  socialOrg,
  staffAt,
  station,
  worker,
} from './support';

/**
 * 社会工作: the registry with reminders computed from the level rules; a citizen asks for help,
 * the station of their 乡镇 takes it, a worker is assigned and records the service, a supervisor
 * reviews, the worker closes and the citizen rates, once. Bad input changes nothing.
 */
describe('社会工作 · registry, asking for help, supervision and rating', () => {
  let s: TestServer;
  let officer: Staff;
  let stationId: number;

  before(async function () {
    this.timeout(180_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('social_work') });
    setBeijingTime(s, '2026-12-20', '10:00');
    officer = await staffAt(s.url, ['110105'], ['social_work_officer'], '朝阳区社会工作科');
    stationId = await station(s.url, officer);
  });
  after(async () => s.close());

  it('keeps the registry with deadlines and hours from the rules table, and links organizations by credit code', async () => {
    const rules = await request(s.url).get('/api/staff/social-work/level-rules').set(officer.auth).expect(200);
    const byLevel = Object.fromEntries(rules.body.items.map((r: any) => [r.level, r]));
    assert.equal(byLevel.assistant.hoursPerPeriod, 72);
    assert.equal(byLevel.senior.hoursPerPeriod, 90);

    // A 助理 certified 10 months ago, not yet registered: first registration due within the year.
    const fresh = await request(s.url)
      .post('/api/staff/social-work/workers')
      .set(officer.auth)
      .send({
        name: '王助理',
        level: 'assistant',
        certificateNo: certificateNo(),
        certifiedOn: '2026-02-20',
        divisionCode: JIANWAI,
        stationId,
      })
      .expect(201);
    assert.equal(fresh.body.worker.registrationDueOn, '2027-02-20');
    assert.deepEqual(
      fresh.body.worker.reminders.map((r: any) => r.kind),
      ['first_registration'],
    );
    // A 中级 registered almost 3 years ago with 40 of 90 hours: re-registration and hours due.
    const due = await request(s.url)
      .post('/api/staff/social-work/workers')
      .set(officer.auth)
      .send({
        name: '赵中级',
        level: 'intermediate',
        certificateNo: certificateNo(),
        certifiedOn: '2023-10-01',
        registeredOn: '2024-01-15',
        divisionCode: JIANWAI,
        stationId,
      })
      .expect(201);
    const dueId = due.body.worker.id;
    const trained = await request(s.url)
      .post(`/api/staff/social-work/workers/${dueId}/training`)
      .set(officer.auth)
      .send({ hours: 40, course: '儿童保护实务', completedOn: '2025-05-10' })
      .expect(201);
    assert.equal(trained.body.worker.hoursInPeriod, 40);
    assert.equal(trained.body.worker.hoursRequired, 90);
    const kinds = trained.body.worker.reminders.map((r: any) => r.kind).sort();
    assert.deepEqual(kinds, ['hours', 're_registration']);
    assert.match(trained.body.worker.reminders.find((r: any) => r.kind === 'hours').message, /还差50学时/);

    // Re-registering with hours short is refused and changes nothing; with the hours it lands.
    const short = await request(s.url)
      .post(`/api/staff/social-work/workers/${dueId}/registration`)
      .set(officer.auth)
      .send({ registeredOn: '2026-12-20' })
      .expect(409);
    assert.equal(short.body.error.code, 'HOURS_SHORT');
    await request(s.url)
      .post(`/api/staff/social-work/workers/${dueId}/training`)
      .set(officer.auth)
      .send({ hours: 50, course: '老年社会工作', completedOn: '2026-11-30' })
      .expect(201);
    const renewed = await request(s.url)
      .post(`/api/staff/social-work/workers/${dueId}/registration`)
      .set(officer.auth)
      .send({ registeredOn: '2026-12-20' })
      .expect(200);
    assert.equal(renewed.body.worker.registrationDueOn, '2029-12-20');
    assert.deepEqual(renewed.body.worker.reminders, []);

    const dueList = await request(s.url).get('/api/staff/social-work/workers?due=true').set(officer.auth).expect(200);
    const dueIds = dueList.body.items.map((w: any) => w.id);
    assert.ok(dueIds.includes(fresh.body.worker.id));
    assert.ok(!dueIds.includes(dueId));

    const dup = await request(s.url)
      .post('/api/staff/social-work/workers')
      .set(officer.auth)
      .send({
        name: '重复登记',
        level: 'assistant',
        certificateNo: fresh.body.worker.certificateNo,
        certifiedOn: '2026-02-20',
        divisionCode: JIANWAI,
      })
      .expect(409);
    assert.equal(dup.body.error.code, 'CERTIFICATE_TAKEN');

    // Service organizations come from the social organization register.
    const orgOfficer = await staffAt(s.url, ['11'], ['org_officer'], '北京市社会组织管理局');
    const uscc = await socialOrg(s.url, orgOfficer);
    const org = await request(s.url).post('/api/staff/social-work/orgs').set(officer.auth).send({ uscc }).expect(201);
    assert.match(org.body.org.name, /阳光社会工作服务中心/);
    const unknown = await request(s.url)
      .post('/api/staff/social-work/orgs')
      .set(officer.auth)
      .send({ uscc: `${uscc.slice(0, 10)}99999999` })
      .expect((r) => assert.ok(r.status === 400, `got ${r.status}`));
    assert.ok(['SOCIAL_ORG_NOT_FOUND', 'INVALID_USCC'].includes(unknown.body.error.code));
    // A station run by that organization.
    const run = await station(s.url, officer, '110105003', { orgUscc: uscc, services: ['elderly'] });
    const page = await request(s.url).get(`/api/social-work/stations/${run}`).expect(200);
    assert.equal(page.body.station.operator.uscc, uscc);
  });

  it('lists stations under a division with what each offers, nearest first', async () => {
    const list = await request(s.url)
      .get('/api/social-work/stations?division=110105&lat=39.908&lng=116.44')
      .expect(200);
    const mine = list.body.items.find((i: any) => i.id === stationId);
    assert.ok(mine, 'the 建外 station is listed');
    assert.deepEqual(mine.serviceNames, ['困难老人', '困境儿童', '心理支持', '家庭关系']);
    assert.ok(mine.distanceM < 50);
    const page = await request(s.url).get(`/api/social-work/stations/${stationId}`).expect(200);
    assert.ok(
      page.body.station.workers.every((w: any) => /社工$/.test(w.name)),
      'workers shown by surname only',
    );
    await request(s.url).get('/api/social-work/stations/999999').expect(404);
  });

  it('takes a request to the station of the 乡镇, assigns, records once, reviews, closes and is rated once', async function () {
    this.timeout(60_000);
    const li = await worker(s.url, officer, stationId, JIANWAI, '李社工');
    const other = await worker(s.url, officer, stationId, JIANWAI, '周社工');
    const citizen = await loginCitizen(s.url);

    const bad = await request(s.url)
      .post('/api/social-work/requests')
      .set(citizen.auth)
      .send({ category: 'pets', divisionCode: JIANWAI, description: '', contactName: '张', phone: '123' })
      .expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    const noStation = await request(s.url)
      .post('/api/social-work/requests')
      .set(citizen.auth)
      .send({
        category: 'elderly',
        divisionCode: '110105099',
        description: '独居老人需要探访',
        contactName: '张大爷',
        phone: '13800138000',
      })
      .expect(422);
    assert.equal(noStation.body.error.code, 'NO_STATION');
    assert.equal(
      (await request(s.url).get('/api/social-work/me/requests').set(citizen.auth).expect(200)).body.items.length,
      0,
    );

    const asked = await request(s.url)
      .post('/api/social-work/requests')
      .set(citizen.auth)
      .send({
        category: 'elderly',
        divisionCode: `${JIANWAI}002`,
        description: '母亲独居，行动不便，需要定期探访',
        contactName: '张明',
        phone: '13800138000',
      })
      .expect(201);
    const reqId = asked.body.request.id;
    assert.equal(asked.body.request.statusName, '待社工站受理');
    assert.match(asked.body.request.number, /^SG\d{8}\d{6}$/);

    // The station's inbox: contact masked in lists, in full on the page (audited).
    const inbox = await request(s.url).get('/api/staff/social-work/requests?status=submitted').set(li.auth).expect(200);
    const item = inbox.body.items.find((i: any) => i.id === reqId);
    assert.equal(item.phone, '138****8000');
    assert.equal(item.contactName, '张*');
    const full = await request(s.url).get(`/api/staff/social-work/requests/${reqId}`).set(li.auth).expect(200);
    assert.equal(full.body.request.phone, '13800138000');

    // Staff of another 乡镇 do not see it; a worker of another station cannot be assigned.
    const elsewhere = await staffAt(s.url, [SANLITUN], ['social_worker'], '三里屯社工');
    await request(s.url).get(`/api/staff/social-work/requests/${reqId}`).set(elsewhere.auth).expect(404);
    await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/assign`)
      .set(elsewhere.auth)
      .send({ workerId: li.workerId })
      .expect(404);
    const sanlitun = await station(s.url, officer, SANLITUN);
    const stranger = await worker(s.url, officer, sanlitun, SANLITUN, '吴社工');
    const wrongWorker = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/assign`)
      .set(li.auth)
      .send({ workerId: stranger.workerId })
      .expect(400);
    assert.equal(wrongWorker.body.error.code, 'WORKER_NOT_IN_STATION');

    await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/assign`)
      .set(li.auth)
      .send({ workerId: li.workerId })
      .expect(200);
    const messages = await request(s.url).get('/api/messages').set(citizen.auth).expect(200);
    assert.match(JSON.stringify(messages.body), /社工站已受理您的求助/);

    // A record by a worker it is not assigned to: refused, nothing stored.
    const record = {
      kind: 'visit',
      content: '上门探访，老人身体状况良好，需协助申请居家养老服务',
      servedOn: '2026-12-20',
      clientToken: 'visit-20261220-abcdef',
    };
    const notMine = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/records`)
      .set(other.auth)
      .send({ ...record, clientToken: 'other-20261220-abcdef' })
      .expect(403);
    assert.match(notMine.body.error.message, /没有分派给您/);
    const outside = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/records`)
      .set(stranger.auth)
      .send({ ...record, clientToken: 'stranger-2026-abcdef' })
      .expect(404);
    assert.equal(outside.body.error.code, 'NOT_FOUND');

    // The same submission twice (a retry on a weak signal): one record.
    const first = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/records`)
      .set(li.auth)
      .send(record)
      .expect(201);
    const again = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/records`)
      .set(li.auth)
      .send(record)
      .expect(200);
    assert.equal(again.body.record.id, first.body.record.id);
    assert.equal(again.body.duplicate, true);
    const recs = await request(s.url).get(`/api/staff/social-work/requests/${reqId}`).set(li.auth).expect(200);
    assert.equal(recs.body.records.length, 1);
    assert.equal(recs.body.request.statusName, '服务中');

    // Closing needs an approved record.
    const early = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/close`)
      .set(li.auth)
      .send({ summary: '已完成探访' })
      .expect(409);
    assert.equal(early.body.error.code, 'NO_APPROVED_RECORD');

    // Supervision: a return needs a reason; a decided record is not decided twice.
    const queue = await request(s.url)
      .get('/api/staff/social-work/records?status=pending')
      .set(officer.auth)
      .expect(200);
    assert.ok(queue.body.items.some((r: any) => r.id === first.body.record.id));
    const noReason = await request(s.url)
      .post(`/api/staff/social-work/records/${first.body.record.id}/reject`)
      .set(officer.auth)
      .send({})
      .expect(400);
    assert.match(noReason.body.error.message, /理由/);
    await request(s.url)
      .post(`/api/staff/social-work/records/${first.body.record.id}/reject`)
      .set(officer.auth)
      .send({ reason: '请补充老人的具体需求评估' })
      .expect(200);
    const twice = await request(s.url)
      .post(`/api/staff/social-work/records/${first.body.record.id}/approve`)
      .set(officer.auth)
      .expect(409);
    assert.equal(twice.body.error.code, 'RECORD_DECIDED');
    const second = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/records`)
      .set(li.auth)
      .send({
        ...record,
        content: '补充评估：需每周助餐两次，已转介社区食堂',
        kind: 'referral',
        clientToken: 'referral-2026-abcdef',
      })
      .expect(201);
    // A supervisor of another county does not see it.
    const haidian = await staffAt(s.url, ['110108'], ['social_work_officer'], '海淀区');
    await request(s.url)
      .post(`/api/staff/social-work/records/${second.body.record.id}/approve`)
      .set(haidian.auth)
      .expect(404);
    await request(s.url)
      .post(`/api/staff/social-work/records/${second.body.record.id}/approve`)
      .set(officer.auth)
      .expect(200);

    // The citizen cannot rate before closing.
    const tooEarly = await request(s.url)
      .post(`/api/social-work/me/requests/${reqId}/rating`)
      .set(citizen.auth)
      .send({ rating: 5 })
      .expect(409);
    assert.equal(tooEarly.body.error.code, 'NOT_CLOSED');

    await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/close`)
      .set(li.auth)
      .send({ summary: '已落实助餐服务，将定期回访' })
      .expect(200);
    const afterClose = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/records`)
      .set(li.auth)
      .send({ ...record, clientToken: 'late-20261220-abcdef' })
      .expect(409);
    assert.equal(afterClose.body.error.code, 'REQUEST_CLOSED');

    const closedMessages = await request(s.url).get('/api/messages').set(citizen.auth).expect(200);
    assert.match(JSON.stringify(closedMessages.body), /已结案/);
    const mine = await request(s.url).get(`/api/social-work/me/requests/${reqId}`).set(citizen.auth).expect(200);
    assert.equal(mine.body.request.statusName, '已结案');
    assert.equal(mine.body.request.workerName, '李社工');
    assert.equal(mine.body.request.canRate, true);
    const labels = mine.body.request.steps.map((x: any) => x.label);
    assert.deepEqual(labels, ['已提交求助', '社工站已安排社工', '转介（2026-12-20）', '服务已结案']);
    assert.ok(!JSON.stringify(mine.body).includes('请补充'), 'the citizen does not see returned records');

    const someoneElse = await loginCitizen(s.url);
    await request(s.url).get(`/api/social-work/me/requests/${reqId}`).set(someoneElse.auth).expect(404);
    await request(s.url)
      .post(`/api/social-work/me/requests/${reqId}/rating`)
      .set(someoneElse.auth)
      .send({ rating: 1 })
      .expect(404);
    await request(s.url)
      .post(`/api/social-work/me/requests/${reqId}/rating`)
      .set(citizen.auth)
      .send({ rating: 6 })
      .expect(400);
    await request(s.url)
      .post(`/api/social-work/me/requests/${reqId}/rating`)
      .set(citizen.auth)
      .send({ rating: 5, comment: '社工很耐心' })
      .expect(200);
    const rateAgain = await request(s.url)
      .post(`/api/social-work/me/requests/${reqId}/rating`)
      .set(citizen.auth)
      .send({ rating: 1 })
      .expect(409);
    assert.equal(rateAgain.body.error.code, 'ALREADY_RATED');

    const stats = await request(s.url).get('/api/staff/social-work/statistics').set(officer.auth).expect(200);
    const row = stats.body.stations.find((x: any) => x.stationId === stationId);
    assert.deepEqual(
      { total: row.total, closed: row.closed, averageRating: row.averageRating },
      { total: 1, closed: 1, averageRating: 5 },
    );
    assert.equal(stats.body.categories.find((c: any) => c.category === 'elderly').count, 1);
  });

  it('keeps one record when the same submission arrives three times at once, with its photo', async function () {
    this.timeout(60_000);
    const zhou = await worker(s.url, officer, stationId, JIANWAI, '郑社工');
    const citizen = await loginCitizen(s.url);
    const asked = await request(s.url)
      .post('/api/social-work/requests')
      .set(citizen.auth)
      .send({
        category: 'disability',
        divisionCode: JIANWAI,
        description: '重度残疾人需要康复辅具',
        contactName: '钱先生',
        phone: '13700137000',
      })
      .expect(201);
    const reqId = asked.body.request.id;
    await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/assign`)
      .set(officer.auth)
      .send({ workerId: zhou.workerId })
      .expect(200);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 160, b: 90 } } })
      .png()
      .toBuffer();
    const photo = await request(s.url)
      .post('/api/staff/social-work/photos')
      .set(zhou.auth)
      .attach('file', png, { filename: 'visit.png', contentType: 'image/png' })
      .expect(201);
    const notImage = await request(s.url)
      .post('/api/staff/social-work/photos')
      .set(zhou.auth)
      .attach('file', Buffer.from('<html>not a photo</html>'), { filename: 'x.png', contentType: 'image/png' })
      .expect(400);
    assert.ok(notImage.body.error.message);
    const body = {
      kind: 'support',
      content: '协助申请康复辅具适配',
      servedOn: '2026-12-20',
      clientToken: 'burst-2026-abcdefgh',
      photoIds: [photo.body.photo.id],
    };
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        request(s.url).post(`/api/staff/social-work/requests/${reqId}/records`).set(zhou.auth).send(body),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status).sort(),
      [200, 200, 201].sort(),
      answers.map((a) => JSON.stringify(a.body)).join(' | '),
    );
    assert.equal(new Set(answers.map((a) => a.body.record.id)).size, 1);
    const detail = await request(s.url).get(`/api/staff/social-work/requests/${reqId}`).set(officer.auth).expect(200);
    assert.equal(detail.body.records.length, 1);
    assert.deepEqual(detail.body.records[0].photoIds, [photo.body.photo.id]);
    const shown = await request(s.url)
      .get(`/api/staff/social-work/photos/${photo.body.photo.id}`)
      .set(officer.auth)
      .expect(200);
    assert.equal(shown.headers['content-type'], 'image/png');
    // Staff of the station see the photo through the record; staff elsewhere do not.
    const other = await worker(s.url, officer, stationId, JIANWAI, '冯社工');
    await request(s.url).get(`/api/staff/social-work/photos/${photo.body.photo.id}`).set(other.auth).expect(200);
    const outsider = await staffAt(s.url, ['110108'], ['social_worker'], '海淀社工');
    await request(s.url).get(`/api/staff/social-work/photos/${photo.body.photo.id}`).set(outsider.auth).expect(404);
  });

  it('publishes projects with goals, area and results', async () => {
    const created = await request(s.url)
      .post('/api/staff/social-work/projects')
      .set(officer.auth)
      .send({
        title: '“暖心守护”困境儿童关爱项目',
        divisionCode: JIANWAI,
        category: 'children',
        stationId,
        goals: '为辖区30名困境儿童建立个案档案，提供课业辅导与心理支持',
        startsOn: '2026-03-01',
        endsOn: '2026-12-31',
      })
      .expect(201);
    await request(s.url)
      .patch(`/api/staff/social-work/projects/${created.body.project.id}`)
      .set(officer.auth)
      .send({ results: '建档32人，开展小组活动24次' })
      .expect(200);
    const list = await request(s.url).get('/api/social-work/projects?division=110105').expect(200);
    const p = list.body.items.find((i: any) => i.id === created.body.project.id);
    assert.equal(p.results, '建档32人，开展小组活动24次');
    assert.equal(p.categoryName, '困境儿童');
    const outOfScope = await request(s.url)
      .post('/api/staff/social-work/projects')
      .set(officer.auth)
      .send({ title: '外区项目', divisionCode: '110108001', category: 'other', goals: '目标', startsOn: '2026-03-01' })
      .expect(400);
    assert.equal(outOfScope.body.error.code, 'DIVISION_OUT_OF_SCOPE');
  });

  it('seeds the demo stations, workers and projects once', async () => {
    const system = { id: 0, username: 'seed', roles: ['admin' as const], scope: { divisions: [''], halls: [] } };
    await seedSocialWorkDemo(s.app.modules.socialWork, system, () => undefined);
    await seedSocialWorkDemo(s.app.modules.socialWork, system, () => undefined);
    const list = await request(s.url).get('/api/social-work/stations?division=110105001').expect(200);
    const demo = list.body.items.filter((i: any) => /演示/.test(i.name));
    assert.equal(demo.length, 1);
    assert.equal(demo[0].workerCount, 2);
    const projects = await request(s.url).get('/api/social-work/projects?division=110105004').expect(200);
    assert.ok(projects.body.items.some((p: any) => /护苗成长/.test(p.title)));
  });
});
