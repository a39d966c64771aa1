import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginCitizen } from '../support/citizen';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

/**
 * The 社会工作 officer in the console: sees the registry with its reminders, assigns a
 * citizen's request to a worker of the station, returns the worker's record with a reason,
 * and reads the statistics.
 */
describe('Console in Chromium: 社会工作 registry, inbox, supervision and statistics', function () {
  this.timeout(300_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let requestId: number;
  let workerToken: string;
  const tag = Date.now().toString(36);
  const officer = { username: `sw.off${tag}`, password: 'Social-work-2026' };
  const workerAccount = { username: `sw.wk${tag}`, password: 'Social-work-2026' };
  const pageErrors: string[] = [];

  before(async () => {
    ensureConsoleBuild();
    server = await startServer();
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...officer,
        displayName: '朝阳区社会工作科',
        roles: ['social_work_officer'],
        scope: { divisions: ['110105'], halls: [] },
      },
    });
    const { staff } = await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...workerAccount,
        displayName: '钱社工',
        roles: ['social_worker'],
        scope: { divisions: ['110105006'], halls: [] },
      },
    });
    const { station } = await json(`${server.url}/api/staff/social-work/stations`, {
      method: 'POST',
      token,
      body: {
        name: `香河园街道社工站${tag}`,
        divisionCode: '110105006',
        address: '北京市朝阳区香河园路1号',
        phone: '010-64000000',
        officeHours: '周一至周五 9:00-17:00',
        services: ['elderly', 'family'],
      },
    });
    await json(`${server.url}/api/staff/social-work/workers`, {
      method: 'POST',
      token,
      body: {
        name: '钱社工',
        level: 'assistant',
        certificateNo: `CON${tag}`,
        // Eleven months ago, not yet registered: the first registration is due within the year.
        certifiedOn: new Date(server.app.platform.clock.now() - 330 * 86_400_000).toISOString().slice(0, 10),
        divisionCode: '110105006',
        stationId: station.id,
        staffId: staff.id,
      },
    });
    const citizen = await loginCitizen(server.url);
    const asked = await json(`${server.url}/api/social-work/requests`, {
      method: 'POST',
      token: citizen.token,
      body: {
        category: 'family',
        divisionCode: '110105006',
        description: `夫妻矛盾需要调解${tag}`,
        contactName: '刘女士',
        phone: '13900139000',
      },
    });
    requestId = asked.request.id;
    workerToken = (await json(`${server.url}/api/staff/login`, { method: 'POST', body: workerAccount })).token;
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(item: string) {
    const nav = page.getByTestId('nav');
    if (!(await nav.getByText(item).isVisible())) await nav.getByText('社会工作', { exact: true }).click();
    await nav.getByText(item).click();
  }

  it('shows reminders, assigns a request, returns a record with a reason and counts it', async () => {
    await signIn(page, server.url, officer.username, officer.password);
    await open('社工名册');
    const row = page.getByTestId('sw-workers').locator('tr', { hasText: `CON${tag}` });
    await row.waitFor({ timeout: 60_000 });
    assert.match(await row.textContent(), /首次登记/);
    await screenshot(page, 'social-work-registry');

    await open('求助收件箱');
    const req = page.getByTestId('sw-inbox').locator('tr', { hasText: `夫妻矛盾需要调解${tag}` });
    await req.waitFor({ timeout: 60_000 });
    assert.match(await req.textContent(), /139\*\*\*\*9000/);
    await req.getByRole('combobox').click();
    await page.locator('.ant-select-item-option', { hasText: '钱社工' }).click();
    await page.getByText('已分派，求助人将收到通知').waitFor({ timeout: 60_000 });
    await screenshot(page, 'social-work-inbox');

    const { record } = await json(`${server.url}/api/staff/social-work/requests/${requestId}/records`, {
      method: 'POST',
      token: workerToken,
      body: {
        kind: 'visit',
        content: `上门了解家庭情况${tag}`,
        servedOn: server.app.platform.clock.today(),
        clientToken: `console-${tag}`,
      },
    });
    await open('服务记录督导');
    const rec = page.getByTestId('sw-records').locator('tr', { hasText: `上门了解家庭情况${tag}` });
    await rec.waitFor({ timeout: 60_000 });
    await rec.getByRole('button', { name: /退\s?回/ }).click();
    await page.getByPlaceholder('请填写理由').fill('请补充双方的诉求');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /退\s?回/ })
      .click();
    await page.getByText('已办理').waitFor({ timeout: 60_000 });
    const detail = await json(`${server.url}/api/staff/social-work/requests/${requestId}`, { token: workerToken });
    const saved = detail.records.find((r: { id: number }) => r.id === record.id);
    assert.equal(saved.status, 'rejected');
    assert.equal(saved.reviewReason, '请补充双方的诉求');

    await open('求助统计');
    await page.getByTestId('sw-categories-chart').locator('canvas').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('sw-stations').textContent(), new RegExp(`香河园街道社工站${tag}`));
    await screenshot(page, 'social-work-statistics');
    assert.deepEqual(pageErrors, []);
  });
});
