import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { runCaseClock, setBeijingTime, staffAt } from '../cases/support';
import { applicationFor, bornIn, idNumber, member, realNamedCitizen } from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * A 公示 of 7 working days proposed on Monday 2026-09-28, just before 国庆 (10-01…10-07 off,
 * Saturday 10-10 a 调休 working day): it counts 9-29, 9-30, 10-08, 10-09, 10-10, 10-12, 10-13,
 * and ends by itself the morning after 10-13 — not seven calendar days later, not on 10-09.
 * (In 丰台, so that this story's county stage is nobody else's.)
 */
describe('社会救助 · a 公示 started before 国庆 ends on the right working day', () => {
  let s: TestServer;
  let clerk: Staff;
  let surveyor: Staff;

  const act = (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body);
  const timeline = async (auth: Record<string, string>, number: string) =>
    (await request(s.url).get(`/api/assistance/applications/${number}`).set(auth).expect(200)).body;

  before(async () => {
    s = await startServer();
    clerk = await staffAt(s.url, ['110106001'], ['assistance_officer'], '丰台受理');
    surveyor = await staffAt(s.url, ['110106001'], ['assistance_officer'], '丰台调查');
  });
  after(async () => s.close());

  it('counts the holiday out and the 调休 Saturday in', async () => {
    setBeijingTime(s, '2026-09-21'); // Monday
    const headId = idNumber(bornIn(1979), '1');
    const family = await realNamedCitizen(s.url, '陈桂兰', headId);
    const created = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(
        applicationFor(family, [member('陈桂兰', headId, '本人', 60_000)], {
          divisionCode: '110106001002',
          address: '北京市丰台区某街道某小区5号楼1单元302',
        }),
      );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { number, caseId } = created.body as { number: string; caseId: number };

    const accepted = await act(clerk, caseId, 'accept', { form: { assigneeStaffId: surveyor.id } });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const surveyed = await act(surveyor, caseId, 'submit_survey', {
      form: {
        visitedOn: '2026-09-21',
        findings: '入户查看，家中陈设简单，情况属实',
        housing: '自有住房',
        livingConditionsMatch: true,
      },
    });
    assert.equal(surveyed.status, 200, JSON.stringify(surveyed.body));
    await s.app.platform.jobs.drain();

    setBeijingTime(s, '2026-09-28', '10:00');
    await act(clerk, caseId, 'propose', { form: { amountCents: 80_000 }, opinion: '拟批准' }).expect(200);
    const view = await timeline(family.auth, number);
    assert.equal(view.current.stageName, '公示');
    assert.equal(view.current.dueOn, '2026-10-13');

    // Still running through the holiday and on its last working day…
    for (const day of ['2026-10-07', '2026-10-09', '2026-10-13']) {
      setBeijingTime(s, day, '20:00');
      await runCaseClock(s);
      assert.equal((await timeline(family.auth, number)).current.stageName, '公示', day);
    }
    // …and over by itself the next morning: the county decides now.
    setBeijingTime(s, '2026-10-14', '09:00');
    await runCaseClock(s);
    assert.equal((await timeline(family.auth, number)).current.stageName, '县级审批');
  });
});
