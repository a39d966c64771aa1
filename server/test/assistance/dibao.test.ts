import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { runCaseClock, setBeijingTime, staffAt } from '../cases/support';
import { withWrongCheckDigit } from '../support/id-numbers';
import {
  applicationFor,
  bornIn,
  idNumber,
  member,
  pdfBytes,
  pngBytes,
  realNamedCitizen,
  uploadMaterial,
} from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * 低保 end to end through HTTP: a family applies (materials, the household with ID numbers,
 * the consent to the economic check), the 乡镇 asks for missing materials at once, accepts and
 * sends a named worker, the check centre (simulator) answers, the 乡镇 proposes an amount, the
 * 公示 ends by the engine's clock, the county approves; the family sees every step and gets a
 * notice for each. Around it: scope (404), bad input (4xx, nothing changed), overdue flags.
 */
describe('社会救助 · 低保: from the application to the county approval', () => {
  let s: TestServer;
  let clerk: Staff;
  let surveyor: Staff;
  let otherTownship: Staff;
  let county: Staff;

  const act = (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body);
  const timeline = async (auth: Record<string, string>, number: string) =>
    (await request(s.url).get(`/api/assistance/applications/${number}`).set(auth).expect(200)).body;
  const mine = async (auth: Record<string, string>) =>
    (await request(s.url).get('/api/assistance/applications').set(auth).expect(200)).body.items;

  before(async () => {
    s = await startServer();
    clerk = await staffAt(s.url, ['110105001'], ['assistance_officer'], '李受理');
    surveyor = await staffAt(s.url, ['110105001'], ['assistance_officer'], '赵调查');
    otherTownship = await staffAt(s.url, ['110105002'], ['assistance_officer'], '孙外乡');
    county = await staffAt(s.url, ['110105'], ['assistance_officer'], '钱县级');
  });
  after(async () => s.close());

  it('walks a family from applying to 已批准, with a notice and a timeline step for each move', async () => {
    setBeijingTime(s, '2026-03-02'); // Monday
    const headId = idNumber(bornIn(1982), '1');
    const family = await realNamedCitizen(s.url, '张秀英', headId);
    const childId = idNumber(bornIn(2014), '2');

    // Materials are checked by their bytes: an image is re-encoded, a PDF kept, anything else refused.
    const photo = await uploadMaterial(s.url, family.auth, await pngBytes(), 'hukou.png').expect(201);
    const pdf = await uploadMaterial(s.url, family.auth, pdfBytes(), 'illness.pdf').expect(201);
    assert.equal(pdf.body.material.mime, 'application/pdf');
    const fake = await uploadMaterial(s.url, family.auth, Buffer.from('<html>not a pdf</html>'), 'x.pdf').expect(400);
    assert.equal(fake.body.error.code, 'UNSUPPORTED_MATERIAL');

    const members = [member('张秀英', headId, '本人', 80_000), member('王小明', childId, '子女')];
    const body = applicationFor(family, members, {
      materialIds: [photo.body.material.id, pdf.body.material.id],
    });
    const created = await request(s.url).post('/api/assistance/applications').set(family.auth).send(body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { number, caseId } = created.body as { number: string; caseId: number };
    assert.match(number, /^DB-20260302-/);

    // The applicant's view: masked household, the legal deadline of acceptance and who holds it.
    let view = await timeline(family.auth, number);
    assert.equal(view.current.stageName, '受理');
    assert.equal(view.current.dueOn, '2026-03-09', 'five working days after Monday 3-2');
    assert.match(view.current.heldBy, /乡镇（街道）/);
    assert.equal(view.application.household[0].name, '张**');
    assert.equal(view.application.household[1].idNumber, `${childId.slice(0, 6)}********${childId.slice(14)}`);
    assert.equal(JSON.stringify(view).includes(headId), false, 'no ID number in clear');
    assert.equal(view.application.materials.length, 2);

    // Out of scope: another 乡镇 gets 404 on the household and on actions; nothing moves.
    await request(s.url).get(`/api/staff/assistance/cases/${caseId}`).set(otherTownship.auth).expect(404);
    await act(otherTownship, caseId, 'accept', { form: { assigneeStaffId: otherTownship.id } }).expect(404);
    const otherInbox = await request(s.url).get('/api/staff/cases/inbox').set(otherTownship.auth).expect(200);
    assert.equal(
      otherInbox.body.items.some((i: { id: number }) => i.id === caseId),
      false,
    );
    // The county holds no acceptance: 403 naming the 乡镇.
    await act(county, caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(403);

    // The clerk sees the household in full (audited) and lists everything missing at once.
    const staffView = await request(s.url).get(`/api/staff/assistance/cases/${caseId}`).set(clerk.auth).expect(200);
    assert.equal(staffView.body.application.household[0].name, '张秀英');
    assert.equal(staffView.body.application.household[0].idNumber.includes('********'), true);
    const photoBytes = await request(s.url)
      .get(`/api/staff/assistance/cases/${caseId}/materials/${photo.body.material.id}`)
      .set(clerk.auth)
      .expect(200);
    assert.equal(photoBytes.headers['content-type'], 'image/png');
    await request(s.url)
      .get(`/api/staff/assistance/cases/${caseId}/materials/${photo.body.material.id}`)
      .set(otherTownship.auth)
      .expect(404);

    const noList = await act(clerk, caseId, 'request_materials', { form: { missing: [] } }).expect(400);
    assert.equal(noList.body.error.code, 'VALIDATION_FAILED');
    await act(clerk, caseId, 'request_materials', {
      form: { missing: ['王小明的学籍证明', '张秀英的失业登记证明'] },
    }).expect(200);
    view = await timeline(family.auth, number);
    assert.equal(view.current.stageName, '补齐材料');
    assert.deepEqual(view.application.missingMaterials, ['王小明的学籍证明', '张秀英的失业登记证明']);
    assert.equal(view.current.heldBy, '申请人');

    // Another citizen cannot hand in materials on this case (404), nor reuse someone's upload.
    const stranger = await realNamedCitizen(s.url, '周大伟', idNumber(bornIn(1975), '3'));
    await request(s.url)
      .post(`/api/assistance/applications/${number}/supplement`)
      .set(stranger.auth)
      .send({ materialIds: [photo.body.material.id] })
      .expect(404);
    const reused = await request(s.url)
      .post(`/api/assistance/applications/${number}/supplement`)
      .set(family.auth)
      .send({ materialIds: [photo.body.material.id] })
      .expect(400);
    assert.equal(reused.body.error.code, 'MATERIAL_NOT_FOUND');
    const extra1 = await uploadMaterial(s.url, family.auth, await pngBytes(), 'school.png').expect(201);
    const extra2 = await uploadMaterial(s.url, family.auth, pdfBytes(), 'unemployed.pdf').expect(201);
    await request(s.url)
      .post(`/api/assistance/applications/${number}/supplement`)
      .set(family.auth)
      .send({ materialIds: [extra1.body.material.id, extra2.body.material.id], note: '已补齐' })
      .expect(200);

    // Accepted, with a named worker; only that worker files the survey.
    await act(clerk, caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    const survey = {
      visitedOn: '2026-03-04',
      findings: '入户查看，家中无高档电器，孩子就读小学，情况属实',
      housing: '自有住房',
      livingConditionsMatch: true,
    };
    await act(clerk, caseId, 'submit_survey', { form: survey }).expect(403);
    await act(surveyor, caseId, 'submit_survey', { form: survey }).expect(200);
    // The check centre answers through the adapter; the job moves the case on.
    await s.app.platform.jobs.drain();
    const checked = await request(s.url).get(`/api/staff/assistance/cases/${caseId}`).set(clerk.auth).expect(200);
    assert.equal(checked.body.current.stage, 'review');
    assert.equal(checked.body.application.check.status, 'answered');
    assert.deepEqual(checked.body.application.check.findings, []);
    assert.equal(checked.body.application.check.result.persons.length, 2);

    // Review: an opinion is required; bad input changes nothing.
    const version = checked.body.case.version;
    await act(clerk, caseId, 'propose', { form: { amountCents: 90_000 } }).expect(400);
    await act(clerk, caseId, 'propose', { form: { amountCents: -5 }, opinion: '同意' }).expect(400);
    const same = await request(s.url).get(`/api/staff/cases/${caseId}`).set(clerk.auth).expect(200);
    assert.equal(same.body.case.version, version);
    await act(clerk, caseId, 'propose', {
      form: { amountCents: 90_000 },
      opinion: '家庭人均收入低于标准，拟批准',
    }).expect(200);

    // 公示 in the community: masked name, household size, amount; no ID, no full name.
    view = await timeline(family.auth, number);
    assert.equal(view.current.stageName, '公示');
    const publicityEnds = view.current.dueOn as string;
    const neighbour = await realNamedCitizen(s.url, '刘建国', idNumber(bornIn(1960), '3'));
    const board = await request(s.url)
      .get('/api/assistance/publicity?community=110105001003')
      .set(neighbour.auth)
      .expect(200);
    const entry = board.body.items.find((i: { number: string }) => i.number === number);
    assert.equal(entry.headName, '张**');
    assert.equal(entry.householdSize, 2);
    assert.equal(entry.proposedAmountCents, 90_000);
    assert.equal(entry.endsOn, publicityEnds);
    assert.equal(JSON.stringify(board.body).includes('张秀英'), false);
    const elsewhere = await request(s.url)
      .get('/api/assistance/publicity?community=110105002001')
      .set(neighbour.auth)
      .expect(200);
    assert.equal(elsewhere.body.items.length, 0);

    // The 公示 ends by the clock on the day after its last working day, then the county decides.
    setBeijingTime(s, publicityEnds, '20:00');
    await runCaseClock(s);
    assert.equal((await timeline(family.auth, number)).current.stageName, '公示', 'still running on its last day');
    const nextDay = new Date(`${publicityEnds}T00:00:00Z`);
    nextDay.setUTCDate(nextDay.getUTCDate() + 1);
    setBeijingTime(s, nextDay.toISOString().slice(0, 10), '09:00');
    await runCaseClock(s);
    view = await timeline(family.auth, number);
    assert.equal(view.current.stageName, '县级审批');
    // An objection after the 公示 is refused and changes nothing.
    const late = await request(s.url)
      .post(`/api/assistance/publicity/${number}/objections`)
      .set(neighbour.auth)
      .send({ reason: '该户家中有人在外打工，收入较高' })
      .expect(409);
    assert.equal(late.body.error.code, 'PUBLICITY_ENDED');
    assert.equal((await timeline(family.auth, number)).current.stageName, '县级审批');

    await act(clerk, caseId, 'grant', {}).expect(403);
    const granted = await act(county, caseId, 'grant', { opinion: '同意' }).expect(200);
    assert.equal(granted.body.case.amountCents, 90_000);
    assert.equal(granted.body.current.stage, 'granted');

    // What the family sees: every step in order, its organ, masked clerks, and a notice each.
    view = await timeline(family.auth, number);
    assert.equal(view.case.statusName, '已批准');
    assert.deepEqual(
      view.steps.map((step: { actionName: string }) => step.actionName),
      [
        '提交申请',
        '一次性告知补齐材料',
        '补齐材料',
        '受理并指派入户调查',
        '提交入户调查结果',
        '核对结果已反馈',
        '审核通过，进入公示',
        '公示期满无异议',
        '批准',
      ],
    );
    const accepted = view.steps[3];
    assert.equal(accepted.person, '李**');
    assert.match(accepted.organName, /乡镇|街道/);
    const list = await mine(family.auth);
    assert.equal(list[0].number, number);
    const messages = await request(s.url).get('/api/messages').set(family.auth).expect(200);
    const progress = messages.body.items.filter((m: { title: string }) => m.title === '最低生活保障办理进度');
    assert.equal(progress.length, 9, 'the submission and each of the eight moves');
  });

  it('refuses bad applications with a clear 4xx and writes nothing', async () => {
    setBeijingTime(s, '2026-03-02');
    const headId = idNumber(bornIn(1970), '1');
    const family = await realNamedCitizen(s.url, '陈桂兰', headId);
    const post = (body: Record<string, unknown>) =>
      request(s.url).post('/api/assistance/applications').set(family.auth).send(body);
    const ok = [member('陈桂兰', headId, '本人')];

    const noConsent = await post({ ...applicationFor(family, ok), consent: { agreed: false, signedName: '陈桂兰' } });
    assert.equal(noConsent.status, 400);
    assert.match(noConsent.body.error.message, /授权书/);
    const wrongSigner = await post(applicationFor({ name: '李四' }, ok)).expect(400);
    assert.equal(wrongSigner.body.error.code, 'CONSENT_NAME_MISMATCH');
    const badId = await post(applicationFor(family, [member('陈桂兰', withWrongCheckDigit(headId), '本人')])).expect(
      400,
    );
    assert.equal(badId.body.error.code, 'VALIDATION_FAILED');
    const dead = await post(
      applicationFor(family, [...ok, member('陈老汉', idNumber('19400101', '9', '99'), '父母')]),
    ).expect(400);
    assert.equal(dead.body.error.code, 'MEMBER_NOT_VERIFIED');
    assert.match(dead.body.error.message, /已死亡/);
    const nobody = await post(
      applicationFor(family, [...ok, member('陈某某', idNumber('19900101', '9', '98'), '兄弟姐妹')]),
    ).expect(400);
    assert.match(nobody.body.error.message, /查无此人/);
    const notHead = await post(applicationFor(family, [member('陈桂兰', headId, '配偶')])).expect(400);
    assert.equal(notHead.body.error.code, 'VALIDATION_FAILED');
    const tekunYoung = await post({ ...applicationFor(family, ok), kind: 'tekun' }).expect(400);
    assert.equal(tekunYoung.body.error.code, 'NOT_ELIGIBLE');
    const foreignMaterial = await post({ ...applicationFor(family, ok), materialIds: ['A'.repeat(32)] }).expect(400);
    assert.equal(foreignMaterial.body.error.code, 'MATERIAL_NOT_FOUND');
    const nowhere = await post({ ...applicationFor(family, ok), divisionCode: '990000000000' }).expect(400);
    assert.equal(nowhere.body.error.code, 'UNKNOWN_DIVISION');
    assert.deepEqual(await mine(family.auth), [], 'nothing was opened');

    // A citizen who is not real-named cannot apply.
    const anonymous = await loginCitizen(s.url);
    await request(s.url)
      .post('/api/assistance/applications')
      .set(anonymous.auth)
      .send(applicationFor(family, ok))
      .expect(403);

    // One household member may be in one live case only.
    await post(applicationFor(family, ok)).expect(201);
    const spouse = await realNamedCitizen(s.url, '陈志强', idNumber(bornIn(1968), '1'));
    const twice = await request(s.url)
      .post('/api/assistance/applications')
      .set(spouse.auth)
      .send(applicationFor(spouse, [member('陈志强', spouse.idNumber, '本人'), member('陈桂兰', headId, '配偶')]))
      .expect(409);
    assert.equal(twice.body.error.code, 'MEMBER_IN_ACTIVE_CASE');
    assert.equal(JSON.stringify(twice.body).includes(headId), false, 'the member is named masked');
  });

  it('refuses a proposal the economic check contradicts, and a withdrawn case frees the household', async () => {
    setBeijingTime(s, '2026-03-02');
    const headId = idNumber(bornIn(1975), '1');
    const earnerId = idNumber(bornIn(1974), '8'); // the simulator: wages of 3,000 元 a month
    const family = await realNamedCitizen(s.url, '黄丽', headId);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('黄丽', headId, '本人'), member('黄大山', earnerId, '配偶', 0)]))
      .expect(201);
    await act(clerk, body.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor, body.caseId, 'submit_survey', {
      form: {
        visitedOn: '2026-03-03',
        findings: '配偶称无业，家中有新购家电',
        housing: '租房',
        livingConditionsMatch: false,
      },
    }).expect(200);
    await s.app.platform.jobs.drain();
    const staffView = await request(s.url)
      .get(`/api/staff/assistance/cases/${body.caseId}`)
      .set(clerk.auth)
      .expect(200);
    assert.equal(staffView.body.application.check.findings.length, 1);
    assert.match(staffView.body.application.check.findings[0], /核对月收入3,?000元，申报0元/);
    const refused = await act(clerk, body.caseId, 'propose', {
      form: { amountCents: 50_000 },
      opinion: '拟批准',
    }).expect(409);
    assert.equal(refused.body.error.code, 'CHECK_CONTRADICTS');
    assert.equal((await timeline(family.auth, body.number)).current.stage, 'review');

    // The family withdraws; the household may apply again.
    await request(s.url)
      .post(`/api/assistance/applications/${body.number}/withdraw`)
      .set(family.auth)
      .send({})
      .expect(200);
    const after = await timeline(family.auth, body.number);
    assert.equal(after.current.stageName, '已撤回');
    await act(clerk, body.caseId, 'return_survey', { opinion: '重新调查' }).expect(409);
    await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('黄丽', headId, '本人'), member('黄大山', earnerId, '配偶', 300_000)]))
      .expect(201);
  });

  it('sends the case back to investigation on an objection during the 公示, keeping the objector private', async () => {
    setBeijingTime(s, '2026-03-02');
    const headId = idNumber(bornIn(1958), '1');
    const family = await realNamedCitizen(s.url, '吴国华', headId);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('吴国华', headId, '本人', 30_000)]))
      .expect(201);
    await act(clerk, body.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor, body.caseId, 'submit_survey', {
      form: {
        visitedOn: '2026-03-03',
        findings: '独居老人，无子女赡养，情况属实',
        housing: '自有住房',
        livingConditionsMatch: true,
      },
    }).expect(200);
    await s.app.platform.jobs.drain();
    await act(clerk, body.caseId, 'propose', { form: { amountCents: 100_000 }, opinion: '拟批准' }).expect(200);

    const unnamed = await loginCitizen(s.url);
    await request(s.url)
      .post(`/api/assistance/publicity/${body.number}/objections`)
      .set(unnamed.auth)
      .send({ reason: '该户子女在外地工作，每月寄钱回家' })
      .expect(403);
    const objector = await realNamedCitizen(s.url, '郑红梅', idNumber(bornIn(1980), '3'));
    const short = await request(s.url)
      .post(`/api/assistance/publicity/${body.number}/objections`)
      .set(objector.auth)
      .send({ reason: '不同意' })
      .expect(400);
    assert.equal(short.body.error.code, 'VALIDATION_FAILED');
    await request(s.url)
      .post(`/api/assistance/publicity/${body.number}/objections`)
      .set(objector.auth)
      .send({ reason: '该户子女在外地工作，每月寄钱回家' })
      .expect(201);

    const view = await timeline(family.auth, body.number);
    assert.equal(view.current.stageName, '入户调查');
    const last = view.steps.at(-1);
    assert.equal(last.person, '公众');
    assert.equal(JSON.stringify(view).includes('郑红梅'), false);
    assert.equal(JSON.stringify(view).includes('寄钱'), false, 'the reason stays with staff');
    const staffView = await request(s.url)
      .get(`/api/staff/assistance/cases/${body.caseId}`)
      .set(surveyor.auth)
      .expect(200);
    assert.equal(staffView.body.application.objections[0].reason, '该户子女在外地工作，每月寄钱回家');
    assert.equal(staffView.body.current.assignee.id, surveyor.id, 'back to the same named worker');
  });

  it('flags a case nearly overdue and overdue on working days', async () => {
    setBeijingTime(s, '2026-03-06'); // Friday
    const headId = idNumber(bornIn(1966), '1');
    const family = await realNamedCitizen(s.url, '杨春燕', headId);
    const { body } = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('杨春燕', headId, '本人')]))
      .expect(201);
    const flagOf = async () => {
      const inbox = await request(s.url).get('/api/staff/cases/inbox').set(clerk.auth).expect(200);
      return inbox.body.items.find((i: { id: number }) => i.id === body.caseId);
    };
    assert.equal((await flagOf()).dueOn, '2026-03-13', 'Mon 9 … Fri 13: five working days');
    setBeijingTime(s, '2026-03-12'); // Thursday: one working day left
    await runCaseClock(s);
    assert.equal((await flagOf()).flag, 'near');
    setBeijingTime(s, '2026-03-14'); // Saturday: the deadline passed yesterday
    await runCaseClock(s);
    assert.equal((await flagOf()).flag, 'overdue');
    const overdue = await request(s.url).get('/api/staff/cases/inbox?flag=overdue').set(clerk.auth).expect(200);
    assert.ok(overdue.body.items.some((i: { id: number }) => i.id === body.caseId));
    const citizenView = await timeline(family.auth, body.number);
    assert.equal(citizenView.current.overdue, true);
  });
});
