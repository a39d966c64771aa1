import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startServer } from '../support/server';
import { openBrowser, type Browser } from './browser';
import { ensureFreshH5Build } from './page-tools';

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * The H5 build works under the server's Content-Security-Policy: Chromium reports no
 * violation while the app starts, logs in, and opens its tabs and a service area.
 */
describe('H5 under the Content-Security-Policy in Chromium', function () {
  this.timeout(180_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    ensureFreshH5Build();
    server = await startServer();
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Every violation Chromium reports, through the event the page itself receives.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('console', (m) => {
      if (/Content Security Policy|CSP violation/.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts, logs in and opens its pages without a single violation', async () => {
    const response = await page.goto(`${server.url}/`);
    assert.match(String(response?.headers()['content-security-policy']), /script-src 'self' 'sha256-/);
    await page.locator('.mz-area-grid__item').first().waitFor();
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.locator('[data-testid="identity-form"]').waitFor();
    await page.locator('.weui-tabbar__item', { hasText: '消息' }).click();
    await page.waitForTimeout(300);
    await page.goto(`${server.url}/#/packages/social-orgs/pages/index/index`);
    await page.locator('.so-search__title').waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(violations, []);
    assert.deepEqual(pageErrors, []);
  });
});
