import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

/**
 * A first start prints the admin's one-time password; this suite needs that start, so it runs
 * on a database of its own (a fresh SQLite file, or its own MariaDB database beside the one
 * DATABASE_URL names) and leaves the shared test database and its admin alone.
 */
describe('Console in Chromium: the admin changes the printed password, then manages staff accounts', function () {
  this.timeout(240_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let printed: string;
  let firstOneTime: string;
  const newAdminPassword = 'Civil-affairs-key-2026';
  const pageErrors: string[] = [];

  before(async () => {
    ensureConsoleBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('console_accounts'), ADMIN_PASSWORD: undefined });
    printed = server.app.firstAdminPassword!;
    assert.ok(printed, 'the first start made the admin with a generated password');
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the admin signs in with the printed password and must set a new one before anything else', async () => {
    await signIn(page, server.url, 'admin', printed);
    await page.getByTestId('forced-password').waitFor();
    await screenshot(page, 'forced-password');
    // A wrong old password: the server says why, nothing changes.
    await page.getByTestId('old-password').fill('not-the-printed-one');
    await page.getByTestId('new-password').fill(newAdminPassword);
    await page.getByTestId('confirm-password').fill(newAdminPassword);
    await page.getByTestId('save-password').click();
    await page.getByTestId('password-error').getByText('原密码不正确').waitFor();
    await page.getByTestId('old-password').fill(printed);
    await page.getByTestId('save-password').click();
    await page.getByTestId('home-areas').waitFor();
  });

  it('signs out; the printed password no longer opens the account, the new one does', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/console\/signin$/);
    await signIn(page, server.url, 'admin', printed);
    await page.getByTestId('signin-error').getByText('用户名或密码错误').waitFor();
    await signIn(page, server.url, 'admin', newAdminPassword);
    await page.getByTestId('home-areas').waitFor();
  });

  it('creates a window clerk: the one-time password is shown once, and the clerk must replace it', async () => {
    await page.getByTestId('nav').getByText('账号管理').click();
    await page.getByTestId('account-new').click();
    await page.getByTestId('account-username').fill('desk.haidian');
    await page.getByTestId('account-name').fill('海淀窗口');
    await page.getByTestId('account-roles').getByText('大厅窗口人员').click();
    await page.getByTestId('account-divisions').locator('input').fill('110108');
    await page.keyboard.press('Enter');
    await page.getByTestId('account-save').click();
    const oneTime = (await page.getByTestId('one-time-password').textContent())!.trim();
    firstOneTime = oneTime;
    assert.match(oneTime, /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    await screenshot(page, 'one-time-password');
    await page.getByRole('button', { name: '我已记下' }).click();
    const row = page.getByTestId('accounts').locator('tr', { hasText: 'desk.haidian' });
    await row.getByText('待改密').waitFor();
    await row.getByText('110108').waitFor();
    await screenshot(page, 'accounts');
    // The scope holds on the server: the account reads back as created.
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: newAdminPassword },
    });
    const { items } = await json(`${server.url}/api/staff/accounts`, { token });
    const created = items.find((a: { username: string }) => a.username === 'desk.haidian');
    assert.deepEqual([created.roles, created.scope.divisions], [['hall_staff'], ['110108']]);
  });

  it('disables and enables an account, and resets a password to a new one-time one', async () => {
    const row = page.getByTestId('accounts').locator('tr', { hasText: 'desk.haidian' });
    await row.getByRole('button', { name: '停用' }).click();
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .first()
      .click();
    await row.getByText('已停用').waitFor();
    await row.getByRole('button', { name: '启用' }).click();
    await row.getByText('正常').waitFor();
    await row.getByRole('button', { name: '重置密码' }).click();
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .first()
      .click();
    const reset = (await page.getByTestId('one-time-password').textContent())!.trim();
    assert.match(reset, /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    assert.notEqual(reset, firstOneTime, 'a new one-time password, not the one shown at creation');
    await page.getByRole('button', { name: '我已记下' }).click();
    // The closing modal still covers the page while it fades out: wait until it is gone.
    await page.getByTestId('one-time-password').waitFor({ state: 'hidden' });
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('.ant-modal-wrap')].every(
        (e) => getComputedStyle(e).display === 'none',
      ),
    );
    // The clerk signs in with it and is asked for a password of their own first.
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await signIn(page, server.url, 'desk.haidian', reset);
    await page.getByTestId('forced-password').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
