import assert from 'node:assert/strict';
import request from 'supertest';
import { z } from 'zod';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import type { CaseTypeDef } from '../../src/modules/cases';
import { runCaseClock, setBeijingTime, staffAt } from './support';

/**
 * The engine with a small case type registered the way an owning module registers its own
 * (a permit with acceptance, a named surveyor, a township review, a 公示 that ends by itself,
 * a county decision and a written refusal). Staff act through the engine's HTTP endpoints.
 */
const PERMIT: CaseTypeDef = {
  key: 'enginetest.permit',
  name: '测试许可',
  numberPrefix: 'TP',
  initialStage: 'accept',
  citizenPage: '/packages/test/case',
  markNames: { kin: '近亲属备案' },
  stages: {
    accept: {
      name: '受理',
      status: 'open',
      holder: { kind: 'staff', role: 'assistance_officer', level: 'township' },
      clock: { days: 3, unit: 'working', basis: '3个工作日内受理' },
      actions: {
        accept: {
          name: '受理',
          to: 'survey',
          form: z.object({ assigneeStaffId: z.number().int().positive() }),
          effect: (ctx) => ({ assigneeStaffId: (ctx.form as { assigneeStaffId: number }).assigneeStaffId }),
          notice: { template: 'enginetest.progress', data: (ctx) => ({ step: ctx.toStage.name }) },
        },
      },
    },
    survey: {
      name: '入户调查',
      status: 'open',
      holder: { kind: 'assignee', role: 'assistance_officer', level: 'township' },
      clock: { days: 10, unit: 'working' },
      actions: {
        submit_survey: {
          name: '提交调查结果',
          to: 'review',
          form: z.object({ findings: z.string().min(2, '请填写调查情况') }),
        },
      },
    },
    review: {
      name: '乡镇审核',
      status: 'open',
      holder: { kind: 'staff', role: 'assistance_officer', level: 'township' },
      clock: { days: 5, unit: 'working' },
      actions: {
        propose: { name: '审核通过，公示', to: 'publicity', opinion: 'required' },
      },
    },
    publicity: {
      name: '公示',
      status: 'open',
      holder: { kind: 'system' },
      clock: { days: 7, unit: 'working', basis: '公示7个工作日' },
      onWake: 'end_publicity',
      actions: {
        end_publicity: { name: '公示期满无异议', to: 'approve', by: 'system' },
        object: { name: '公示异议', to: 'survey', by: 'public', opinion: 'required' },
      },
    },
    approve: {
      name: '县级确认',
      status: 'open',
      holder: { kind: 'staff', role: 'assistance_officer', level: 'county' },
      clock: { days: 10, unit: 'working', basis: '公示结束后10个工作日内确认' },
      actions: {
        grant: {
          name: '批准',
          to: 'granted',
          bulk: true,
          effect: () => ({ amountCents: 120000 }),
          notice: { template: 'enginetest.progress', data: () => ({ step: '已批准' }) },
        },
        refuse: { name: '不予批准', to: 'refusal_notice', opinion: 'required' },
      },
    },
    refusal_notice: {
      name: '书面告知',
      status: 'open',
      holder: { kind: 'staff', role: 'assistance_officer', level: 'county' },
      clock: { days: 3, unit: 'working' },
      actions: { notify_refusal: { name: '书面告知理由', to: 'refused', opinion: 'required' } },
    },
    granted: { name: '已批准', status: 'active', actions: {} },
    refused: { name: '不予批准', status: 'closed', actions: {} },
  },
};

