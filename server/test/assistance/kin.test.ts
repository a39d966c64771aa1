import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { runCaseClock, setBeijingTime, staffAt } from '../cases/support';
import { withWrongCheckDigit } from '../support/id-numbers';
import { applicationFor, bornIn, idNumber, member, realNamedCitizen } from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * 近亲属备案: a clerk registers a close relative; the relative's application is marked for its
 * whole life and cannot reach approval without a county-level home visit, which only the county
 * files — after the 公示 for 低保, straight after the review for 临时救助.
 */
describe('社会救助 · 近亲属: registered relatives of staff get a county home visit they cannot skip', () => {
  let s: TestServer;
  let clerk: Staff;
  let surveyor: Staff;
  let county: Staff;
  const act = (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body);
  const survey = {
    visitedOn: '2026-03-03',
    findings: '入户查看，家庭困难情况属实',
    housing: '自有住房',
    livingConditionsMatch: true,
  };

  before(async () => {
    s = await startServer();
    clerk = await staffAt(s.url, ['110105001'], ['assistance_officer'], '李受理');
    surveyor = await staffAt(s.url, ['110105001'], ['assistance_officer'], '赵调查');
    county = await staffAt(s.url, ['110105'], ['assistance_officer'], '钱县级');
  });
  after(async () => s.close());

  async function applyAsRelative(kind: 'dibao' | 'temporary', name: string) {
    const relativeId = idNumber(bornIn(1960), '1');
    await request(s.url)
      .post('/api/staff/assistance/kin')
      .set(clerk.auth)
      .send({ name, idNumber: relativeId, relation: '父母' })
      .expect(201);
    const family = await realNamedCitizen(s.url, name, relativeId);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member(name, relativeId, '本人', 20_000)], { kind }))
      .expect(201);
    return { ...body, relativeId, family } as {
      number: string;
      caseId: number;
      relativeId: string;
      family: typeof family;
    };
  }

  it('keeps the register per staff member, masked, with clear refusals', async () => {
    const id = idNumber(bornIn(1955), '1');
    const first = await request(s.url)
      .post('/api/staff/assistance/kin')
      .set(surveyor.auth)
      .send({ name: '赵老汉', idNumber: id, relation: '父母' })
      .expect(201);
    assert.equal(first.body.items[0].name, '赵**');
    assert.equal(first.body.items[0].idNumber.includes('********'), true);
    const twice = await request(s.url)
      .post('/api/staff/assistance/kin')
      .set(surveyor.auth)
      .send({ name: '赵老汉', idNumber: id, relation: '父母' })
      .expect(409);
    assert.equal(twice.body.error.code, 'KIN_REGISTERED');
    const bad = await request(s.url)
      .post('/api/staff/assistance/kin')
      .set(surveyor.auth)
      .send({ name: '赵老汉', idNumber: withWrongCheckDigit(id), relation: '父母' })
      .expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    const mine = await request(s.url).get('/api/staff/assistance/kin').set(clerk.auth).expect(200);
    assert.equal(mine.body.items.length, 0, 'another account sees only its own register');
  });

  it('sends a 低保 case of a relative to a county home visit after the 公示, and only then to approval', async () => {
    setBeijingTime(s, '2026-03-02');
    const c = await applyAsRelative('dibao', '李桂芝');
    const inbox = await request(s.url).get('/api/staff/cases/inbox').set(clerk.auth).expect(200);
    const item = inbox.body.items.find((i: { id: number }) => i.id === c.caseId);
    assert.deepEqual(item.marks, [{ key: 'kin', name: '近亲属备案' }]);
    const citizenView = await request(s.url).get(`/api/assistance/applications/${c.number}`).set(c.family.auth);
    assert.equal(JSON.stringify(citizenView.body).includes(clerk.username), false, 'who registered stays with staff');

    await act(clerk, c.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor, c.caseId, 'submit_survey', { form: survey }).expect(200);
    await s.app.platform.jobs.drain();
    await act(clerk, c.caseId, 'propose', { form: { amountCents: 80_000 }, opinion: '拟批准' }).expect(200);
    setBeijingTime(s, '2026-03-12');
    await runCaseClock(s);
    const visit = await request(s.url).get(`/api/staff/cases/${c.caseId}`).set(county.auth).expect(200);
    assert.equal(visit.body.current.stageName, '县级入户核查');
    const early = await act(county, c.caseId, 'grant', { opinion: '同意' }).expect(409);
    assert.equal(early.body.error.code, 'CASE_STAGE_MISMATCH');
    await act(clerk, c.caseId, 'submit_county_visit', {
      form: { visitedOn: '2026-03-13', findings: '乡镇人员代为核查，情况属实' },
    }).expect(403);
    await act(county, c.caseId, 'submit_county_visit', { form: { visitedOn: '2026-03-13', findings: '太短' } }).expect(
      400,
    );
    await act(county, c.caseId, 'submit_county_visit', {
      form: { visitedOn: '2026-03-13', findings: '县级入户核查，家庭困难情况属实，与乡镇调查一致' },
    }).expect(200);
    const granted = await act(county, c.caseId, 'grant', { opinion: '同意' }).expect(200);
    assert.equal(granted.body.current.stage, 'granted');
    assert.deepEqual(granted.body.case.marks, [{ key: 'kin', name: '近亲属备案' }], 'the mark stays');
  });

  it('sends a 临时救助 case of a relative to the county home visit straight after the review', async () => {
    setBeijingTime(s, '2026-03-02');
    const c = await applyAsRelative('temporary', '李建军');
    await act(clerk, c.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor, c.caseId, 'submit_survey', { form: survey }).expect(200);
    await s.app.platform.jobs.drain();
    const proposed = await act(clerk, c.caseId, 'propose', {
      form: { amountCents: 200_000 },
      opinion: '拟救助',
    }).expect(200);
    assert.equal(proposed.body.current.stageName, '县级入户核查');
    await act(county, c.caseId, 'submit_county_visit', {
      form: { visitedOn: '2026-03-04', findings: '县级入户核查，因病致贫情况属实' },
    }).expect(200);
    const granted = await act(county, c.caseId, 'grant', { opinion: '同意' }).expect(200);
    assert.equal(granted.body.current.stage, 'granted');
  });
});
