import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { runCaseClock, setBeijingTime, staffAt } from '../cases/support';
import { applicationFor, bornIn, idNumber, member, realNamedCitizen } from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;
type Family = Awaited<ReturnType<typeof realNamedCitizen>>;

/**
 * 发放记录: two families granted 低保 in March are paid from April (次月起). The monthly job makes
 * one 待发放 row per case and month, and a second run makes nothing new. The county's decisions
 * apply from the month after them: an amount raised in April pays the new amount in May, a
 * suspension in April leaves May unpaid, a resumption in May pays again in June, an exit in May
 * ends payment in June. The family reads its payments on the case page; the 乡镇 lists them
 * (head of household masked) but only the county records 已发放 / 发放失败 (with a reason the
 * family is told); staff of another 乡镇 see none; exports and lists are audited; the statistics
 * of amounts by month and county add the records up. Own database: it counts a county's payments.
 */
describe('社会救助 · 发放记录: monthly payments of granted 低保, from the right month', function () {
  this.timeout(240_000); // its own database is migrated first
  let s: TestServer;
  let clerk: Staff;
  let surveyor: Staff;
  let otherTownship: Staff;
  let county: Staff;
  let a: { number: string; caseId: number; family: Family };
  let b: { number: string; caseId: number; family: Family };

  const act = async (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) => {
    const res = await request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body);
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const runPayments = async () => {
    await s.app.platform.jobs.enqueue(
      'assistance.payments-monthly',
      {},
      { jobId: `pay-${Date.now()}-${Math.random()}` },
    );
    await s.app.platform.jobs.drain();
  };
  const paymentsOf = async (family: Family, number: string) =>
    (await request(s.url).get(`/api/assistance/applications/${number}`).set(family.auth).expect(200)).body.payments as {
      month: string;
      amountCents: number;
      status: string;
      statusName: string;
      reason: string | null;
    }[];
  const list = async (who: Staff, query: Record<string, string | number> = {}) =>
    (await request(s.url).get('/api/staff/assistance/payments').query(query).set(who.auth).expect(200)).body;
  const settle = (who: Staff, body: Record<string, unknown>) =>
    request(s.url).post('/api/staff/assistance/payments/settle').set(who.auth).send(body);

  async function grantedFamily(name: string, year: number, amountCents: number) {
    const id = idNumber(bornIn(year), '1');
    const family = await realNamedCitizen(s.url, name, id);
    const created = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member(name, id, '本人', 30_000)]))
      .expect(201);
    const { number, caseId } = created.body as { number: string; caseId: number };
    await act(clerk, caseId, 'accept', { form: { assigneeStaffId: surveyor.id } });
    await act(surveyor, caseId, 'submit_survey', {
      form: {
        visitedOn: '2026-03-02',
        findings: '入户查看，家庭困难情况属实',
        housing: '自有住房',
        livingConditionsMatch: true,
      },
    });
    await s.app.platform.jobs.drain();
    await act(clerk, caseId, 'propose', { form: { amountCents }, opinion: '拟批准' });
    return { number, caseId, family };
  }

  before(async () => {
    s = await startServer({ DATABASE_URL: await ownDatabase('assistance_payments') });
    setBeijingTime(s, '2026-03-02'); // Monday
    clerk = await staffAt(s.url, ['110105001'], ['assistance_officer'], '李受理');
    surveyor = await staffAt(s.url, ['110105001'], ['assistance_officer'], '赵调查');
    otherTownship = await staffAt(s.url, ['110105002'], ['assistance_officer'], '孙外乡');
    county = await staffAt(s.url, ['110105'], ['assistance_officer'], '钱县级');
    a = await grantedFamily('张秀英', 1982, 90_000);
    b = await grantedFamily('吴国华', 1958, 120_000);
    // The 公示 (7 working days) has ended by the 20th; the county approves in March.
    setBeijingTime(s, '2026-03-20');
    await runCaseClock(s);
    await act(county, a.caseId, 'grant', { opinion: '同意' });
    await act(county, b.caseId, 'grant', { opinion: '同意' });
  });
  after(async () => s.close());

  it('pays from the month after the approval, once per case and month however often the job runs', async () => {
    await runPayments(); // still March: approved this month, paid from next month
    assert.deepEqual(await paymentsOf(a.family, a.number), []);

    setBeijingTime(s, '2026-04-01', '00:30');
    await runPayments();
    await runPayments();
    const april = await paymentsOf(a.family, a.number);
    assert.deepEqual(
      april.map((p) => [p.month, p.amountCents, p.statusName]),
      [['2026-04', 90_000, '待发放']],
    );
    const all = await list(county, { month: '2026-04' });
    assert.equal(all.total, 2, 'one row per case, however many runs');
    assert.equal(all.totals.pending.amountCents, 210_000);
  });

  it('takes a new amount and a suspension from the month after the decision', async () => {
    setBeijingTime(s, '2026-04-10');
    await act(county, a.caseId, 'adjust', { form: { amountCents: 100_000 }, opinion: '家庭人口变化，调整金额' });
    await act(county, b.caseId, 'suspend', { opinion: '外出务工收入待核实，暂停发放' });
    await runPayments(); // April's list stands as made
    assert.equal((await paymentsOf(a.family, a.number))[0].amountCents, 90_000);
    assert.equal((await paymentsOf(b.family, b.number)).length, 1);

    setBeijingTime(s, '2026-05-01', '08:00');
    await runPayments();
    assert.deepEqual(
      (await paymentsOf(a.family, a.number)).map((p) => [p.month, p.amountCents]),
      [
        ['2026-05', 100_000],
        ['2026-04', 90_000],
      ],
    );
    assert.deepEqual(
      (await paymentsOf(b.family, b.number)).map((p) => p.month),
      ['2026-04'],
      'suspended in April: nothing for May',
    );

    setBeijingTime(s, '2026-05-06');
    await act(county, b.caseId, 'resume', { opinion: '收入核实无误，恢复发放' });
    await act(county, a.caseId, 'terminate', { opinion: '家庭收入超过标准，退出保障' });
    await runPayments();
    assert.deepEqual(
      (await paymentsOf(b.family, b.number)).map((p) => p.month),
      ['2026-04'],
      'resumed in May: paid again from June',
    );
    setBeijingTime(s, '2026-06-01');
    await runPayments();
    assert.deepEqual(
      (await paymentsOf(b.family, b.number)).map((p) => [p.month, p.amountCents]),
      [
        ['2026-06', 120_000],
        ['2026-04', 120_000],
      ],
    );
    assert.equal((await paymentsOf(a.family, a.number))[0].month, '2026-05', 'exited in May: nothing for June');
  });

  it('lets the 乡镇 see, the county record paid or failed (the family told why), and nobody else touch them', async () => {
    const april = await list(clerk, { month: '2026-04' });
    assert.equal(april.items.length, 2);
    const rowA = april.items.find((i: { number: string }) => i.number === a.number);
    const rowB = april.items.find((i: { number: string }) => i.number === b.number);
    assert.equal(rowA.headName, '张**');
    assert.equal(rowA.kindName, '最低生活保障');
    assert.equal(rowA.countyName, '北京市朝阳区');
    assert.equal(rowA.canSettle, false);
    assert.equal(JSON.stringify(april).includes('张秀英'), false, 'masked');
    assert.equal((await list(otherTownship)).total, 0, 'another 乡镇 sees none');

    // The 乡镇 does not record results; a stranger's id is 404; bad input changes nothing.
    const byClerk = await settle(clerk, { ids: [rowA.id], result: 'paid' }).expect(403);
    assert.equal(byClerk.body.error.code, 'PAYMENT_COUNTY_ONLY');
    await settle(otherTownship, { ids: [rowA.id], result: 'paid' }).expect(404);
    const noReason = await settle(county, { ids: [rowB.id], result: 'failed' }).expect(400);
    assert.match(noReason.body.error.message, /原因/);
    await settle(county, { ids: [rowA.id, 99_999_999], result: 'paid' }).expect(404);
    assert.equal((await paymentsOf(a.family, a.number))[1].statusName, '待发放');

    await settle(county, { ids: [rowA.id], result: 'paid' }).expect(200);
    await settle(county, { ids: [rowB.id], result: 'failed', reason: '收款银行账户已销户' }).expect(200);
    const again = await settle(county, { ids: [rowA.id], result: 'failed', reason: '重复登记' }).expect(409);
    assert.equal(again.body.error.code, 'PAYMENT_SETTLED');
    assert.deepEqual(
      (await paymentsOf(a.family, a.number)).map((p) => p.statusName),
      ['待发放', '已发放'],
    );
    const failed = (await paymentsOf(b.family, b.number)).find((p) => p.month === '2026-04')!;
    assert.equal(failed.statusName, '发放失败');
    assert.equal(failed.reason, '收款银行账户已销户');
    const messages = await request(s.url).get('/api/messages').set(b.family.auth).expect(200);
    const told = messages.body.items.find((m: { title: string }) => m.title === '最低生活保障发放失败');
    assert.ok(told, 'the family is told');
    assert.match(told.body, /2026年4月1200\.00元发放失败：收款银行账户已销户/);
    // A failed payment is paid again (补发) and recorded as paid.
    await settle(county, { ids: [rowB.id], result: 'paid' }).expect(200);

    const filtered = await list(county, { status: 'pending' });
    assert.deepEqual(
      filtered.items.map((i: { month: string }) => i.month),
      ['2026-06', '2026-05'],
    );
  });

  it('exports a month masked and audited, and adds the amounts up by month and county', async () => {
    const csv = await request(s.url)
      .get('/api/staff/assistance/payments/export?month=2026-04&format=csv')
      .set(county.auth)
      .expect(200);
    assert.match(csv.headers['content-type'], /text\/csv/);
    const text = csv.text;
    assert.match(text, /月份,案件编号,救助类型,户主/);
    assert.match(text, new RegExp(`2026-04,${a.number},最低生活保障,张\\*\\*,北京市朝阳区,110105001003,900,已发放`));
    assert.equal(text.includes('张秀英'), false);
    const xlsx = await request(s.url)
      .get('/api/staff/assistance/payments/export?month=2026-04')
      .set(county.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    assert.equal((xlsx.body as Buffer).subarray(0, 2).toString(), 'PK');
    await request(s.url).get('/api/staff/assistance/payments/export?month=2026-4').set(county.auth).expect(400);

    const admin = (await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD)).auth;
    const audit = await request(s.url)
      .get('/api/staff/audit-logs?action=assistance.payments.export')
      .set(admin)
      .expect(200);
    assert.equal(audit.body.items.length, 2);
    const settled = await request(s.url)
      .get('/api/staff/audit-logs?action=assistance.payments.failed')
      .set(admin)
      .expect(200);
    assert.equal(settled.body.items.length, 1);

    const stats = (
      await request(s.url)
        .get('/api/staff/assistance/payments/statistics?from=2026-03&to=2026-06')
        .set(county.auth)
        .expect(200)
    ).body;
    assert.deepEqual(
      stats.months.map((m: { month: string; cases: number; amountCents: number; paidCents: number }) => [
        m.month,
        m.cases,
        m.amountCents,
        m.paidCents,
      ]),
      [
        ['2026-04', 2, 210_000, 210_000],
        ['2026-05', 1, 100_000, 0],
        ['2026-06', 1, 120_000, 0],
      ],
    );
    assert.deepEqual(
      stats.counties.map((c: { countyName: string; amountCents: number }) => [c.countyName, c.amountCents]),
      [['北京市朝阳区', 430_000]],
    );
    const elsewhere = (
      await request(s.url).get('/api/staff/assistance/payments/statistics').set(otherTownship.auth).expect(200)
    ).body;
    assert.deepEqual(elsewhere.months, []);
  });
});
