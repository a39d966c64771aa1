import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { setBeijingTime, staffAt } from '../cases/support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * 身后一件事: a daughter starts the checklist the day after her father died at home — 死亡证明 from
 * the 居委会 or 派出所, 户口注销 within a month, the cremation, the 惠民 waivers, 丧葬补助 within 60
 * working days, the ashes renewal in a year. She marks what she has done, applies for 丧葬补助 (a
 * case the county reviews in the console's case inbox), and is reminded through notices as a last
 * day comes near, once. Bad input: a death in the future, applying twice or too late.
 */
describe('殡葬服务 · 身后一件事: the checklist from a death, its reminders and 丧葬补助', () => {
  let s: TestServer;
  let county: Staff;
  let township: Staff;
  let otherCounty: Staff;

  const messages = async (auth: Record<string, string>) =>
    (await request(s.url).get('/api/messages').set(auth).expect(200)).body.items as { title: string; body: string }[];
  const runReminders = async () => {
    await s.app.platform.jobs.enqueue('funeral.checklist-reminders', {});
    await s.app.platform.jobs.drain();
  };

  before(async () => {
    s = await startServer();
    county = await staffAt(s.url, ['110105'], ['assistance_officer'], '朝阳区民政局');
    township = await staffAt(s.url, ['110105001'], ['assistance_officer'], '建外街道');
    otherCounty = await staffAt(s.url, ['110108'], ['assistance_officer'], '海淀区民政局');
  });
  after(async () => s.close());

  it('guides a family step by step, reminds them once, and takes 丧葬补助 to the county', async () => {
    setBeijingTime(s, '2026-03-03');
    const family = await loginCitizen(s.url);
    const future = await request(s.url)
      .post('/api/funeral/checklists')
      .set(family.auth)
      .send({ deceasedName: '张德明', deathDate: '2026-03-04', deathPlace: 'home', divisionCode: '110105001001' })
      .expect(400);
    assert.equal(future.body.error.code, 'DEATH_DATE_INVALID');
    const badPlace = await request(s.url)
      .post('/api/funeral/checklists')
      .set(family.auth)
      .send({ deceasedName: '张德明', deathDate: '2026-03-02', deathPlace: 'street', divisionCode: '110105001001' })
      .expect(400);
    assert.match(badPlace.body.error.message, /去世地点/);

    const started = await request(s.url)
      .post('/api/funeral/checklists')
      .set(family.auth)
      .send({ deceasedName: '张德明', deathDate: '2026-03-02', deathPlace: 'home', divisionCode: '110105001001' })
      .expect(201);
    const list = started.body.checklist;
    assert.equal(list.deceasedName, '张**');
    assert.deepEqual(
      list.steps.map((st: { name: string }) => st.name),
      ['开具死亡证明', '户口注销', '遗体接运与火化预约', '惠民殡葬减免', '丧葬补助、抚恤金申领', '骨灰寄存续费'],
    );
    const step = (l: typeof list, key: string) => l.steps.find((st: { key: string }) => st.key === key);
    assert.match(step(list, 'death_cert').office, /居（村）民委员会|派出所/);
    assert.ok(step(list, 'hukou').materials.includes('死亡证明'));
    assert.equal(step(list, 'hukou').dueOn, '2026-04-01', 'a month (30 days) after the death');
    assert.equal(step(list, 'subsidy').dueOn, '2026-05-28', '60 working days after the death');
    assert.equal(step(list, 'ashes').dueOn, '2027-03-02');
    assert.equal(step(list, 'death_cert').stateName, '待办理');

    // Nobody else sees it.
    const stranger = await loginCitizen(s.url);
    await request(s.url).get(`/api/funeral/checklists/${list.id}`).set(stranger.auth).expect(404);

    // She marks the certificate done; the cremation is not hers to do (a sibling did it).
    await request(s.url)
      .post(`/api/funeral/checklists/${list.id}/steps/death_cert`)
      .set(family.auth)
      .send({ state: 'done' })
      .expect(200);
    const marked = await request(s.url)
      .post(`/api/funeral/checklists/${list.id}/steps/cremation`)
      .set(family.auth)
      .send({ state: 'skipped' })
      .expect(200);
    assert.equal(step(marked.body.checklist, 'death_cert').doneOn, '2026-03-03');
    assert.equal(step(marked.body.checklist, 'cremation').stateName, '无需办理');
    await request(s.url)
      .post(`/api/funeral/checklists/${list.id}/steps/cremation`)
      .set(family.auth)
      .send({ state: 'finished' })
      .expect(400);

    // 丧葬补助: a case at the county, once.
    const applied = await request(s.url)
      .post(`/api/funeral/checklists/${list.id}/subsidy`)
      .set(family.auth)
      .send({ applicantName: '张小红', relation: '子女' });
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
    const { number, caseId } = applied.body;
    assert.match(number, /^SZ-20260303-/);
    assert.equal(step(applied.body.checklist, 'subsidy').stateName, '已申请');
    assert.equal(step(applied.body.checklist, 'subsidy').caseStage, '县级民政部门审核');
    const again = await request(s.url)
      .post(`/api/funeral/checklists/${list.id}/subsidy`)
      .set(family.auth)
      .send({ applicantName: '张小红', relation: '子女' })
      .expect(409);
    assert.equal(again.body.error.code, 'SUBSIDY_ALREADY_APPLIED');

    const inbox = async (who: Staff) =>
      (await request(s.url).get('/api/staff/cases/inbox').set(who.auth).expect(200)).body.items as { number: string }[];
    assert.ok(
      (await inbox(county)).some((c) => c.number === number),
      'in the county inbox',
    );
    assert.ok(!(await inbox(township)).some((c) => c.number === number), 'a 乡镇 does not decide it');
    assert.ok(!(await inbox(otherCounty)).some((c) => c.number === number), 'nor another county');
    await request(s.url)
      .post(`/api/staff/cases/${caseId}/actions/grant`)
      .set(otherCounty.auth)
      .send({ form: { amountCents: 100000 } })
      .expect(404);
    const noAmount = await request(s.url)
      .post(`/api/staff/cases/${caseId}/actions/grant`)
      .set(county.auth)
      .send({ form: {} })
      .expect(400);
    assert.match(JSON.stringify(noAmount.body), /补助金额/);
    await request(s.url)
      .post(`/api/staff/cases/${caseId}/actions/grant`)
      .set(county.auth)
      .send({ form: { amountCents: 100000 }, opinion: '符合条件' })
      .expect(200);
    const after = (await request(s.url).get(`/api/funeral/checklists/${list.id}`).set(family.auth).expect(200)).body
      .checklist;
    assert.equal(step(after, 'subsidy').caseStage, '已批准');
    const progress = (await messages(family.auth)).filter((m) => m.title === '丧葬补助办理进度');
    assert.equal(progress.length, 1);
    assert.match(progress[0].body, /批准发放丧葬补助/);

    // Reminders: five working days before 户口注销's last day, once; done or skipped steps never.
    setBeijingTime(s, '2026-03-20');
    await runReminders();
    assert.equal((await messages(family.auth)).filter((m) => m.title.startsWith('身后事提醒')).length, 0, 'not yet');
    setBeijingTime(s, '2026-03-25');
    await runReminders();
    await runReminders();
    const reminders = (await messages(family.auth)).filter((m) => m.title.startsWith('身后事提醒'));
    assert.deepEqual(
      reminders.map((m) => m.title),
      ['身后事提醒：户口注销'],
    );
    assert.match(reminders[0].body, /2026-04-01前办理/);
    assert.match(reminders[0].body, /派出所/);
  });

  it('refuses 丧葬补助 after its deadline, and lets a family withdraw an application', async () => {
    setBeijingTime(s, '2026-09-01');
    const family = await loginCitizen(s.url);
    const late = (
      await request(s.url)
        .post('/api/funeral/checklists')
        .set(family.auth)
        .send({ deceasedName: '李桂兰', deathDate: '2026-04-01', deathPlace: 'hospital', divisionCode: '110105001001' })
        .expect(201)
    ).body.checklist;
    assert.equal(late.steps[0].office, '死亡所在医院');
    const refused = await request(s.url)
      .post(`/api/funeral/checklists/${late.id}/subsidy`)
      .set(family.auth)
      .send({ applicantName: '李明', relation: '子女' })
      .expect(409);
    assert.equal(refused.body.error.code, 'SUBSIDY_DEADLINE_PASSED');
    assert.equal(late.steps.find((st: { key: string }) => st.key === 'subsidy').caseNumber, null);

    const recent = (
      await request(s.url)
        .post('/api/funeral/checklists')
        .set(family.auth)
        .send({
          deceasedName: '王秀珍',
          deathDate: '2026-08-28',
          deathPlace: 'unnatural',
          divisionCode: '110105001001',
        })
        .expect(201)
    ).body.checklist;
    assert.match(recent.steps[0].office, /公安机关/);
    await request(s.url)
      .post(`/api/funeral/checklists/${recent.id}/subsidy`)
      .set(family.auth)
      .send({ applicantName: '王强', relation: '配偶' })
      .expect(201);
    const withdrawn = await request(s.url)
      .post(`/api/funeral/checklists/${recent.id}/subsidy/withdraw`)
      .set(family.auth)
      .expect(200);
    assert.equal(
      withdrawn.body.checklist.steps.find((st: { key: string }) => st.key === 'subsidy').caseStage,
      '已撤回',
    );
  });
});
