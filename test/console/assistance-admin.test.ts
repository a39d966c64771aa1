import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import request from 'supertest';
import {
  applicationFor,
  bornIn,
  idNumber,
  member,
  pngBytes,
  realNamedCitizen,
} from '../../server/test/assistance/support';
import { runCaseClock, setBeijingTime, staffAt } from '../../server/test/cases/support';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, screenshot, signIn } from './console-tools';

const PASSWORD = 'Case-staff-pass-1'; // staffAt's
const fetchText = async (file: string) => (await readFile(file)).toString('utf8');

/**
 * 社会救助's management pages, as the 朝阳 county officer uses them: the 公示 list (one ended
 * quietly and was granted, one drew an objection whose reason and aftermath are shown), the
 * local standard set and changed, a close relative registered, and the statistics — cases by
 * type, stage and county with an overdue one, the amount granted by month — as charts and tables;
 * then April's 发放记录 of the family granted in March: recorded 发放失败 with a reason, exported,
 * and added up in the statistics. Last, the worker the objection sent back files the new 入户调查
 * with two photos uploaded in the form (a file that is not a photo refused with the server's
 * words), and the case shows them as thumbnails. On a database of its own: the statistics count
 * the whole county.
 */
describe('Console in Chromium: 社会救助 — 公示管理, 救助标准, 近亲属备案, 救助统计, 发放记录', function () {
  this.timeout(300_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let county: Awaited<ReturnType<typeof staffAt>>;
  let surveyor: Awaited<ReturnType<typeof staffAt>>;
  let quiet: { number: string; caseId: number };
  let objected: { number: string; caseId: number };
  let reporter: Awaited<ReturnType<typeof realNamedCitizen>>;
  let reportNumber: string;
  const pageErrors: string[] = [];
  const open = async (label: string) => {
    const nav = page.getByTestId('nav');
    const group = nav.locator('li.ant-menu-submenu', { hasText: '社会救助' });
    await group.waitFor({ timeout: 60_000 });
    // The group stays open across a sign-out in the same tab; a click would close it.
    if (!(await group.evaluate((el) => el.classList.contains('ant-menu-submenu-open'))))
      await group.locator('.ant-menu-submenu-title').click();
    await nav.getByText(label).click();
  };

  before(async () => {
    ensureConsoleBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('console_assistance_admin') });
    setBeijingTime(server, '2026-03-02'); // Monday
    const clerk = await staffAt(server.url, ['110105001'], ['assistance_officer'], '李受理');
    surveyor = await staffAt(server.url, ['110105001'], ['assistance_officer'], '赵调查');
    county = await staffAt(server.url, ['110105'], ['assistance_officer'], '钱县级');
    const act = (who: { auth: Record<string, string> }, id: number, action: string, body: Record<string, unknown>) =>
      request(server.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body).expect(200);
    const apply = async (name: string, year: number) => {
      const id = idNumber(bornIn(year), '1');
      const family = await realNamedCitizen(server.url, name, id);
      const { body } = await request(server.url)
        .post('/api/assistance/applications')
        .set(family.auth)
        .send(applicationFor(family, [member(name, id, '本人', 30_000)]))
        .expect(201);
      return body as { number: string; caseId: number };
    };
    const toPublicity = async (c: { caseId: number }, amountCents: number) => {
      await act(clerk, c.caseId, 'accept', { form: { assigneeStaffId: surveyor.id } });
      await act(surveyor, c.caseId, 'submit_survey', {
        form: {
          visitedOn: '2026-03-02',
          findings: '入户查看，家庭困难情况属实',
          housing: '自有住房',
          livingConditionsMatch: true,
        },
      });
      await server.app.platform.jobs.drain();
      await act(clerk, c.caseId, 'propose', { form: { amountCents }, opinion: '拟批准' });
    };
    quiet = await apply('张秀英', 1982);
    objected = await apply('吴国华', 1958);
    await apply('杨春燕', 1966); // nobody accepts it: overdue by the time the county looks
    await toPublicity(quiet, 120_000);
    await toPublicity(objected, 80_000);
    const neighbour = await realNamedCitizen(server.url, '刘建国', idNumber(bornIn(1960), '3'));
    await request(server.url)
      .post(`/api/assistance/publicity/${objected.number}/objections`)
      .set(neighbour.auth)
      .send({ reason: '该户有一辆小轿车，登记在女儿名下' })
      .expect(201);
    reporter = await realNamedCitizen(server.url, '韩志强', idNumber(bornIn(1975), '3'));
    const filed = await request(server.url)
      .post('/api/assistance/reports')
      .set(reporter.auth)
      .send({
        caseNumber: objected.number,
        subject: '吴某某家庭',
        content: '该户家中有一辆小轿车停在楼下，登记在其女儿名下，申报时未如实填写',
      })
      .expect(201);
    reportNumber = filed.body.report.number;
    setBeijingTime(server, '2026-03-20');
    await runCaseClock(server);
    await act(county, quiet.caseId, 'grant', { opinion: '同意' });
    await runCaseClock(server);

    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, server.url, county.username, PASSWORD);
    await page.getByTestId('nav').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('公示管理 lists the ended 公示, the objection with its reason and what followed', async () => {
    await open('公示管理');
    await page.getByTestId('publicity').waitFor({ timeout: 60_000 });
    const quietRow = page.locator('tr', { has: page.getByTestId(`publicity-${quiet.number}`) });
    await quietRow.getByText('已结束').waitFor();
    await quietRow.getByText(/公示期满无异议；当前：已批准/).waitFor();
    const objectedRow = page.locator('tr', { has: page.getByTestId(`publicity-${objected.number}`) });
    await objectedRow.getByText('收到异议1条').waitFor();
    await objectedRow.getByRole('button', { name: /展开|Expand/ }).click();
    const detail = page.getByTestId(`objections-${objected.number}`);
    await detail.getByText('该户有一辆小轿车，登记在女儿名下').waitFor();
    await detail.getByText(/公示期间收到异议，重新调查 → 入户调查/).waitFor();
    assert.equal(await page.getByText('刘建国').count(), 0, 'the objector is not shown');
    await screenshot(page, 'assistance-publicity');
  });

  it('监督举报: the officer takes up a report and closes it with a result the reporter reads', async () => {
    await open('监督举报');
    const row = page.locator('tr', { has: page.getByTestId(`report-${reportNumber}`) });
    await row.getByText('已提交，待受理').waitFor({ timeout: 60_000 });
    await row.getByText('韩**').waitFor();
    await row.getByRole('button', { name: /受\s*理/ }).click();
    await row.getByText('核查中').waitFor();
    await row.getByRole('button', { name: /办\s*结/ }).click();
    await page.getByTestId('report-result').fill('经核查，车辆登记在已出嫁女儿名下，不属于该户财产');
    await page.getByRole('button', { name: '确认办结' }).click();
    await row.getByText('已办结').waitFor();
    await screenshot(page, 'assistance-reports');
    const mine = await request(server.url).get('/api/assistance/reports').set(reporter.auth).expect(200);
    assert.equal(mine.body.items[0].statusName, '已办结');
    assert.match(mine.body.items[0].result, /不属于该户财产/);
  });

  it('救助标准: sets the county standard and changes it; a region outside the scope is refused', async () => {
    await open('救助标准');
    await page.getByTestId('standard-add').click();
    await page.getByTestId('standard-prefix').fill('110105');
    await page.getByTestId('standard-monthly').fill('1450');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存救助标准').waitFor();
    const row = page.locator('tr', { has: page.getByTestId('standard-edit-110105') });
    await row.getByText('1,450 元').waitFor();
    await page.getByTestId('standard-edit-110105').click();
    await page.getByTestId('standard-monthly').fill('1500');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await row.getByText('1,500 元').waitFor();

    await page.getByTestId('standard-add').click();
    await page.getByTestId('standard-prefix').fill('110108');
    await page.getByTestId('standard-monthly').fill('1500');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('未找到该地区').waitFor();
    await page.getByRole('button', { name: /取\s*消/ }).click();
    assert.equal(await page.getByTestId('standard-edit-110108').count(), 0);
    await screenshot(page, 'assistance-standards');
  });

  it('近亲属备案 registers a relative, shown masked; a wrong ID number is explained on the field', async () => {
    await open('近亲属备案');
    await page.getByText('您尚未备案近亲属。').waitFor();
    await page.getByTestId('kin-name').fill('钱大山');
    await page.getByTestId('kin-id').fill('12345');
    await page.getByTestId('kin-relation').click();
    await page.getByTitle('父母', { exact: true }).click();
    await page.getByTestId('kin-submit').click();
    await page.getByTestId('kin-form').locator('.ant-form-item-explain-error').first().waitFor();
    const id = idNumber(bornIn(1950), '1');
    await page.getByTestId('kin-id').fill(id);
    await page.getByTestId('kin-submit').click();
    await page.getByText('已备案').waitFor();
    const table = page.getByTestId('kin');
    await table.getByText('钱*', { exact: false }).waitFor();
    assert.equal(await page.getByText(id).count(), 0, 'the ID number is masked');
    assert.equal(await table.getByText('钱大山').count(), 0, 'the name is masked');
  });

  it('救助统计 draws the cases by type, stage and county and the amount granted, and shows them as tables', async () => {
    await open('救助统计');
    await page.getByTestId('case-totals').getByText('已超期').waitFor({ timeout: 60_000 });
    await page.getByTestId('stats-type-chart').locator('canvas').waitFor({ timeout: 60_000 });
    await page.getByTestId('stats-amount-month-chart').locator('canvas').waitFor({ timeout: 60_000 });
    await page.getByTestId('stats-type-view').getByText('表格').click();
    const types = page.getByTestId('stats-type-table');
    await types.getByText('最低生活保障').waitFor();
    await page.getByTestId('stats-stage-view').getByText('表格').click();
    const accept = page.getByTestId('stats-stage-table').locator('tr', { hasText: '受理' }).first();
    // 杨春燕's application waits at acceptance, past its 5 working days.
    assert.deepEqual((await accept.locator('td').allTextContents()).slice(1), ['1', '0', '1']);
    await page.getByTestId('stats-amount-month-view').getByText('表格').click();
    const month = page.getByTestId('stats-amount-month-table').locator('tr', { hasText: '2026-03' });
    assert.deepEqual((await month.locator('td').allTextContents()).slice(1), ['1200', '1']);
    await page.getByTestId('stats-amount-county-view').getByText('表格').click();
    await page.getByTestId('stats-amount-county-table').getByText('北京市朝阳区').waitFor();
    await screenshot(page, 'assistance-statistics');
    assert.deepEqual(pageErrors, []);
  });

  it('发放记录: April lists the family granted in March; the county records a failure with its reason and exports the month', async () => {
    setBeijingTime(server, '2026-04-01');
    await server.app.platform.jobs.enqueue('assistance.payments-monthly', {}, { jobId: 'console-april' });
    await server.app.platform.jobs.drain();
    await open('发放记录');
    const row = page.locator('tr', { has: page.getByTestId(`payment-${quiet.number}`) });
    await row.getByText('待发放').waitFor({ timeout: 60_000 });
    await row.getByText('张**').waitFor();
    await row.getByText('1200.00').waitFor();
    assert.equal(await page.getByText('张秀英').count(), 0, 'the name is masked');
    await row.locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: /登记发放失败/ }).click();
    await page.getByRole('button', { name: '登记并通知申请人' }).click();
    await page.getByText('请填写发放失败的原因').waitFor();
    await page.getByTestId('payments-fail-reason').fill('收款银行账户已销户');
    await page.getByRole('button', { name: '登记并通知申请人' }).click();
    await row.getByText('发放失败').waitFor();
    await row.getByText('收款银行账户已销户').waitFor();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出CSV/ }).click(),
    ]);
    assert.equal(file.suggestedFilename(), 'assistance-payments-2026-04.csv');
    const csv = await fetchText(await file.path());
    assert.match(
      csv,
      new RegExp(`${quiet.number},最低生活保障,张\\*\\*,北京市朝阳区,110105001003,1200,发放失败,收款银行账户已销户`),
    );
    await screenshot(page, 'assistance-payments');

    await open('救助统计');
    await page.reload();
    await page.getByTestId('stats-paid-month-view').getByText('表格').click({ timeout: 60_000 });
    const april = page.getByTestId('stats-paid-month-table').locator('tr', { hasText: '2026-04' });
    // 已发放, 待发放, 发放失败 (元), 发放笔数
    assert.deepEqual((await april.locator('td').allTextContents()).slice(1), ['0', '0', '1200', '1']);
    assert.deepEqual(pageErrors, []);
  });

  it('入户调查: the worker uploads two photos in the survey form, and the case shows them as thumbnails', async () => {
    // The objection sent 吴国华's case back to the same worker.
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/console\/signin$/);
    await signIn(page, server.url, surveyor.username, PASSWORD);
    await page.getByTestId('nav').waitFor({ timeout: 60_000 });
    await page.goto(`${server.url}/console/assistance/cases/${objected.caseId}`);
    await page.getByTestId('current').getByText('入户调查', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByTestId('survey-photos-card').getByText('入户调查未附照片').waitFor();

    await page.getByTestId('actions').getByText('提交入户调查结果').click();
    const form = page.getByTestId('action-form');
    await form.waitFor();
    const date = form.getByTestId('field-visitedOn').locator('input');
    await date.fill('2026-04-01');
    await date.press('Enter');
    await form
      .getByTestId('field-findings')
      .locator('textarea')
      .fill('复查入户，车辆登记在已出嫁女儿名下，家庭困难属实');
    await form.getByTestId('field-housing').locator('.ant-select').click();
    await page.getByTitle('自有住房', { exact: true }).click();
    await form.getByTestId('field-livingConditionsMatch').locator('button').click();
    const photos = form.getByTestId('field-photoIds').locator('input[type=file]');
    // Named and typed as a PNG but not one: the server's refusal is shown, and it is not sent.
    await photos.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('这不是照片') });
    await page.getByText('入户调查照片仅支持 JPG、PNG 格式的图片，请重新选择').first().waitFor();
    const png = await pngBytes();
    await photos.setInputFiles([
      { name: '客厅.png', mimeType: 'image/png', buffer: png },
      { name: '厨房.png', mimeType: 'image/png', buffer: png },
    ]);
    await form.locator('.ant-upload-list-item-done').nth(1).waitFor({ timeout: 60_000 });
    await page.getByText('确认办理').click();
    await page.getByText('已办理：提交入户调查结果').waitFor({ timeout: 60_000 });

    const thumbs = page.getByTestId('survey-photo-list').locator('img');
    await thumbs.nth(1).waitFor({ timeout: 60_000 });
    assert.equal(await thumbs.count(), 2);
    assert.match((await thumbs.first().getAttribute('src')) ?? '', /^blob:/);
    const view = await request(server.url)
      .get(`/api/staff/assistance/cases/${objected.caseId}`)
      .set(county.auth)
      .expect(200);
    assert.equal(view.body.application.surveyPhotos.length, 2);
    const survey = [...view.body.steps].reverse().find((s: { action: string }) => s.action === 'submit_survey');
    // Uploaded side by side, so compared as sets.
    assert.deepEqual(
      [...survey.form.photoIds].sort(),
      view.body.application.surveyPhotos.map((p: { id: string }) => p.id).sort(),
    );
    await screenshot(page, 'assistance-survey-photos');
    assert.deepEqual(pageErrors, []);
  });
});
