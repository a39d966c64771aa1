import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { setBeijingTime, staffAt } from '../cases/support';
import { applicationFor, bornIn, idNumber, member, pngBytes, realNamedCitizen, uploadMaterial } from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * 监督举报: a real-named neighbour reports that a family in 公示 hides a car, with a photo; the
 * 乡镇 officer sees it (reporter masked, the photo behind an audited route), takes it up and
 * closes it with a result the neighbour reads. Another 乡镇's officer cannot see or touch it.
 * Bad input is refused and writes nothing.
 */
describe('社会救助 · 监督举报: a citizen reports, staff of the scope handle it, the reporter sees the status', function () {
  this.timeout(120_000);
  let s: TestServer;
  let officer: Staff;
  let outsider: Staff;
  let caseNumber: string;

  before(async () => {
    s = await startServer();
    setBeijingTime(s, '2026-03-02');
    officer = await staffAt(s.url, ['110107001'], ['assistance_officer'], '石景山受理');
    outsider = await staffAt(s.url, ['110107002'], ['assistance_officer'], '别乡');
    const id = idNumber(bornIn(1963), '1');
    const family = await realNamedCitizen(s.url, '冯玉珍', id);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('冯玉珍', id, '本人', 20_000)], { divisionCode: '110107001002' }))
      .expect(201);
    caseNumber = body.number;
  });
  after(async () => s.close());

  it('files a report with a photo, handled to the end by the officer of the scope', async () => {
    const reporter = await realNamedCitizen(s.url, '韩志强', idNumber(bornIn(1975), '3'));
    const photo = await uploadMaterial(s.url, reporter.auth, await pngBytes(), 'car.png').expect(201);
    const filed = await request(s.url)
      .post('/api/assistance/reports')
      .set(reporter.auth)
      .send({
        caseNumber,
        category: 'concealment',
        subject: '冯某某家庭',
        content: '该户家中有一辆小轿车停在楼下，登记在其女儿名下，申报时未如实填写',
        materialIds: [photo.body.material.id],
      })
      .expect(201);
    const report = filed.body.report;
    assert.equal(report.categoryName, '隐瞒收入或财产');
    assert.match(report.number, /^JB20260302[0-9A-Z]{6}$/);
    assert.equal(report.caseNumber, caseNumber);
    assert.equal(report.statusName, '已提交，待受理');
    assert.equal(report.evidence.length, 1);

    // The photo is the report's now: it cannot be handed in again with an application or report.
    const again = await request(s.url)
      .post('/api/assistance/reports')
      .set(reporter.auth)
      .send({
        caseNumber,
        subject: '冯某某家庭',
        content: '同一张照片再次提交作为另一件举报的证据材料',
        materialIds: [photo.body.material.id],
      })
      .expect(400);
    assert.equal(again.body.error.code, 'MATERIAL_NOT_FOUND');

    const list = await request(s.url).get('/api/staff/assistance/reports').set(officer.auth).expect(200);
    const seen = list.body.items.find((r: { number: string }) => r.number === report.number);
    assert.equal(seen.reporterName, '韩**');
    assert.equal(JSON.stringify(list.body).includes('韩志强'), false);
    const evidence = await request(s.url)
      .get(`/api/staff/assistance/reports/${seen.id}/evidence/${seen.evidence[0].id}`)
      .set(officer.auth)
      .expect(200);
    assert.match(String(evidence.headers['content-type']), /^image\//);

    const theirs = await request(s.url).get('/api/staff/assistance/reports').set(outsider.auth).expect(200);
    assert.equal(
      theirs.body.items.some((r: { number: string }) => r.number === report.number),
      false,
    );
    await request(s.url)
      .post(`/api/staff/assistance/reports/${seen.id}/handle`)
      .set(outsider.auth)
      .send({ status: 'handling' })
      .expect(404);
    await request(s.url)
      .get(`/api/staff/assistance/reports/${seen.id}/evidence/${seen.evidence[0].id}`)
      .set(outsider.auth)
      .expect(404);

    await request(s.url)
      .post(`/api/staff/assistance/reports/${seen.id}/handle`)
      .set(officer.auth)
      .send({ status: 'handling' })
      .expect(200);
    const told = async () =>
      (await request(s.url).get('/api/messages').set(reporter.auth).expect(200)).body.items.filter(
        (m: { title: string }) => m.title === '监督举报办理进度',
      ) as { body: string; page: string | null }[];
    const [takenUp] = await told();
    assert.match(takenUp.body, new RegExp(`${report.number}）已受理，正在核查`));
    const noResult = await request(s.url)
      .post(`/api/staff/assistance/reports/${seen.id}/handle`)
      .set(officer.auth)
      .send({ status: 'closed' })
      .expect(400);
    assert.match(noResult.body.error.message, /处理结果/);
    await request(s.url)
      .post(`/api/staff/assistance/reports/${seen.id}/handle`)
      .set(officer.auth)
      .send({ status: 'closed', result: '经核查，车辆登记在已出嫁女儿名下，不属于该户财产，举报不属实' })
      .expect(200);
    const closedAgain = await request(s.url)
      .post(`/api/staff/assistance/reports/${seen.id}/handle`)
      .set(officer.auth)
      .send({ status: 'handling' })
      .expect(409);
    assert.equal(closedAgain.body.error.code, 'REPORT_CLOSED');
    const notices = await told();
    assert.equal(notices.length, 2, 'one notice per step, none for the refused ones');
    assert.ok(notices.some((m) => /已办结。处理结果：经核查，车辆登记在已出嫁女儿名下/.test(m.body)));

    const mine = await request(s.url).get('/api/assistance/reports').set(reporter.auth).expect(200);
    assert.equal(mine.body.items[0].number, report.number);
    assert.equal(mine.body.items[0].statusName, '已办结');
    assert.equal(mine.body.items[0].category, 'concealment');
    assert.match(mine.body.items[0].result, /举报不属实/);
  });

  it('refuses a reporter without real name, an unknown case and an empty report, writing nothing', async () => {
    const anonymous = await loginCitizen(s.url);
    const body = { caseNumber, subject: '冯某某家庭', content: '该户家中有一辆小轿车，申报时未如实填写财产情况' };
    const noName = await request(s.url).post('/api/assistance/reports').set(anonymous.auth).send(body).expect(403);
    assert.match(noName.body.error.message, /实名认证/);
    const reporter = await realNamedCitizen(s.url, '邓丽华', idNumber(bornIn(1980), '3'));
    const unknown = await request(s.url)
      .post('/api/assistance/reports')
      .set(reporter.auth)
      .send({ ...body, caseNumber: 'DB-20260302-ZZZZZZ' })
      .expect(404);
    assert.match(unknown.body.error.message, /未找到/);
    const short = await request(s.url)
      .post('/api/assistance/reports')
      .set(reporter.auth)
      .send({ ...body, content: '有问题' })
      .expect(400);
    assert.equal(short.body.error.code, 'VALIDATION_FAILED');
    const badCategory = await request(s.url)
      .post('/api/assistance/reports')
      .set(reporter.auth)
      .send({ ...body, category: 'gossip' })
      .expect(400);
    assert.match(badCategory.body.error.message, /举报类别/);
    const nowhere = await request(s.url)
      .post('/api/assistance/reports')
      .set(reporter.auth)
      .send({ subject: '某村干部', content: '村干部为自己的亲戚办理低保，亲戚家有商铺出租' })
      .expect(400);
    assert.match(nowhere.body.error.message, /村（社区）/);
    const mine = await request(s.url).get('/api/assistance/reports').set(reporter.auth).expect(200);
    assert.deepEqual(mine.body.items, []);
  });
});
