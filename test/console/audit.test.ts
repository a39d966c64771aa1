import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

describe('Console in Chromium: the admin reads the audit trail by person and by record', function () {
  this.timeout(240_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let clerkId: number;
  const clerk = { username: `desk.audit${Date.now().toString(36)}`, password: 'Audit-desk-2026' };
  const pageErrors: string[] = [];

  before(async () => {
    ensureConsoleBuild();
    server = await startServer();
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const { staff } = await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: { ...clerk, displayName: '审计窗口', roles: ['hall_staff'], scope: { divisions: ['110105'], halls: [] } },
    });
    clerkId = staff.id;
    await json(`${server.url}/api/staff/accounts/${clerkId}`, {
      method: 'PATCH',
      token,
      body: { displayName: '朝阳区审计窗口' },
    });
    await json(`${server.url}/api/staff/login`, { method: 'POST', body: clerk });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows who did what, filters by a person and by a record', async () => {
    await signIn(page, server.url, 'admin', TEST_ADMIN_PASSWORD);
    await page.getByTestId('home-areas').waitFor();
    await page.getByTestId('nav').getByText('审计日志').click();
    const table = page.getByTestId('audit');
    await table.getByText('新建账号').first().waitFor();
    await screenshot(page, 'audit');
    // By person: only the clerk's own sign-in.
    await page.getByTestId('audit-actor').fill(clerk.username);
    await page.getByTestId('audit-search').click();
    await table.getByText('登录').first().waitFor();
    const rows = await table.locator('tbody tr.ant-table-row').allTextContents();
    assert.ok(rows.length >= 1);
    assert.ok(
      rows.every((r) => r.includes(clerk.username)),
      'every row is the clerk’s',
    );
    // By record: what was done to the clerk's account, newest first.
    await page.getByTestId('audit-actor').fill('');
    await page.getByTestId('audit-target-type').fill('staff');
    await page.getByTestId('audit-target-id').fill(String(clerkId));
    await page.getByTestId('audit-search').click();
    await table.getByText('新建账号').waitFor();
    const actions = await table.locator('tbody tr.ant-table-row td:nth-child(3)').allTextContents();
    assert.deepEqual(actions, ['修改账号', '新建账号']);
    await table.locator('tbody tr.ant-table-row').first().getByText('展开').click();
    await table.getByText(/朝阳区审计窗口/).waitFor();
    // Nothing matches: said plainly.
    await page.getByTestId('audit-target-id').fill('999999');
    await page.getByTestId('audit-search').click();
    await table.getByText('没有符合条件的记录').waitFor();
  });

  it('a clerk opening the audit page by URL finds nothing there', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await signIn(page, server.url, clerk.username, clerk.password);
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${server.url}/console/audit`);
    await page.getByTestId('not-found').waitFor();
    const { token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: clerk });
    const res = await fetch(`${server.url}/api/staff/audit-logs`, { headers: { authorization: `Bearer ${token}` } });
    assert.ok([403, 404].includes(res.status), 'the server refuses it too');
    assert.deepEqual(pageErrors, []);
  });
});
