import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

describe('Console in Chromium: signing in, the menu by role, signing out', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let adminToken: string;
  const pageErrors: string[] = [];
  const clerk = { username: 'desk.signin', password: 'Clerk-password-2026' };
  const victim = { username: 'lock.signin', password: 'Victim-password-2026' };

  before(async () => {
    ensureConsoleBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('console_signin') });
    adminToken = (
      await json(`${server.url}/api/staff/login`, {
        method: 'POST',
        body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      })
    ).token;
    for (const account of [clerk, victim]) {
      await json(`${server.url}/api/staff/accounts`, {
        method: 'POST',
        token: adminToken,
        body: {
          ...account,
          displayName: '窗口测试',
          roles: ['hall_staff'],
          scope: { divisions: ['110105'], halls: [] },
        },
      });
    }
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the console at /console/: the page never cached, hashed assets for a year, deep links too', async () => {
    const index = await fetch(`${server.url}/console/`);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const html = await index.text();
    assert.match(html, /民政服务工作台/);
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, 'index.html names its script');
    const js = await fetch(`${server.url}${asset}`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('cache-control') ?? '', /max-age=31536000.*immutable/);
    const deep = await fetch(`${server.url}/console/halls/1/desk`);
    assert.equal(deep.status, 200);
    assert.equal(await deep.text(), html);
    assert.equal((await fetch(`${server.url}/console/assets/gone-123.js`)).status, 404);
    assert.equal((await fetch(`${server.url}/console`, { redirect: 'manual' })).headers.get('location'), '/console/');
  });

  it('a deep link while signed out leads to the sign-in page; a wrong password is told in Chinese', async () => {
    await page.goto(`${server.url}/console/halls`);
    await page.waitForURL(/\/console\/signin$/);
    await page.getByTestId('username').fill('admin');
    await page.getByTestId('password').fill('not-the-password');
    await page.getByTestId('signin').click();
    await page.getByTestId('signin-error').getByText('用户名或密码错误').waitFor();
    await screenshot(page, 'signin');
  });

  it('five wrong passwords lock the account, and the page says for how long', async () => {
    await page.getByTestId('username').fill(victim.username);
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('password').fill(`wrong-${i}`);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/staff/login'));
      await page.getByTestId('signin').click();
      await answer;
    }
    await page
      .getByTestId('signin-error')
      .getByText(/账号已锁定，请15分钟后再试/)
      .waitFor();
    // The right password does not open a locked account either.
    await page.getByTestId('password').fill(victim.password);
    await page.getByTestId('signin').click();
    await page
      .getByTestId('signin-error')
      .getByText(/账号已锁定/)
      .waitFor();
  });

  it('the admin signs in and comes back to the page asked for, with every area in the menu', async () => {
    await page.goto(`${server.url}/console/halls`);
    await page.waitForURL(/\/console\/signin$/);
    await page.getByTestId('username').fill('admin');
    await page.getByTestId('password').fill(TEST_ADMIN_PASSWORD);
    await page.getByTestId('signin').click();
    await page.waitForURL(/\/console\/halls$/);
    await page.getByTestId('halls').or(page.getByTestId('empty')).first().waitFor();
    const nav = (await page.getByTestId('nav').textContent()) ?? '';
    assert.match(nav, /服务大厅/);
    assert.match(nav, /账号管理/);
    await page.getByTestId('nav').getByText('账号管理').click();
    await page.getByTestId('accounts').getByText(clerk.username).waitFor();
    await screenshot(page, 'accounts');
  });

  it('signing out ends the session on the server, and the console forgets it', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/console\/signin$/);
    await page.goto(`${server.url}/console/`);
    await page.waitForURL(/\/console\/signin$/);
    const stored = await page.evaluate(() => localStorage.getItem('mz-console-session'));
    assert.equal(stored, null);
  });

  it('a window clerk sees the halls, not the administration', async () => {
    await signIn(page, server.url, clerk.username, clerk.password);
    await page.waitForURL(/\/console\/?$/);
    await page.getByTestId('home-areas').waitFor();
    const nav = (await page.getByTestId('nav').textContent()) ?? '';
    assert.match(nav, /服务大厅/);
    assert.doesNotMatch(nav, /账号管理/);
    await screenshot(page, 'home-hall-staff');
    // An address the menu does not offer answers 未找到, as the server does.
    await page.goto(`${server.url}/console/accounts`);
    await page.getByTestId('not-found').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
