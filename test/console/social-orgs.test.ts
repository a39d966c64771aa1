import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { orgBody, uniqueName } from '../../server/test/social-orgs/helpers';
import { loginCitizen } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn, navTo } from './console-tools';

const DAY_MS = 86400_000;

describe('Console in Chromium: org.beijing keeps the register, lists an organization, imports, answers complaints', function () {
  this.timeout(240_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let followed: ReturnType<typeof orgBody>;
  let shanghai: ReturnType<typeof orgBody>;
  let follower: Awaited<ReturnType<typeof loginCitizen>>;
  const officer = { username: 'org.beijing', password: 'Beijing-register-2026' };
  const tag = uniqueName().slice(6, 11); // five characters only this suite's names share
  const pageErrors: string[] = [];
  const today = () => server.app.platform.clock.today();

  before(async () => {
    ensureConsoleBuild();
    // A database of its own: the complaint inbox counts every complaint in 朝阳, and other
    // stories file complaints there too (on MariaDB they share one database).
    server = await startServer({ DATABASE_URL: await ownDatabase('console_social_orgs') });
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...officer,
        displayName: '北京市社会组织登记',
        roles: ['org_officer'],
        scope: { divisions: ['11'], halls: [] },
      },
    }).catch((err) => {
      if (!/USERNAME_TAKEN|已存在|409/.test(String(err))) throw err; // MariaDB: the account of an earlier run
    });
    const create = async (body: ReturnType<typeof orgBody>) => {
      await json(`${server.url}/api/staff/social-orgs`, { method: 'POST', token, body });
      return body;
    };
    followed = await create(orgBody({ name: `北京市朝阳区${tag}围棋协会` }));
    await create(orgBody({ name: `北京市朝阳区${tag}书法研究会`, type: 'social_service', divisionCode: '110105' }));
    shanghai = await create(orgBody({ name: `上海市黄浦区${tag}摄影协会`, divisionCode: '310101' }));
    follower = await loginCitizen(server.url);
    await json(`${server.url}/api/social-orgs/${followed.uscc}/follow`, { method: 'PUT', token: follower.token });
    for (const content of [
      '该协会以办理会员证为名收取每人500元费用，未开具任何票据。',
      '该协会强制会员参加收费培训，不参加即除名。',
    ])
      await json(`${server.url}/api/social-orgs/complaints`, {
        method: 'POST',
        token: follower.token,
        body: {
          target: { uscc: followed.uscc },
          category: 'fees',
          content,
          idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}`,
        },
      });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the organizations of Beijing by name and by credit status; Shanghai’s is not theirs', async () => {
    await signIn(page, server.url, officer.username, officer.password);
    await page.getByTestId('home-areas').waitFor();
    await navTo(page, '登记名录', '社会组织');
    await page.getByTestId('register').waitFor();
    await page.getByTestId('register-search').locator('input').fill(tag);
    await page.getByTestId('register-search').locator('input').press('Enter');
    const register = page.getByTestId('register');
    await register.getByRole('link', { name: followed.name }).waitFor();
    await register.getByText(`北京市朝阳区${tag}书法研究会`).waitFor();
    assert.doesNotMatch((await register.textContent()) ?? '', /上海/);
    await screenshot(page, 'orgs-register');
    // Nothing on the abnormal list yet: said plainly.
    await page.getByTestId('filter-credit').click();
    await page.locator('.ant-select-item-option', { hasText: '活动异常' }).click();
    await register.getByText('没有符合条件的社会组织').waitFor();
    // Another region's organization by URL: 未找到, as the server answers 404.
    await page.goto(`${server.url}/console/social-orgs/${shanghai.uscc}`);
    await page.getByTestId('not-found').waitFor();
  });

  it('lists an organization on the abnormal list from its page; a refused date says why; the follower is told', async () => {
    await page.goto(`${server.url}/console/social-orgs/${followed.uscc}`);
    await page.getByTestId('credit-status').getByText('正常').waitFor();
    await page.getByTestId('credit-entries').getByText('未被列入').waitFor();
    await page.getByTestId('list-on').click();
    await page.getByTestId('record-reason-category').click();
    await page.locator('.ant-select-item-option', { hasText: '无法与社会组织取得联系' }).click();
    await page.getByTestId('record-decision-no').fill('京朝民社异〔2026〕7号');
    const tomorrow = new Date(Date.parse(`${today()}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    await page.getByTestId('record-date').fill(tomorrow);
    await page.getByTestId('record-save').click();
    await page.getByTestId('record-error').getByText('列入日期不能晚于今天').waitFor();
    let profile = await json(`${server.url}/api/social-orgs/${followed.uscc}`);
    assert.equal(profile.creditStatus, 'normal', 'a refused listing changes nothing');
    await page.getByTestId('record-date').fill(today());
    await page.getByTestId('record-save').click();
    await page.getByTestId('credit-status').getByText('活动异常').waitFor();
    const entries = page.getByTestId('credit-entries');
    await entries.getByText('京朝民社异〔2026〕7号').waitFor();
    await entries.getByText('通过登记的住所无法与社会组织取得联系').waitFor();
    await screenshot(page, 'org-record');
    profile = await json(`${server.url}/api/social-orgs/${followed.uscc}`);
    assert.equal(profile.creditStatus, 'abnormal');
    // The follower's 消息 list has the notice (written in the same transaction as the entry).
    const { items } = await json(`${server.url}/api/messages`, { token: follower.token });
    const notice = items.find((m: { title: string }) => m.title.includes(followed.name));
    assert.ok(notice, 'the follower was told');
    assert.match(notice.title, /信用状态变更为活动异常/);
    assert.match(notice.body, /京朝民社异〔2026〕7号/);
  });

  it('takes it off the list again with a reason', async () => {
    await page.getByTestId('take-off').click();
    await page.getByTestId('record-reason-out').fill('已在登记的住所恢复联系');
    await page.getByTestId('record-save').click();
    await page.getByTestId('credit-status').getByText('正常').waitFor();
    await page
      .getByTestId('credit-entries')
      .getByText(/移出：已在登记的住所恢复联系/)
      .waitFor();
  });

  it('imports a spreadsheet: previewed first, a bad row named with its reasons and nothing written, then all of it', async () => {
    const good = orgBody({ name: `北京市海淀区${tag}科普协会`, divisionCode: '110108' });
    const other = orgBody({ name: `北京市海淀区${tag}足球协会`, divisionCode: '110108' });
    const header = '统一社会信用代码,名称,类型,登记管理机关,区划代码,法定代表人,成立登记日期,住所';
    const line = (o: ReturnType<typeof orgBody>, uscc = o.uscc) =>
      [
        uscc,
        o.name,
        '社会团体',
        '北京市海淀区民政局',
        o.divisionCode,
        '张伟',
        '2019-05-06',
        '北京市海淀区中关村大街1号',
      ].join(',');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-import-'));
    const bad = path.join(dir, '名录-有误.csv');
    fs.writeFileSync(
      bad,
      `${header}\n${line(good)}\n${line(other, `${other.uscc.slice(0, 17)}${other.uscc.endsWith('0') ? '1' : '0'}`)}\n`,
    );
    await page.getByTestId('nav').getByText('批量导入').click();
    await page.getByTestId('empty').waitFor();
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-summary').getByText('共 2 行').waitFor();
    await page.getByTestId('import-preview').getByText(good.name).waitFor();
    await page.getByTestId('import-send').click();
    await page
      .getByTestId('import-failed')
      .getByText(/共2行，其中1行有误，未导入任何数据/)
      .waitFor();
    await page
      .getByTestId('import-errors')
      .getByText(/第3行：统一社会信用代码：/)
      .waitFor();
    await screenshot(page, 'orgs-import-errors');
    const search = async (q: string) =>
      (await json(`${server.url}/api/social-orgs?q=${encodeURIComponent(q)}`)).total as number;
    assert.equal(await search(good.name), 0, 'nothing written while one row is bad');
    // The corrected file as Excel: previewed from the workbook itself.
    const fixed = path.join(dir, '名录.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    for (const row of [header, line(good), line(other)]) sheet.addRow(row.split(','));
    await workbook.xlsx.writeFile(fixed);
    await page.locator('input[type=file]').setInputFiles(fixed);
    await page.getByTestId('import-preview').getByText(other.uscc).waitFor();
    await page.getByTestId('import-summary').getByText('名录.xlsx：共 2 行').waitFor();
    await page.getByTestId('import-send').click();
    await page.getByTestId('import-done').getByText('已导入 2 个社会组织').waitFor();
    assert.equal(await search(good.name), 1);
    // Past 500 rows the server answers 202 and works the file as a job: the page follows it to the end.
    const many = Array.from({ length: 501 }, (_, i) =>
      orgBody({ name: `北京市海淀区${tag}第${i + 1}读书会`, divisionCode: '110108' }),
    );
    const large = path.join(dir, '名录-大.csv');
    fs.writeFileSync(large, `${header}\n${many.map((o) => line(o)).join('\n')}\n`);
    await page.locator('input[type=file]').setInputFiles(large);
    await page.getByTestId('import-summary').getByText('共 501 行，预览前 200 行').waitFor();
    await page.getByTestId('import-send').click();
    await page.getByTestId('import-done').getByText('已导入 501 个社会组织').waitFor({ timeout: 90_000 });
    assert.equal(await search(many[500].name), 1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a suspected illegal organization', async () => {
    await page.getByTestId('nav').getByText('涉嫌非法社会组织').click();
    await page.getByTestId('illegal-new').click();
    const name = `中华${tag}文化促进总会`;
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('组织名称').fill(name);
    await dialog.getByLabel('发布机关').fill('北京市民政局');
    await dialog.getByLabel('区划代码').fill('110000');
    await dialog.getByLabel('发布日期').fill(today());
    await dialog.getByRole('button', { name: /发\s*布/ }).click();
    await page.getByTestId('illegal').getByText(name).waitFor();
    await screenshot(page, 'orgs-illegal');
  });

  it('works the complaints: time since filing, overdue past 15 days, accept, answer, reject with a reason', async () => {
    server.app.platform.clock.advance(16 * DAY_MS);
    await page.getByTestId('nav').getByText('投诉举报').click();
    const inbox = page.getByTestId('complaints');
    await inbox.getByText('16 天前').first().waitFor();
    assert.equal(await inbox.getByTestId('overdue').count(), 2, 'both waited past 15 days for a decision');
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await screenshot(page, 'orgs-complaints');
    await inbox.locator('tr', { hasText: followed.name }).first().click();
    const drawer = page.getByTestId('complaint');
    await drawer.getByTestId('complaint-accept').click();
    await drawer.getByTestId('complaint-state').getByText('已受理').waitFor();
    await drawer.getByTestId('complaint-answer').click();
    await drawer.getByTestId('complaint-text').fill('好');
    await drawer.getByTestId('complaint-send').click();
    await drawer.getByTestId('complaint-error').getByText('答复内容至少5个字').waitFor();
    await drawer.getByTestId('complaint-text').fill('经调查，该协会已退还全部费用并作出书面检查。');
    await drawer.getByTestId('complaint-send').click();
    await drawer.getByTestId('complaint-state').getByText('已答复').waitFor();
    await screenshot(page, 'orgs-complaint');
    await page.keyboard.press('Escape');
    await inbox.locator('tr', { hasText: followed.name }).first().click();
    await drawer.getByTestId('complaint-reject').click();
    await drawer.getByTestId('complaint-text').fill('投诉事项不属于社会组织登记管理机关职责，请向市场监管部门反映。');
    await drawer.getByTestId('complaint-send').click();
    await drawer.getByTestId('complaint-state').getByText('不予受理').waitFor();
    // The citizen hears of both.
    const { items } = await json(`${server.url}/api/messages`, { token: follower.token });
    assert.ok(items.some((m: { title: string }) => m.title.startsWith('投诉已答复')));
    assert.ok(items.some((m: { title: string }) => m.title.startsWith('投诉不予受理')));
    assert.deepEqual(pageErrors, []);
  });
});
