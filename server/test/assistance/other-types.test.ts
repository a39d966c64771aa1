import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import type { AppError } from '../../src/platform/errors';
import { createCheckHttpClient, createCheckSimulator } from '../../src/modules/assistance/household-check';
import { createCheckSimulatorApp } from '../../src/modules/assistance/household-check/simulator-http';
import { runCaseClock, setBeijingTime, staffAt } from '../cases/support';
import { applicationFor, bornIn, idNumber, member, realNamedCitizen } from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

describe('社会救助 · 急难型先行救助, 临时救助, 特困, the local standard and the check contract', () => {
  let s: TestServer;
  let clerk: Staff;
  let surveyor: Staff;
  let county: Staff;
  let city: Staff;

  const act = (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body);
  const timeline = async (auth: Record<string, string>, number: string) =>
    (await request(s.url).get(`/api/assistance/applications/${number}`).set(auth).expect(200)).body;

  before(async () => {
    s = await startServer();
    clerk = await staffAt(s.url, ['110105001'], ['assistance_officer'], '李受理');
    surveyor = await staffAt(s.url, ['110105001'], ['assistance_officer'], '赵调查');
    county = await staffAt(s.url, ['110105'], ['assistance_officer'], '钱县级');
    city = await staffAt(s.url, ['1101'], ['assistance_officer'], '冯市级');
  });
  after(async () => s.close());

  it('grants 急难 help first, completes the paperwork, and the county confirms in a batch', async () => {
    setBeijingTime(s, '2026-03-05'); // Thursday
    const headId = idNumber(bornIn(1985), '1');
    const family = await realNamedCitizen(s.url, '何志明', headId);
    const missingCause = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('何志明', headId, '本人')], { kind: 'emergency' }))
      .expect(400);
    assert.match(missingCause.body.error.fields.emergencyCause, /急难情形/);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(
        applicationFor(family, [member('何志明', headId, '本人')], {
          kind: 'emergency',
          emergencyCause: '家中突发火灾，房屋损毁，基本生活无着',
        }),
      )
      .expect(201);
    assert.match(body.number, /^JN-/);
    let view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '先行救助');
    assert.equal(view.current.dueOn, '2026-03-06', 'the next working day');

    const tooMuch = await act(clerk, body.caseId, 'grant_first', { form: { amountCents: 6_000_000 } }).expect(400);
    assert.match(tooMuch.body.error.message, /上限/);
    await act(clerk, body.caseId, 'grant_first', { form: { amountCents: 300_000 } }).expect(200);
    view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '补办审批手续');
    assert.equal(view.case.amountCents, 300_000);
    assert.equal(view.current.dueOn, '2026-03-12', 'five working days to complete the paperwork');
    await act(clerk, body.caseId, 'complete_paperwork', { opinion: '已补齐户口簿及受灾证明' }).expect(200);

    const bulk = await request(s.url)
      .post('/api/staff/cases/bulk')
      .set(county.auth)
      .send({ caseIds: [body.caseId], action: 'confirm', opinion: '同意' });
    assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
    view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '已救助');
    assert.equal(view.case.statusName, '已办结');
  });

  it('runs 临时救助 without a 公示 and refuses in writing with reasons', async () => {
    setBeijingTime(s, '2026-03-02');
    const headId = idNumber(bornIn(1979), '1');
    const family = await realNamedCitizen(s.url, '罗小芳', headId);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('罗小芳', headId, '本人', 120_000)], { kind: 'temporary' }))
      .expect(201);
    assert.match(body.number, /^LS-/);
    await act(clerk, body.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor, body.caseId, 'submit_survey', {
      form: {
        visitedOn: '2026-03-03',
        findings: '因病住院产生大额医疗费用，家庭收入一般',
        housing: '租房',
        livingConditionsMatch: true,
      },
    }).expect(200);
    await s.app.platform.jobs.drain();
    const proposed = await act(clerk, body.caseId, 'propose_refusal', { opinion: '医疗费用已由医保报销大部分' }).expect(
      200,
    );
    assert.equal(proposed.body.current.stageName, '县级审批', 'no 公示 for 临时救助');
    await act(county, body.caseId, 'refuse', {}).expect(400);
    await act(county, body.caseId, 'refuse', { opinion: '经核实，医疗费用已报销，不符合临时救助条件' }).expect(200);
    let view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '书面告知理由');
    assert.equal(view.current.dueOn, '2026-03-05', 'three working days');
    await act(county, body.caseId, 'notify_refusal', {
      opinion: '您家庭的医疗支出已由基本医保和大病保险报销，自付部分未超过规定标准，不符合临时救助条件。',
    }).expect(200);
    view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '不予批准');
    assert.match(view.steps.at(-1).opinion, /不符合临时救助条件/);
    const messages = await request(s.url).get('/api/messages').set(family.auth).expect(200);
    assert.ok(messages.body.items.some((m: { body: string }) => /书面告知不予批准理由/.test(m.body)));
  });

  it('accepts 特困 for a member unable to work, and changes the amount, suspends and ends after approval', async () => {
    setBeijingTime(s, '2026-03-02');
    const headId = idNumber(bornIn(1950), '1');
    const family = await realNamedCitizen(s.url, '孟宪福', headId);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('孟宪福', headId, '本人')], { kind: 'tekun' }))
      .expect(201);
    assert.match(body.number, /^TK-/);
    await act(clerk, body.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor, body.caseId, 'submit_survey', {
      form: {
        visitedOn: '2026-03-03',
        findings: '七十六岁独居老人，无赡养人，无收入',
        housing: '自有住房',
        livingConditionsMatch: true,
      },
    }).expect(200);
    await s.app.platform.jobs.drain();
    await act(clerk, body.caseId, 'propose', { form: { amountCents: 160_000 }, opinion: '符合特困供养条件' }).expect(
      200,
    );
    const ref = await s.app.modules.cases.get(body.caseId);
    // The 公示 ends by itself; here the engine's system action is taken directly, as the clock would.
    await s.app.modules.cases.act({ caseId: ref!.id, action: 'end_publicity', acting: { kind: 'system' } });
    await act(county, body.caseId, 'grant', { form: { amountCents: 170_000 }, opinion: '同意' }).expect(200);
    await act(county, body.caseId, 'adjust', { form: { amountCents: 180_000 }, opinion: '标准调整' }).expect(200);
    await act(clerk, body.caseId, 'suspend', { opinion: '住院' }).expect(403);
    await act(county, body.caseId, 'suspend', { opinion: '长期住院由医疗机构供养' }).expect(200);
    let view = await timeline(family.auth, body.number);
    assert.equal(view.case.statusName, '已暂停');
    assert.equal(view.case.amountCents, 180_000);
    await act(county, body.caseId, 'terminate', { opinion: '本人去世' }).expect(200);
    view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '已停止救助');
  });

  it('reviews a family in payment once a year: continue, or exit on the county decision', async () => {
    setBeijingTime(s, '2026-03-02');
    const headId = idNumber(bornIn(1962), '1');
    const family = await realNamedCitizen(s.url, '邓秀兰', headId);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('邓秀兰', headId, '本人', 20_000)]))
      .expect(201);
    await act(clerk, body.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor, body.caseId, 'submit_survey', {
      form: {
        visitedOn: '2026-03-03',
        findings: '独居，无稳定收入，情况属实',
        housing: '自有住房',
        livingConditionsMatch: true,
      },
    }).expect(200);
    await s.app.platform.jobs.drain();
    await act(clerk, body.caseId, 'propose', { form: { amountCents: 100_000 }, opinion: '拟批准' }).expect(200);
    await s.app.modules.cases.act({ caseId: body.caseId, action: 'end_publicity', acting: { kind: 'system' } });
    setBeijingTime(s, '2026-03-16');
    await act(county, body.caseId, 'grant', { opinion: '同意' }).expect(200);

    // A year passes: the case wakes into the township's yearly review, still paying.
    setBeijingTime(s, '2027-03-15');
    await runCaseClock(s);
    assert.equal(
      (await timeline(family.auth, body.number)).current.stageName,
      '已批准，按月发放',
      'not before the day',
    );
    setBeijingTime(s, '2027-03-16');
    await runCaseClock(s);
    let view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '定期复核');
    assert.equal(view.case.statusName, '已批准', 'payment goes on during the review');
    const inbox = await request(s.url).get('/api/staff/cases/inbox').set(clerk.auth).expect(200);
    assert.ok(inbox.body.items.some((i: { id: number }) => i.id === body.caseId));
    await act(clerk, body.caseId, 'continue', { opinion: '家庭情况未变化' }).expect(200);
    assert.equal((await timeline(family.auth, body.number)).current.stageName, '已批准，按月发放');

    // The next year the family no longer qualifies: the county decides the exit.
    setBeijingTime(s, '2028-03-16');
    await runCaseClock(s);
    await act(clerk, body.caseId, 'propose_exit', { opinion: '家庭成员已就业，收入超过标准' }).expect(200);
    await act(clerk, body.caseId, 'terminate', { opinion: '退出' }).expect(403);
    await act(county, body.caseId, 'terminate', { opinion: '家庭人均收入超过低保标准，停止保障' }).expect(200);
    view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '已停止救助');
    const messages = await request(s.url).get('/api/messages').set(family.auth).expect(200);
    assert.ok(messages.body.items.some((m: { body: string }) => /到期定期复核/.test(m.body)));
  });

  it('keeps the local standard as data staff edit in scope, and explains a self-check in plain words', async () => {
    const none = await request(s.url)
      .post('/api/assistance/self-check')
      .send({
        kind: 'dibao',
        divisionCode: '110105001003',
        members: [{ age: 40, monthlyIncomeCents: 0, disability: '无' }],
        assets: { vehicles: 0, houses: 1, depositsCents: 0 },
      })
      .expect(404);
    assert.equal(none.body.error.code, 'NO_STANDARD');
    const standard = { monthlyCents: 124_500, depositMonths: 24, effectiveFrom: '2026-01-01' };
    await request(s.url).put('/api/staff/assistance/standards/1101').set(county.auth).send(standard).expect(404);
    await request(s.url)
      .put('/api/staff/assistance/standards/1101')
      .set(city.auth)
      .send({ ...standard, monthlyCents: 0 })
      .expect(400);
    await request(s.url).put('/api/staff/assistance/standards/1101').set(city.auth).send(standard).expect(200);
    const shown = await request(s.url).get('/api/assistance/standard?divisionCode=110105001003').expect(200);
    assert.equal(shown.body.standard.monthlyCents, 124_500);
    assert.equal(shown.body.standard.placeName, '北京市');

    const poor = await request(s.url)
      .post('/api/assistance/self-check')
      .send({
        kind: 'dibao',
        divisionCode: '110105001003',
        members: [
          { age: 40, monthlyIncomeCents: 150_000, disability: '无' },
          { age: 10, monthlyIncomeCents: 0, disability: '无' },
        ],
        assets: { vehicles: 0, houses: 1, depositsCents: 100_000 },
      })
      .expect(200);
    assert.equal(poor.body.likelyEligible, true);
    assert.equal(poor.body.perCapitaIncomeCents, 75_000);
    assert.ok(poor.body.checklist.length >= 3);
    const notPoor = await request(s.url)
      .post('/api/assistance/self-check')
      .send({
        kind: 'tekun',
        divisionCode: '110105001003',
        members: [{ age: 40, monthlyIncomeCents: 300_000, disability: '无' }],
        assets: { vehicles: 1, houses: 1, depositsCents: 0 },
      })
      .expect(200);
    assert.equal(notPoor.body.likelyEligible, false);
    assert.match(notPoor.body.unmet.join('\n'), /月人均收入3,?000元，不低于当地低保标准1,?245元/);
    assert.match(notPoor.body.unmet.join('\n'), /机动车/);
    assert.match(notPoor.body.unmet.join('\n'), /无劳动能力/);
  });

  it('speaks the check contract over HTTP, and a broken centre is a 503, never a guess', async () => {
    const token = 'check-centre-token-0001';
    const centre = http.createServer(createCheckSimulatorApp(createCheckSimulator(), token).callback());
    await new Promise<void>((resolve) => centre.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(centre.address() as AddressInfo).port}`;
    try {
      const client = createCheckHttpClient(base, token);
      const dead = idNumber('19400101', '9', '99');
      const earner = idNumber('19800101', '8', '12');
      assert.deepEqual(await client.verifyPersons([dead, earner]), [
        { idNumber: dead, registry: 'deceased' },
        { idNumber: earner, registry: 'alive' },
      ]);
      const { requestId } = await client.submit({
        reference: 'DB-20260302-AAAAAA',
        purpose: 'dibao',
        consent: { signedName: '张三', signedAt: '2026-03-02T01:00:00.000Z' },
        members: [{ name: '张三', idNumber: earner, relation: '本人' }],
      });
      const answer = await client.fetch(requestId);
      assert.equal(answer.status, 'completed');
      assert.equal(answer.persons![0].wagesMonthlyCents, 300_000);

      const wrongToken = createCheckHttpClient(base, 'another-token-000000');
      await assert.rejects(
        () => wrongToken.verifyPersons([earner]),
        (err: AppError) => err.status === 503 && err.code === 'CHECK_UNAVAILABLE',
      );
    } finally {
      centre.close();
    }
    const nowhere = createCheckHttpClient('http://127.0.0.1:9');
    await assert.rejects(
      () => nowhere.fetch('x'),
      (err: AppError) => err.code === 'CHECK_UNAVAILABLE',
    );
  });
});
