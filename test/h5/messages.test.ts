import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, ensureH5Build, openBrowser, type Browser } from './browser';

type Server = Awaited<ReturnType<typeof startServer>>;

const isApi = (p: string) => (r: Response) => new URL(r.url()).pathname === p;

describe('H5: a notice from the server in the 消息 tab', function () {
  this.timeout(180_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let userId: number;
  const pageErrors: string[] = [];

  before(async () => {
    ensureH5Build();
    server = await startServer();
    server.app.modules.notices.templates.register<{ service: string; date: string }>({
      key: 'test.h5_booking_confirmed',
      kind: 'booking',
      render: (d) => ({ title: '预约成功', body: `您已预约${d.service}，时间：${d.date}` }),
    });
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts with an empty 消息 list and no badge', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login'));
    await page.goto(`${server.url}/`);
    userId = (await (await login).json()).user.id;
    await page.locator('.weui-tabbar__item', { hasText: '消息' }).click();
    await page.getByText('暂无消息').waitFor();
    assert.equal(await page.locator('.weui-tabbar__item', { hasText: '消息' }).locator('.weui-badge').count(), 0);
  });

  it('shows a notice sent through notify() with a badge on the tab once the tab shows again', async () => {
    await server.app.modules.notices.notify(
      { userId },
      'test.h5_booking_confirmed',
      { service: '结婚登记', date: '2026-12-01 上午' },
      '/pages/mine/index',
    );
    await page.locator('.weui-tabbar__item', { hasText: '首页' }).click();
    await page.locator('.mz-area-grid__item').first().waitFor();
    await page.locator('.weui-tabbar__item', { hasText: '消息' }).click();
    await page.locator('[data-testid="message-item"][data-read="false"]', { hasText: '预约成功' }).waitFor();
    const badge = page.locator('.weui-tabbar__item', { hasText: '消息' }).locator('.weui-badge');
    await badge.waitFor();
    assert.equal((await badge.textContent())?.trim(), '1');
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'h5-messages.png'), fullPage: true });
  });

  it('opens the notice, which becomes read; the badge goes; the link opens its page', async () => {
    const read = page.waitForResponse((r) => /\/api\/messages\/\d+\/read$/.test(new URL(r.url()).pathname));
    await page.locator('[data-testid="message-item"]', { hasText: '预约成功' }).click();
    assert.equal((await read).status(), 200);
    await page
      .locator('[data-testid="message-detail"]', { hasText: '您已预约结婚登记，时间：2026-12-01 上午' })
      .waitFor();
    const list = await server.app.modules.notices.inbox.list(userId, 1, 20);
    assert.equal(list.unread, 0);
    assert.equal(list.items[0].read, true);
    await page.locator('.nut-button', { hasText: '查看办理详情' }).click();
    await page.locator('.mz-mine').waitFor();
    await page.locator('.weui-tabbar__item', { hasText: '消息' }).click();
    await page.locator('[data-testid="message-item"][data-read="true"]', { hasText: '预约成功' }).waitFor();
    assert.equal(await page.locator('.weui-tabbar__item', { hasText: '消息' }).locator('.weui-badge').count(), 0);
    assert.deepEqual(pageErrors, []);
  });
});
