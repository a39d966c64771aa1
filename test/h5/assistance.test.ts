import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import request from 'supertest';
import { bornIn, idNumber } from '../../server/test/assistance/support';
import { runCaseClock, setBeijingTime, staffAt } from '../../server/test/cases/support';
import { startServer, type TestServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

const isApi =
  (p: string, method = 'GET') =>
  (r: Response) =>
    new URL(r.url()).pathname === p && r.request().method() === method;
const shot = (page: Page, name: string) =>
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-assistance-${name}.png`));

/**
 * 社会救助 in the H5 build, as a mother applying for 低保 uses it: she picks her community level
 * by level, goes through the four steps of the wizard (the household, income and assets, the
 * consent signed with her name), sees where her application stands and who holds it, and once
 * the 乡镇 has reviewed it finds her family in her community's 公示 (name masked); once granted,
 * she reads each month's payment (发放记录) on the case page, with the reason one failed.
 */
describe('H5 社会救助: apply in four steps → where it stands → the 公示 of my community, in Chromium', function () {
  this.timeout(360_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let number: string;
  const pageErrors: string[] = [];
  const headId = idNumber(bornIn(1984), '1');
  const field = (name: string) => page.locator(`[data-field="${name}"] input`);
  const tapButton = (text: string) => page.locator('taro-button-core', { hasText: text }).first().click();

  before(async () => {
    ensureFreshH5Build();
    server = await startServer();
    setBeijingTime(server, '2026-03-02'); // Monday
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('applies in four steps, choosing the community level by level', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
    await page.goto(`${server.url}/#/packages/assistance/pages/apply/index`);
    token = (await (await login).json()).token;
    await request(server.url)
      .put('/api/me/identity')
      .set({ authorization: `Bearer ${token}` })
      .send({ name: '周丽娟', idNumber: headId })
      .expect(200);
    await page.reload();
    await page.getByText('第1步/共4步：申请类型').waitFor({ timeout: 60_000 });

    await tapButton('按地区选择村（社区）');
    const picker = page.getByTestId('village-picker');
    await picker.getByText('北京市', { exact: true }).click({ timeout: 30_000 });
    await picker.locator('.as-village__crumb', { hasText: '北京市' }).waitFor();
    await picker.locator('.as-village__item').first().waitFor();
    // A city level in between (北京市's 市辖区) when the table has one.
    if (!(await picker.getByText('朝阳区', { exact: true }).count())) {
      await picker.locator('.as-village__item').first().click();
      await picker.locator('.as-village__item', { hasText: '朝阳区' }).waitFor();
    }
    await picker.getByText('朝阳区', { exact: true }).click();
    await picker.getByText('建外街道', { exact: true }).click();
    await picker.getByText('建国里社区居委会', { exact: true }).click();
    await page
      .getByTestId('village-chosen')
      .getByText(/朝阳区 建外街道 建国里社区居委会/)
      .waitFor();
    assert.equal(await field('divisionCode').inputValue(), '110105001028');
    await field('address').fill('北京市朝阳区建国里小区5号楼2单元301');
    await field('reason').fill('丈夫因病去世，本人打零工收入不稳定，独自抚养女儿');
    await tapButton('下一步');

    await page.getByText('第2步/共4步：家庭成员').waitFor();
    await field('members.0.name').fill('周丽娟');
    await field('members.0.idNumber').fill(headId);
    await field('members.0.monthlyIncomeCents').fill('600');
    await tapButton('下一步');

    await page.getByText('第3步/共4步：收入财产与材料').waitFor();
    await tapButton('下一步');

    await page.getByText('第4步/共4步：核对授权').waitFor();
    await tapButton('提交申请');
    await page.getByText('请阅读并同意家庭经济状况核对授权书').first().waitFor();
    await page.locator('[data-field="consent.agreed"] .nut-switch').click();
    await field('consent.signedName').fill('周丽娟');
    await shot(page, 'consent');
    const sent = page.waitForResponse(isApi('/api/assistance/applications', 'POST'));
    await tapButton('提交申请');
    const res = await sent;
    assert.equal(res.status(), 201, await res.text());
    number = (await res.json()).number;
    await page.getByText('申请已提交').waitFor();
    await page.getByText(new RegExp(`申请编号 ${number}`)).waitFor();
  });

  it('sees where the application stands: the stage, who holds it and the legal deadline', async () => {
    await tapButton('查看办理进度');
    const mine = await request(server.url)
      .get(`/api/assistance/applications/${number}`)
      .set({ authorization: `Bearer ${token}` });
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    const current = mine.body.current as { stageName: string; heldBy: string; dueOn: string };
    assert.equal(current.dueOn, '2026-03-09'); // five working days from Monday 2 March
    await page.getByText(current.stageName, { exact: true }).first().waitFor({ timeout: 60_000 });
    await page.getByText(current.heldBy).first().waitFor();
    await page
      .getByText(/2026-03-09/)
      .first()
      .waitFor();
    await shot(page, 'case');
  });

  it('finds her family in the 公示 of her community once the 乡镇 has reviewed it', async () => {
    const clerk = await staffAt(server.url, ['110105001'], ['assistance_officer'], '李受理');
    const surveyor = await staffAt(server.url, ['110105001'], ['assistance_officer'], '赵调查');
    const mine = (
      await request(server.url)
        .get(`/api/assistance/applications/${number}`)
        .set({ authorization: `Bearer ${token}` })
    ).body;
    const caseId = mine.case.id as number;
    const act = async (who: { auth: Record<string, string> }, action: string, body: Record<string, unknown>) => {
      const res = await request(server.url)
        .post(`/api/staff/cases/${caseId}/actions/${action}`)
        .set(who.auth)
        .send(body);
      assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    };
    await act(clerk, 'accept', { form: { assigneeStaffId: surveyor.id } });
    await act(surveyor, 'submit_survey', {
      form: {
        visitedOn: '2026-03-03',
        findings: '入户查看，母女二人，情况属实',
        housing: '租房',
        livingConditionsMatch: true,
      },
    });
    await server.app.platform.jobs.drain();
    await act(clerk, 'propose', { form: { amountCents: 95_000 }, opinion: '收入低于标准，拟批准' });
    setBeijingTime(server, '2026-03-04');
    await runCaseClock(server);

    await page.goto(`${server.url}/#/packages/assistance/pages/publicity/index`);
    const entry = page.locator(`[data-number="${number}"]`);
    await entry.getByText('周**家庭（1人）').waitFor({ timeout: 60_000 });
    await entry.getByText(/拟救助950元\/月/).waitFor();
    assert.equal(await page.getByText('周丽娟').count(), 0, 'the name is masked');
    await shot(page, 'publicity');
    assert.deepEqual(pageErrors, []);
  });

  it('once granted, reads each monthly payment on her case page, and why one failed', async () => {
    const county = await staffAt(server.url, ['110105'], ['assistance_officer'], '钱县级');
    const auth = { authorization: `Bearer ${token}` };
    const caseId = (await request(server.url).get(`/api/assistance/applications/${number}`).set(auth)).body.case.id;
    setBeijingTime(server, '2026-03-20'); // the 公示 has ended: the county approves in March
    await runCaseClock(server);
    await request(server.url)
      .post(`/api/staff/cases/${caseId}/actions/grant`)
      .set(county.auth)
      .send({ opinion: '同意' })
      .expect(200);
    await page.goto(`${server.url}/#/packages/assistance/pages/case/index?number=${number}`);
    await page
      .getByTestId('payments')
      .getByText(/自批准的次月起按月发放/)
      .waitFor({ timeout: 60_000 });

    setBeijingTime(server, '2026-04-01');
    await server.app.platform.jobs.enqueue('assistance.payments-monthly', {}, { jobId: `h5-april-${number}` });
    await server.app.platform.jobs.drain();
    const listed = await request(server.url)
      .get('/api/staff/assistance/payments?month=2026-04')
      .set(county.auth)
      .expect(200);
    const april = listed.body.items.find((i: { number: string }) => i.number === number);
    await request(server.url)
      .post('/api/staff/assistance/payments/settle')
      .set(county.auth)
      .send({ ids: [april.id], result: 'failed', reason: '收款银行账户已销户' })
      .expect(200);
    await page.reload();
    const row = page.locator('[data-month="2026-04"]');
    await row.getByText(/2026年4月 · 950\.00元 · 发放失败/).waitFor({ timeout: 60_000 });
    await row.getByText(/原因：收款银行账户已销户/).waitFor();
    await shot(page, 'payments');
    assert.deepEqual(pageErrors, []);
  });
});
