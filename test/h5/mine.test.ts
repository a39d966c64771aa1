import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, ensureH5Build, openBrowser, type Browser } from './browser';

type Server = Awaited<ReturnType<typeof startServer>>;

const isApi = (p: string) => (r: Response) => new URL(r.url()).pathname === p;

async function fontSize(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

describe('H5 build in Chromium against the real server', function () {
  this.timeout(180_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    ensureH5Build();
    // Binds the standard's example ID number, which other browser suites bind too.
    server = await startServer({}, { freshDatabase: true });
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the app and logs in silently through the simulator', async () => {
    const devCode = page.waitForResponse(isApi('/__wechat__/dev/login-code'));
    const login = page.waitForResponse(isApi('/api/auth/login'));
    await page.goto(`${server.url}/`);
    assert.equal((await devCode).status(), 200);
    const res = await login;
    assert.equal(res.status(), 200);
    const body = await res.json();
    assert.ok(body.token, 'a session token');
    await page.locator('.mz-area-grid__item').first().waitFor();
    assert.equal(await page.locator('.mz-area-grid__item').count(), 10);
    const openid = await page.evaluate(() => localStorage.getItem('mz.devOpenid'));
    assert.ok(openid && openid.includes('h5_'), 'the random openid is kept in storage');
  });

  it('binds real name on 我的 and shows the masked identity number', async () => {
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.locator('[data-testid="identity-form"]').waitFor();
    await page.locator('[data-field="name"] input').fill('张三');
    await page.locator('[data-field="idNumber"] input').fill('11010519491231002X');
    const put = page.waitForResponse((r) => isApi('/api/me/identity')(r) && r.request().method() === 'PUT');
    await page.locator('.nut-button', { hasText: '提交实名认证' }).click();
    assert.equal((await put).status(), 200);
    await page.locator('[data-testid="profile-id"]', { hasText: '110105********002X' }).waitFor();
    assert.equal((await page.locator('[data-testid="profile-id"]').textContent())?.trim(), '110105********002X');
    assert.equal(await page.locator('[data-testid="identity-form"]').count(), 0);
    await page.getByText('已实名认证').waitFor();
  });

  it('binds a phone number through the simulator code and shows it masked', async () => {
    await page.locator('[data-field="phone"] input').fill('13800138000');
    const put = page.waitForResponse((r) => isApi('/api/me/phone')(r) && r.request().method() === 'PUT');
    await page.locator('.nut-button', { hasText: '绑定手机号' }).click();
    assert.equal((await put).status(), 200);
    await page.locator('[data-testid="profile-phone"]', { hasText: '138****8000' }).waitFor();
  });

  it('turns on 长辈模式: larger type everywhere, kept after a reload', async () => {
    const before = await fontSize(page, '.mz-elderly-switch__title');
    const beforeId = await fontSize(page, '[data-testid="profile-id"]');
    await page.locator('[data-testid="elderly-switch"] .nut-switch').click();
    await page.locator('.mz-mine.mz-elderly').waitFor();
    const after = await fontSize(page, '.mz-elderly-switch__title');
    const afterId = await fontSize(page, '[data-testid="profile-id"]');
    assert.ok(after >= before * 1.2, `title font ${before}px → ${after}px`);
    assert.ok(afterId > beforeId, `profile font ${beforeId}px → ${afterId}px`);

    await page.reload();
    await page.locator('.mz-mine.mz-elderly').waitFor();
    await page.locator('[data-testid="profile-id"]', { hasText: '110105********002X' }).waitFor();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'h5-mine-elderly.png'), fullPage: true });

    await page.locator('.weui-tabbar__item', { hasText: '首页' }).click();
    await page.locator('.mz-home.mz-elderly').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
