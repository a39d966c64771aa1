import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
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
 * 社会工作 · the registry's edit forms on the server (a worker, a station, hours entered once),
 * scope-checked, audited, refusing bad input without changing anything; and a citizen's complaint
 * about a closed help request, which goes into the social-orgs complaint flow: the county's
 * 投诉举报 inbox, 我的投诉, notices — once per request.
 */
describe('社会工作 · editing the registry, and complaints through the existing complaint flow', () => {
  let s: TestServer;
  let officer: Staff;
  let stationId: number;

  before(async function () {
    this.timeout(180_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('social_work_complaints') });
    setBeijingTime(s, '2026-12-20', '10:00');
    officer = await staffAt(s.url, ['110105'], ['social_work_officer'], '朝阳区社会工作科');
    stationId = await station(s.url, officer);
  });
  after(async () => s.close());

  const audited = async (type: string, id: number) =>
    (await s.app.platform.audit.search({ targetType: type, targetId: String(id), limit: 20 })).map(
      (a: { action: string }) => a.action,
    );

  it('edits a worker within scope, keeps dates and certificates consistent, and audits it', async () => {
    const certA = certificateNo();
    const made = await request(s.url)
      .post('/api/staff/social-work/workers')
      .set(officer.auth)
      .send({
        name: '孙社工',
        level: 'assistant',
        certificateNo: certA,
        certifiedOn: '2025-03-01',
        divisionCode: JIANWAI,
      })
      .expect(201);
    const id = made.body.worker.id;
    const other = await request(s.url)
      .post('/api/staff/social-work/workers')
      .set(officer.auth)
      .send({
        name: '钱社工',
        level: 'senior',
        certificateNo: certificateNo(),
        certifiedOn: '2024-03-01',
        registeredOn: '2024-05-01',
        divisionCode: JIANWAI,
      })
      .expect(201);

    // Bad input: a Chinese message naming the field, nothing changed.
    const bad = await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(officer.auth)
      .send({ level: 'expert', certifiedOn: '2025-02-30' })
      .expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    assert.equal(bad.body.error.fields.level, '请选择职业水平等级');
    assert.match(bad.body.error.fields.certifiedOn, /不是有效日期/);
    const empty = await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(officer.auth)
      .send({})
      .expect(400);
    assert.match(empty.body.error.message, /没有要修改的内容/);
    const taken = await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(officer.auth)
      .send({ name: '孙小社', certificateNo: other.body.worker.certificateNo })
      .expect(409);
    assert.equal(taken.body.error.code, 'CERTIFICATE_TAKEN');
    const future = await request(s.url)
      .patch(`/api/staff/social-work/workers/${other.body.worker.id}`)
      .set(officer.auth)
      .send({ certifiedOn: '2024-06-01' })
      .expect(400);
    assert.equal(future.body.error.code, 'BAD_DATES');
    const outside = await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(officer.auth)
      .send({ divisionCode: '110108001' })
      .expect(400);
    assert.equal(outside.body.error.code, 'DIVISION_OUT_OF_SCOPE');
    const unknownOrg = await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(officer.auth)
      .send({ orgUscc: '51110105MJ0000000X' })
      .expect(400);
    assert.equal(unknownOrg.body.error.code, 'SOCIAL_ORG_NOT_FOUND');
    const haidian = await staffAt(s.url, ['110108'], ['social_work_officer'], '海淀区社会工作科');
    await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(haidian.auth)
      .send({ name: '越权修改' })
      .expect(404);
    const stationStaff = await staffAt(s.url, [JIANWAI], ['social_worker'], '站内人员');
    await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(stationStaff.auth)
      .send({ name: '越权修改' })
      .expect(403);
    const unchanged = await request(s.url).get(`/api/staff/social-work/workers/${id}`).set(officer.auth).expect(200);
    assert.equal(unchanged.body.worker.name, '孙社工');
    assert.equal(unchanged.body.worker.certificateNo, certA);
    assert.equal(unchanged.body.worker.levelName, '助理社会工作师');

    // The edit: a 中级 certificate, the 建外 station, then moved to 三里屯 and off the station.
    const edited = await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(officer.auth)
      .send({ name: '孙小社', level: 'intermediate', certificateNo: `${certA}B`.slice(0, 40), stationId })
      .expect(200);
    assert.equal(edited.body.worker.name, '孙小社');
    assert.equal(edited.body.worker.levelName, '社会工作师（中级）');
    assert.equal(edited.body.worker.hoursRequired, 90);
    assert.equal(edited.body.worker.stationId, stationId);
    const moved = await request(s.url)
      .patch(`/api/staff/social-work/workers/${id}`)
      .set(officer.auth)
      .send({ divisionCode: SANLITUN, stationId: null })
      .expect(200);
    assert.equal(moved.body.worker.divisionCode, SANLITUN);
    assert.equal(moved.body.worker.stationId, null);
    const actions = await audited('social_worker', id);
    assert.equal(actions.filter((a: string) => a === 'social_work.worker.update').length, 2);
    assert.ok(actions.includes('social_work.worker.register'));
  });

  it('enters continuing-education hours once, and re-registers only with the period full', async () => {
    const made = await request(s.url)
      .post('/api/staff/social-work/workers')
      .set(officer.auth)
      .send({
        name: '周助理',
        level: 'assistant',
        certificateNo: certificateNo(),
        certifiedOn: '2023-01-10',
        registeredOn: '2023-12-20',
        divisionCode: JIANWAI,
      })
      .expect(201);
    const id = made.body.worker.id;
    const course = { hours: 40, course: '社会工作伦理与督导', completedOn: '2026-03-15' };
    const first = await request(s.url)
      .post(`/api/staff/social-work/workers/${id}/training`)
      .set(officer.auth)
      .send(course)
      .expect(201);
    assert.equal(first.body.worker.hoursInPeriod, 40);
    const twice = await request(s.url)
      .post(`/api/staff/social-work/workers/${id}/training`)
      .set(officer.auth)
      .send(course)
      .expect(409);
    assert.equal(twice.body.error.code, 'TRAINING_EXISTS');
    assert.match(twice.body.error.message, /请勿重复录入/);
    const after = await request(s.url).get(`/api/staff/social-work/workers/${id}`).set(officer.auth).expect(200);
    assert.equal(after.body.worker.hoursInPeriod, 40);
    const short = await request(s.url)
      .post(`/api/staff/social-work/workers/${id}/registration`)
      .set(officer.auth)
      .send({ registeredOn: '2026-12-19' })
      .expect(409);
    assert.equal(short.body.error.code, 'HOURS_SHORT');
    await request(s.url)
      .post(`/api/staff/social-work/workers/${id}/training`)
      .set(officer.auth)
      .send({ ...course, course: '儿童保护实务', completedOn: '2026-06-01', hours: 32 })
      .expect(201);
    const renewed = await request(s.url)
      .post(`/api/staff/social-work/workers/${id}/registration`)
      .set(officer.auth)
      .send({ registeredOn: '2026-12-19' })
      .expect(200);
    assert.equal(renewed.body.worker.registeredOn, '2026-12-19');
  });

  it('edits a station (not its 乡镇), links its operator by credit code, within scope only', async () => {
    const orgOfficer = await staffAt(s.url, ['11'], ['org_officer'], '北京市社会组织管理局');
    const uscc = await socialOrg(s.url, orgOfficer);
    const noOrg = await request(s.url)
      .patch(`/api/staff/social-work/stations/${stationId}`)
      .set(officer.auth)
      .send({ orgUscc: uscc })
      .expect(400);
    assert.equal(noOrg.body.error.code, 'SOCIAL_ORG_NOT_FOUND');
    await request(s.url).post('/api/staff/social-work/orgs').set(officer.auth).send({ uscc }).expect(201);
    const bad = await request(s.url)
      .patch(`/api/staff/social-work/stations/${stationId}`)
      .set(officer.auth)
      .send({ services: [], phone: 'abc' })
      .expect(400);
    assert.equal(bad.body.error.fields.services, '请至少选择一项服务内容');
    assert.equal(bad.body.error.fields.phone, '联系电话格式不正确');
    const haidian = await staffAt(s.url, ['110108'], ['social_work_officer'], '海淀区社会工作科');
    await request(s.url)
      .patch(`/api/staff/social-work/stations/${stationId}`)
      .set(haidian.auth)
      .send({ name: '越权修改社工站' })
      .expect(404);
    const edited = await request(s.url)
      .patch(`/api/staff/social-work/stations/${stationId}`)
      .set(officer.auth)
      .send({ name: '建国门外街道社会工作服务站', orgUscc: uscc, services: ['elderly', 'disability'] })
      .expect(200);
    assert.equal(edited.body.station.name, '建国门外街道社会工作服务站');
    assert.equal(edited.body.station.orgUscc, uscc);
    assert.deepEqual(edited.body.station.serviceNames, ['困难老人', '残疾人']);
    assert.equal(edited.body.station.divisionCode, JIANWAI);
    const page = await request(s.url).get(`/api/social-work/stations/${stationId}`).expect(200);
    assert.equal(page.body.station.operator.uscc, uscc);
    assert.ok((await audited('social_work_station', stationId)).includes('social_work.station.update'));
  });

  it("files a citizen's complaint about a closed request in the county's complaint inbox, once", async function () {
    this.timeout(60_000);
    const li = await worker(s.url, officer, stationId, JIANWAI, '李社工');
    const citizen = await loginCitizen(s.url);
    const asked = await request(s.url)
      .post('/api/social-work/requests')
      .set(citizen.auth)
      .send({
        category: 'elderly',
        divisionCode: JIANWAI,
        description: '父亲独居，需要社工定期上门探访',
        contactName: '陈明',
        phone: '13700137000',
      })
      .expect(201);
    const reqId = asked.body.request.id;
    await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/assign`)
      .set(li.auth)
      .send({ workerId: li.workerId })
      .expect(200);
    const rec = await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/records`)
      .set(li.auth)
      .send({ kind: 'visit', content: '上门探访一次', servedOn: '2026-12-20', clientToken: 'complaint-visit-0001' })
      .expect(201);
    await request(s.url)
      .post(`/api/staff/social-work/records/${rec.body.record.id}/approve`)
      .set(officer.auth)
      .expect(200);
    await request(s.url)
      .post(`/api/staff/social-work/requests/${reqId}/close`)
      .set(li.auth)
      .send({ summary: '已探访并链接居家养老服务' })
      .expect(200);

    // Bad input changes nothing; another citizen cannot complain about this request.
    const bad = await request(s.url)
      .post(`/api/social-work/me/requests/${reqId}/complaint`)
      .set(citizen.auth)
      .send({ reason: 'rude', content: '太短', idempotencyKey: 'sw-complaint-0001' })
      .expect(400);
    assert.equal(bad.body.error.fields.reason, '请选择投诉原因');
    assert.match(bad.body.error.fields.content, /至少10个字/);
    const stranger = await loginCitizen(s.url);
    await request(s.url)
      .post(`/api/social-work/me/requests/${reqId}/complaint`)
      .set(stranger.auth)
      .send({ reason: 'attitude', content: '社工态度冷淡，没有认真听我说明情况', idempotencyKey: 'sw-complaint-0002' })
      .expect(404);
    assert.equal(
      (await request(s.url).get('/api/social-orgs/complaints').set(citizen.auth).expect(200)).body.items.length,
      0,
    );

    // A double tap: two identical submissions at once file one complaint.
    const body = {
      reason: 'no_show',
      content: '约好每周上门一次，结案前只来过一次，电话也经常无人接听',
      idempotencyKey: 'sw-complaint-0003',
    };
    const [a, b] = await Promise.all([
      request(s.url).post(`/api/social-work/me/requests/${reqId}/complaint`).set(citizen.auth).send(body),
      request(s.url).post(`/api/social-work/me/requests/${reqId}/complaint`).set(citizen.auth).send(body),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 201]);
    const trackingNo = a.body.complaint.trackingNo;
    assert.equal(b.body.complaint.trackingNo, trackingNo);
    assert.equal(a.body.complaint.targetName, '建国门外街道社会工作服务站');

    // The request shows it; a second complaint is refused with where to look.
    const mine = await request(s.url).get(`/api/social-work/me/requests/${reqId}`).set(citizen.auth).expect(200);
    assert.equal(mine.body.request.complaintTrackingNo, trackingNo);
    assert.equal(mine.body.request.canComplain, false);
    const again = await request(s.url)
      .post(`/api/social-work/me/requests/${reqId}/complaint`)
      .set(citizen.auth)
      .send({ ...body, idempotencyKey: 'sw-complaint-0004' })
      .expect(409);
    assert.equal(again.body.error.code, 'ALREADY_COMPLAINED');
    assert.match(again.body.error.message, new RegExp(trackingNo));

    // 我的投诉 and its page: the same complaint flow.
    const list = await request(s.url).get('/api/social-orgs/complaints').set(citizen.auth).expect(200);
    assert.equal(list.body.items.length, 1);
    const detail = await request(s.url).get(`/api/social-orgs/complaints/${trackingNo}`).set(citizen.auth).expect(200);
    assert.match(detail.body.complaint.content, /社会工作服务 求助SG\d+·未按约定提供服务/);
    assert.match(detail.body.complaint.content, /服务社工：李社工/);

    // The inbox of the county the station is in (朝阳区 110105) has it; 海淀区's does not.
    const chaoyang = await staffAt(s.url, ['110105'], ['org_officer'], '朝阳区社会组织管理科');
    const haidian = await staffAt(s.url, ['110108'], ['org_officer'], '海淀区社会组织管理科');
    const inbox = await request(s.url).get('/api/staff/social-orgs/complaints').set(chaoyang.auth).expect(200);
    const found = inbox.body.items.find((c: any) => c.trackingNo === trackingNo);
    assert.ok(found, 'in the 朝阳区 complaint inbox');
    assert.equal(found.divisionCode ?? '110105', '110105');
    const theirs = await request(s.url).get('/api/staff/social-orgs/complaints').set(haidian.auth).expect(200);
    assert.ok(!theirs.body.items.some((c: any) => c.trackingNo === trackingNo), 'not in 海淀区');
    await request(s.url).post(`/api/staff/social-orgs/complaints/${found.id}/accept`).set(haidian.auth).expect(404);

    // Worked there like any complaint: the citizen is told.
    await request(s.url).post(`/api/staff/social-orgs/complaints/${found.id}/accept`).set(chaoyang.auth).expect(200);
    const messages = await request(s.url).get('/api/messages').set(citizen.auth).expect(200);
    assert.match(JSON.stringify(messages.body), /投诉已受理：建国门外街道社会工作服务站/);
  });
});