describe('Case engine: stages, holders by role and level, statutory clocks, history', () => {
  let s: TestServer;
  let clerk: Awaited<ReturnType<typeof staffAt>>;
  let surveyor: Awaited<ReturnType<typeof staffAt>>;
  let otherTownship: Awaited<ReturnType<typeof staffAt>>;
  let county: Awaited<ReturnType<typeof staffAt>>;
  let citizen: Awaited<ReturnType<typeof loginCitizen>>;

  const open = async (divisionCode = '110105001003', marks: string[] = []) =>
    s.app.modules.cases.open({
      type: PERMIT.key,
      applicantUserId: citizen.user.id,
      divisionCode,
      title: '张*家庭（3人）',
      acting: { kind: 'citizen', userId: citizen.user.id, displayName: '张*' },
      marks,
    });
  const act = (auth: Record<string, string>, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(auth).send(body);

  before(async () => {
    s = await startServer();
    s.app.modules.cases.registerType(PERMIT);
    s.app.modules.notices.templates.register<{ step: string }>({
      key: 'enginetest.progress',
      kind: 'application',
      render: (d) => ({ title: '测试许可办理进度', body: `您的申请已进入：${d.step}` }),
    });
    clerk = await staffAt(s.url, ['110105001'], ['assistance_officer'], '李受理');
    surveyor = await staffAt(s.url, ['110105001'], ['assistance_officer'], '赵调查');
    otherTownship = await staffAt(s.url, ['110105002']);
    county = await staffAt(s.url, ['110105'], ['assistance_officer'], '钱县级');
    citizen = await loginCitizen(s.url);
  });
  after(async () => s.close());

  it('refuses a type whose action leads nowhere, at registration', () => {
    assert.throws(
      () =>
        s.app.modules.cases.registerType({
          ...PERMIT,
          key: 'enginetest.broken',
          numberPrefix: 'TB',
          stages: {
            accept: { name: '受理', status: 'open', actions: { x: { name: 'x', to: 'nowhere', by: 'system' } } },
          },
        }),
      /unknown stage nowhere/,
    );
  });

  it('walks a case from acceptance through a 公示 that ends by itself to a batch approval', async () => {
    setBeijingTime(s, '2026-03-02'); // a Monday
    const first = await open();
    const second = await open('110105001007');

    // Only the 乡镇 whose prefix covers the community sees it, with its deadline.
    const inbox = await request(s.url).get('/api/staff/cases/inbox').set(clerk.auth).expect(200);
    const item = inbox.body.items.find((i: { id: number }) => i.id === first.id);
    assert.equal(item.stageName, '受理');
    assert.equal(item.dueOn, '2026-03-05', 'three working days after Monday');
    const elsewhere = await request(s.url).get('/api/staff/cases/inbox').set(otherTownship.auth).expect(200);
    assert.equal(elsewhere.body.items.length, 0);
    const countyInbox = await request(s.url).get('/api/staff/cases/inbox').set(county.auth).expect(200);
    assert.equal(countyInbox.body.items.length, 0, 'the county holds no acceptance');

    // Out of scope is 404; in scope at the wrong level is 403 naming who holds it; nothing changes.
    await request(s.url).get(`/api/staff/cases/${first.id}`).set(otherTownship.auth).expect(404);
    const wrongLevel = await act(county.auth, first.id, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(
      403,
    );
    assert.match(wrongLevel.body.error.message, /乡镇（街道）/);
    const early = await act(clerk.auth, first.id, 'propose', { opinion: '同意' }).expect(409);
    assert.equal(early.body.error.code, 'CASE_STAGE_MISMATCH');
    assert.match(early.body.error.message, /当前处于「受理」环节/);
    const badAssignee = await act(clerk.auth, first.id, 'accept', {
      form: { assigneeStaffId: otherTownship.id },
    }).expect(400);
    assert.equal(badAssignee.body.error.code, 'ASSIGNEE_INVALID');
    const still = await request(s.url).get(`/api/staff/cases/${first.id}`).set(clerk.auth).expect(200);
    assert.equal(still.body.current.stage, 'accept');
    assert.equal(still.body.steps.length, 1);

    for (const c of [first, second]) {
      await act(clerk.auth, c.id, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
      // The survey is the named worker's: another clerk of the same 乡镇 may not file it.
      await act(clerk.auth, c.id, 'submit_survey', { form: { findings: '已入户' } }).expect(403);
      const surveyed = await act(surveyor.auth, c.id, 'submit_survey', { form: { findings: '已入户，情况属实' } });
      assert.equal(surveyed.status, 200, JSON.stringify(surveyed.body));
      const noOpinion = await act(clerk.auth, c.id, 'propose', {}).expect(400);
      assert.equal(noOpinion.body.error.code, 'OPINION_REQUIRED');
      await act(clerk.auth, c.id, 'propose', { opinion: '符合条件，拟批准' }).expect(200);
    }

    const timeline = await request(s.url).get(`/api/cases/${first.number}`).set(citizen.auth).expect(200);
    assert.equal(timeline.body.current.stageName, '公示');
    assert.equal(timeline.body.current.dueOn, '2026-03-11', 'seven working days after Monday 3-2');
    assert.equal(timeline.body.current.basis, '公示7个工作日');
    assert.deepEqual(
      timeline.body.steps.map((step: { actionName: string }) => step.actionName),
      ['提交申请', '受理', '提交调查结果', '审核通过，公示'],
    );
    const accepted = timeline.body.steps[1];
    assert.equal(accepted.person, '李**', 'citizens see the clerk masked');
    assert.match(accepted.organName, /北京市朝阳区/);
    // Another citizen cannot read it.
    const stranger = await loginCitizen(s.url);
    await request(s.url).get(`/api/cases/${first.number}`).set(stranger.auth).expect(404);

    // The 公示's last day passes: the clock ends it without anyone acting.
    setBeijingTime(s, '2026-03-12', '00:10');
    await runCaseClock(s);
    const countyNow = await request(s.url).get('/api/staff/cases/inbox').set(county.auth).expect(200);
    assert.deepEqual(
      countyNow.body.items.map((i: { id: number; stage: string }) => [i.id, i.stage]).sort(),
      [
        [first.id, 'approve'],
        [second.id, 'approve'],
      ].sort(),
    );
    assert.equal(countyNow.body.items[0].dueOn, '2026-03-26', 'ten working days from 3-12');

    // The township cannot approve; the county approves both at once.
    const refusedBulk = await request(s.url)
      .post('/api/staff/cases/bulk')
      .set(clerk.auth)
      .send({ caseIds: [first.id, second.id], action: 'grant' })
      .expect(409);
    assert.equal(refusedBulk.body.error.code, 'BULK_REFUSED');
    const bulk = await request(s.url)
      .post('/api/staff/cases/bulk')
      .set(county.auth)
      .send({ caseIds: [first.id, second.id], action: 'grant', opinion: '同意' })
      .expect(200);
    assert.equal(bulk.body.done, 2);
    const granted = await request(s.url).get(`/api/cases/${first.number}`).set(citizen.auth).expect(200);
    assert.equal(granted.body.case.status, 'active');
    assert.equal(granted.body.case.amountCents, 120000);
    const last = granted.body.steps.at(-1);
    assert.deepEqual([last.actionName, last.opinion, last.person], ['批准', '同意', '钱**']);
    assert.match(last.organName, /朝阳区民政局/);

    const messages = await request(s.url).get('/api/messages').set(citizen.auth).expect(200);
    const bodies = messages.body.items.map((m: { body: string }) => m.body);
    assert.ok(bodies.includes('您的申请已进入：入户调查'));
    assert.ok(bodies.includes('您的申请已进入：已批准'));
  });

  it('sends a case back to investigation on an objection, and refuses in writing', async () => {
    setBeijingTime(s, '2026-04-07');
    const c = await open();
    await act(clerk.auth, c.id, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor.auth, c.id, 'submit_survey', { form: { findings: '已入户' } }).expect(200);
    await act(clerk.auth, c.id, 'propose', { opinion: '拟批准' }).expect(200);
    const objector = await loginCitizen(s.url);
    await s.app.modules.cases.act({
      caseId: c.id,
      action: 'object',
      acting: { kind: 'citizen', userId: objector.user.id, displayName: '孙*' },
      opinion: '该户有营业车辆',
    });
    const back = await request(s.url).get(`/api/staff/cases/${c.id}`).set(surveyor.auth).expect(200);
    assert.equal(back.body.current.stage, 'survey');
    assert.equal(back.body.current.assignee.id, surveyor.id, 'the same surveyor investigates again');
    await act(surveyor.auth, c.id, 'submit_survey', { form: { findings: '核实有营业车辆' } }).expect(200);
    await act(clerk.auth, c.id, 'propose', { opinion: '报县级' }).expect(200);
    setBeijingTime(s, '2026-04-20', '01:00');
    await runCaseClock(s);
    await act(county.auth, c.id, 'refuse', { opinion: '家庭财产超过规定' }).expect(200);
    const detail = await request(s.url).get(`/api/staff/cases/${c.id}`).set(county.auth).expect(200);
    assert.equal(detail.body.current.stage, 'refusal_notice');
    assert.equal(detail.body.current.dueOn, '2026-04-23', 'three working days to tell in writing');
    await act(county.auth, c.id, 'notify_refusal', { opinion: '您家庭拥有营业车辆，不符合条件' }).expect(200);
    const done = await request(s.url).get(`/api/cases/${c.number}`).set(citizen.auth).expect(200);
    assert.equal(done.body.case.status, 'closed');
    assert.equal(done.body.current.dueOn, null);
  });

  it('counts a 公示 begun before 国庆 over the holiday and the 调休 Saturday', async () => {
    setBeijingTime(s, '2026-09-29'); // Tuesday before the National Day holiday
    const c = await open();
    await act(clerk.auth, c.id, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    await act(surveyor.auth, c.id, 'submit_survey', { form: { findings: '已入户' } }).expect(200);
    await act(clerk.auth, c.id, 'propose', { opinion: '拟批准' }).expect(200);
    const shown = await request(s.url).get(`/api/cases/${c.number}`).set(citizen.auth).expect(200);
    // 9-30 (1), 10-1…10-7 holiday, 10-8 (2), 10-9 (3), Saturday 10-10 worked (4), 10-12 (5), 10-13 (6), 10-14 (7).
    assert.equal(shown.body.current.dueOn, '2026-10-14');
    assert.equal(shown.body.current.dueProvisional, false);
    setBeijingTime(s, '2026-10-14', '23:30');
    await runCaseClock(s);
    assert.equal((await s.app.modules.cases.get(c.id))!.stage, 'publicity', 'still on its last day');
    setBeijingTime(s, '2026-10-15', '00:05');
    await runCaseClock(s);
    assert.equal((await s.app.modules.cases.get(c.id))!.stage, 'approve');
  });

  it('marks a deadline past the published holiday arrangement as provisional', async () => {
    setBeijingTime(s, '2026-12-28');
    const c = await open();
    await act(clerk.auth, c.id, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    const view = await request(s.url).get(`/api/cases/${c.number}`).set(citizen.auth).expect(200);
    // 12-29, 12-30, 12-31, then 2027 counted as an ordinary week: 1-1 (Fri) … 1-11.
    assert.equal(view.body.current.dueOn, '2027-01-11');
    assert.equal(view.body.current.dueProvisional, true);
  });

  it('flags nearly overdue and overdue cases to whoever must act, and rolls them up', async () => {
    setBeijingTime(s, '2026-05-11'); // Monday
    const c = await open('110105001009');
    const late = await open('110105001009');
    await act(clerk.auth, late.id, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    // Acceptance is due 5-14 and the survey 5-25.
    setBeijingTime(s, '2026-05-13', '08:00');
    await runCaseClock(s);
    let near = await request(s.url).get('/api/staff/cases/inbox').query({ flag: 'near' }).set(clerk.auth).expect(200);
    assert.ok(near.body.items.some((i: { id: number }) => i.id === c.id));
    setBeijingTime(s, '2026-05-15', '08:00');
    await runCaseClock(s);
    const overdue = await request(s.url)
      .get('/api/staff/cases/inbox')
      .query({ flag: 'overdue' })
      .set(clerk.auth)
      .expect(200);
    assert.ok(overdue.body.items.some((i: { id: number }) => i.id === c.id));
    const summary = await request(s.url).get('/api/staff/cases/inbox/summary').set(clerk.auth).expect(200);
    const accept = summary.body.stages.find((st: { stage: string }) => st.stage === 'accept');
    assert.ok(accept.overdue >= 1);
    // The survey is flagged to its named worker only.
    setBeijingTime(s, '2026-05-22', '08:00');
    await runCaseClock(s);
    near = await request(s.url).get('/api/staff/cases/inbox').query({ flag: 'near' }).set(surveyor.auth).expect(200);
    assert.ok(near.body.items.some((i: { id: number }) => i.id === late.id));
    const clerkNear = await request(s.url)
      .get('/api/staff/cases/inbox')
      .query({ flag: 'near' })
      .set(clerk.auth)
      .expect(200);
    assert.ok(!clerkNear.body.items.some((i: { id: number }) => i.id === late.id));

    const stats = await request(s.url).get('/api/staff/cases/statistics').set(county.auth).expect(200);
    assert.equal(stats.body.day, '2026-05-22');
    const byStage = stats.body.byStage.find(
      (st: { type: string; stage: string }) => st.type === PERMIT.key && st.stage === 'accept',
    );
    assert.ok(byStage.overdue >= 1);
    const otherStats = await request(s.url).get('/api/staff/cases/statistics').set(otherTownship.auth).expect(200);
    assert.equal(otherStats.body.total.open, 0, 'another 乡镇 sees none of these');
  });

  it('lets only one of two clerks acting at once move the case', async () => {
    setBeijingTime(s, '2026-06-01');
    const c = await open();
    const [a, b] = await Promise.all([
      act(clerk.auth, c.id, 'accept', { form: { assigneeStaffId: surveyor.id }, version: 1 }),
      act(clerk.auth, c.id, 'accept', { form: { assigneeStaffId: surveyor.id }, version: 1 }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const history = await s.app.modules.cases.history(c.id);
    assert.equal(history.length, 2);
  });

  it('keeps the history append-only: the database refuses to rewrite or delete a step', async () => {
    const [row] = await s.app.modules.cases.history((await open()).id);
    // The database's own message (Sequelize wraps SQLite's as a constraint error).
    const refusedBy = (message: RegExp) => (err: { message: string; original?: { message: string } }) =>
      message.test(err.original?.message ?? err.message);
    await assert.rejects(
      s.app.platform.db.query('UPDATE case_transitions SET opinion = ? WHERE id = ?', {
        replacements: ['改写', row.id],
      }),
      refusedBy(/append-only/),
    );
    await assert.rejects(
      s.app.platform.db.query('DELETE FROM case_transitions WHERE id = ?', { replacements: [row.id] }),
      refusedBy(/append-only/),
    );
    const [again] = await s.app.modules.cases.history(row.case_id);
    assert.deepEqual(again, row);
  });
  it('pages the inbox in due-date order without gaps or repeats, held by role and assigned by name alike', async () => {
    setBeijingTime(s, '2026-06-01'); // Monday
    const held = await open('110105001009');
    const assigned = await open('110105001009');
    await act(clerk.auth, assigned.id, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    const page = async (n: number, pageSize: number) =>
      (await request(s.url).get('/api/staff/cases/inbox').query({ page: n, pageSize }).set(surveyor.auth).expect(200))
        .body as { items: Array<{ id: number; dueOn: string | null }>; total: number };
    const whole = await page(1, 100);
    assert.equal(whole.items.length, whole.total);
    const ids = whole.items.map((i) => i.id);
    assert.ok(ids.includes(held.id) && ids.includes(assigned.id), 'both kinds of holding are listed');
    const dues = whole.items.map((i) => i.dueOn ?? '9999-99-99');
    assert.deepEqual(dues, [...dues].sort(), 'by due date, undated last');
    const walked: number[] = [];
    for (let n = 1; n <= Math.ceil(whole.total / 2); n++) {
      const p = await page(n, 2);
      assert.equal(p.total, whole.total);
      walked.push(...p.items.map((i) => i.id));
    }
    assert.deepEqual(walked, ids, 'page by page, the same cases in the same order');
  });
});
