import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { runCaseClock, setBeijingTime, staffAt } from '../cases/support';
import { applicationFor, bornIn, idNumber, member, realNamedCitizen } from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * 公示 management and the amounts granted, as the 海淀 staff see them: one family's 公示 draws an
 * objection (the reason and what followed are listed, the objector is not), another's ends by
 * the clock and is granted; the county's amounts count the grant in its month and county.
 * Another 乡镇 sees none of it.
 */
describe('社会救助 · 公示管理 and amounts: publicized cases of my scope, objections and what followed', function () {
  this.timeout(120_000);
  let s: TestServer;
  let clerk: Staff;
  let surveyor: Staff;
  let county: Staff;
  let outsider: Staff;
  const act = (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body).expect(200);
  const survey = {
    visitedOn: '2026-03-03',
    findings: '入户查看，家庭困难情况属实',
    housing: '自有住房',
    livingConditionsMatch: true,
  };

  before(async () => {
    s = await startServer();
    setBeijingTime(s, '2026-03-02');
    clerk = await staffAt(s.url, ['110108001'], ['assistance_officer'], '海淀受理');
    surveyor = await staffAt(s.url, ['110108001'], ['assistance_officer'], '海淀调查');
    county = await staffAt(s.url, ['110108'], ['assistance_officer'], '海淀县级');
    outsider = await staffAt(s.url, ['110108002'], ['assistance_officer'], '别乡');
  });
  after(async () => s.close());

  async function toPublicity(name: string, year: number, amountCents: number) {
    const id = idNumber(bornIn(year), '1');
    const family = await realNamedCitizen(s.url, name, id);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member(name, id, '本人', 20_000)], { divisionCode: '110108001002' }))
      .expect(201);
    await act(clerk, body.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } });
    await act(surveyor, body.caseId, 'submit_survey', { form: survey });
    await s.app.platform.jobs.drain();
    await act(clerk, body.caseId, 'propose', { form: { amountCents }, opinion: '拟批准' });
    return body as { number: string; caseId: number };
  }

  it('lists running and ended 公示 with the objections received and what followed each', async () => {
    const objected = await toPublicity('周桂芝', 1961, 80_000);
    const quiet = await toPublicity('郑大山', 1957, 95_000);

    let list = await request(s.url).get('/api/staff/assistance/publicity').set(clerk.auth).expect(200);
    assert.deepEqual(
      list.body.items.map((i: { number: string; running: boolean }) => [i.number, i.running]).sort(),
      [
        [objected.number, true],
        [quiet.number, true],
      ].sort(),
    );
    assert.equal(list.body.total, 2);
    // One page at a time, in the same order.
    const pages = await Promise.all(
      [1, 2, 3].map((page) =>
        request(s.url).get(`/api/staff/assistance/publicity?page=${page}&pageSize=1`).set(clerk.auth).expect(200),
      ),
    );
    assert.deepEqual(
      pages.map((p) => p.body.items.map((i: { number: string }) => i.number)),
      [[list.body.items[0].number], [list.body.items[1].number], []],
    );
    assert.ok(pages.every((p) => p.body.total === 2));
    const badPage = await request(s.url)
      .get('/api/staff/assistance/publicity?pageSize=500')
      .set(clerk.auth)
      .expect(400);
    assert.match(badPage.body.error.message, /每页条数/);
    const first = list.body.items.find((i: { number: string }) => i.number === quiet.number);
    assert.equal(first.headName, '郑**');
    assert.equal(first.proposedAmountCents, 95_000);
    assert.equal(first.startsOn, '2026-03-02');
    assert.ok(first.endsOn > first.startsOn);
    assert.equal(JSON.stringify(list.body).includes('郑大山'), false, 'names stay masked');

    const neighbour = await realNamedCitizen(s.url, '吕秀兰', idNumber(bornIn(1970), '3'));
    await request(s.url)
      .post(`/api/assistance/publicity/${objected.number}/objections`)
      .set(neighbour.auth)
      .send({ reason: '该户儿子在外地经营饭店，收入较高' })
      .expect(201);

    // The quiet one ends by the clock and the county grants it.
    setBeijingTime(s, first.endsOn, '20:00');
    await runCaseClock(s);
    const after = new Date(`${first.endsOn}T00:00:00Z`);
    after.setUTCDate(after.getUTCDate() + 1);
    setBeijingTime(s, after.toISOString().slice(0, 10));
    await runCaseClock(s);
    await act(county, quiet.caseId, 'grant', { opinion: '同意' });

    list = await request(s.url).get('/api/staff/assistance/publicity').set(county.auth).expect(200);
    const ended = list.body.items.find((i: { number: string }) => i.number === quiet.number);
    assert.equal(ended.running, false);
    assert.equal(ended.endedBy.action, '公示期满无异议');
    assert.equal(ended.currentStageName, '已批准，按月发放');
    assert.deepEqual(ended.objections, []);
    const withObjection = list.body.items.find((i: { number: string }) => i.number === objected.number);
    assert.equal(withObjection.running, false);
    assert.equal(withObjection.currentStageName, '入户调查');
    assert.equal(withObjection.objections.length, 1);
    assert.equal(withObjection.objections[0].reason, '该户儿子在外地经营饭店，收入较高');
    assert.equal(withObjection.objections[0].after[0].action, '公示期间收到异议，重新调查');
    assert.equal(withObjection.objections[0].after[0].stageName, '入户调查');
    assert.equal(JSON.stringify(list.body).includes('吕秀兰'), false, 'the objector is not named');

    const running = await request(s.url)
      .get('/api/staff/assistance/publicity?show=running')
      .set(county.auth)
      .expect(200);
    assert.deepEqual(running.body, { items: [], total: 0, page: 1, pageSize: 20 });
    const endedOnly = await request(s.url)
      .get('/api/staff/assistance/publicity?show=ended')
      .set(county.auth)
      .expect(200);
    assert.equal(endedOnly.body.total, 2);
    const none = await request(s.url).get('/api/staff/assistance/publicity').set(outsider.auth).expect(200);
    assert.deepEqual(none.body.items, []);
  });

  it('counts the amount granted in the month and county of the decision, within scope', async () => {
    const { body } = await request(s.url).get('/api/staff/cases/statistics/amounts').set(county.auth).expect(200);
    const month = body.byMonth.find((m: { month: string }) => m.month === '2026-03');
    assert.deepEqual(month, { month: '2026-03', cases: 1, amountCents: 95_000 });
    assert.deepEqual(
      body.byCounty.map((c: { countyCode: string; cases: number; amountCents: number }) => [
        c.countyCode,
        c.cases,
        c.amountCents,
      ]),
      [['110108', 1, 95_000]],
    );
    assert.equal(body.byCounty[0].countyName, '北京市海淀区');
    const outside = await request(s.url).get('/api/staff/cases/statistics/amounts').set(outsider.auth).expect(200);
    assert.deepEqual(outside.body, { byMonth: [], byCounty: [] });
  });
});
