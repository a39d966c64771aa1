import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { lastPublishedYear } from '../../server/src/platform/clock/working-days';
import { ownDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, ensureH5Build, openBrowser, type Browser } from './browser';

type Server = Awaited<ReturnType<typeof startServer>>;
const SERVICE = 'MZ-JZ-01';
const isApi = (p: string) => (r: Response) => new URL(r.url()).pathname === p;

async function json(url: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body as Record<string, any>;
}

/**
 * What a citizen meets first (issue 19): the 消息 badge from launch, 我的 that leads to their
 * records, a ticket they can cancel in the page, statuses that do not mislead.
 */
describe('H5 in Chromium: the badge from launch, 我的 with my records, statuses that do not mislead', function () {
  this.timeout(240_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let hallId: number;
  let userId: number;
  let citizenToken: string;
  const today = `${lastPublishedYear}-12-20`;
  const newYear = `${lastPublishedYear + 1}-01-01`;
  const pageErrors: string[] = [];
  const badge = () => page.locator('.weui-tabbar__item', { hasText: '消息' }).locator('.weui-badge');
  const notify = (title: string) =>
    server.app.modules.notices.notify({ userId }, 'notices.broadcast', { title, content: '测试通知内容', date: today });

  before(async () => {
    ensureH5Build();
    // The server lives on 12-20 of the last year whose holidays are published: 元旦 is in the calendar.
    server = await startServer({
      DATABASE_URL: await ownDatabase('h5_citizen_records'),
      CLOCK_OFFSET_MS: String(Date.parse(`${today}T02:00:00Z`) - Date.now()),
    });
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const { hall } = await json(`${server.url}/api/staff/halls`, {
      method: 'POST',
      token,
      body: {
        name: '朝阳区民政服务大厅',
        divisionCode: '110105',
        address: '北京市朝阳区测试路1号',
        hours: [['09:00', '17:00']],
      },
    });
    hallId = hall.id;
    await json(`${server.url}/api/staff/halls/${hallId}/windows`, {
      method: 'PUT',
      token,
      body: { windows: [{ number: '1', name: '社会救助窗口', serviceCodes: [SERVICE] }] },
    });
    await json(`${server.url}/api/staff/halls/${hallId}/booking-configs/${SERVICE}`, {
      method: 'PUT',
      token,
      body: { openDaysAhead: 30 },
    });
    // Open all day today (a Sunday), so a ticket can be taken whatever the hour.
    await json(`${server.url}/api/staff/halls/${hallId}/days/${today}`, {
      method: 'PUT',
      token,
      body: { open: true, hours: [['00:00', '23:59']] },
    });
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the 消息 badge on 首页 from launch, and counts a notice that arrives while there', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login'));
    await page.goto(`${server.url}/`);
    const body = await (await login).json();
    userId = body.user.id;
    citizenToken = body.token;
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token: citizenToken,
      body: { name: '张三', idNumber: '11010519491231002X' },
    });
    await notify('请携带材料到大厅办理');
    await page.reload();
    await page.locator('.mz-area-grid__item').first().waitFor();
    await badge().waitFor({ timeout: 30_000 });
    assert.equal((await badge().textContent())?.trim(), '1');
    // A notice arrives while the citizen stays on 首页 (消息 never opened).
    await notify('请到1号窗口办理');
    await page
      .locator('.weui-tabbar__item', { hasText: '消息' })
      .locator('.weui-badge', { hasText: '2' })
      .waitFor({ timeout: 60_000 });
  });

  it('leads from 我的 to 我的取号 with counts, and cancels a ticket in the page; a cancelled ticket promises nothing', async () => {
    await json(`${server.url}/api/queue/tickets`, {
      method: 'POST',
      token: citizenToken,
      body: { hallId, serviceCode: SERVICE },
    });
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    const records = page.locator('[data-testid="my-records"]');
    for (const title of ['我的预约', '我的取号', '我的投诉', '我的关注', '通知设置'])
      await records.getByText(title).waitFor();
    await records.locator('[data-record="tickets"]', { hasText: '1个排队中' }).waitFor({ timeout: 30_000 });
    await records.locator('[data-record="bookings"]', { hasText: '0个待办理' }).waitFor();
    await records.locator('[data-record="settings"]', { hasText: '已开启' }).waitFor();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'h5-mine-records.png'), fullPage: true });

    await records.locator('[data-record="tickets"]').click();
    const row = page.locator('[data-testid="my-tickets"] [data-ticket]').first();
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /排队中/);
    await row.click();
    await page.locator('[data-testid="ticket-reminder"]', { hasText: '快轮到您时' }).waitFor();
    await page.locator('[data-testid="ticket-cancel"]').click();
    const cancel = page.waitForResponse((r) => /\/api\/queue\/tickets\/\d+\/cancel$/.test(new URL(r.url()).pathname));
    await page.locator('.taro-model__confirm', { hasText: '确定取消' }).click();
    assert.equal((await cancel).status(), 200);
    await page.locator('[data-testid="ticket-status"]', { hasText: '已取消' }).waitFor();
    assert.equal(await page.locator('[data-testid="ticket-reminder"]').count(), 0);
    assert.equal(await page.locator('[data-testid="ticket-cancel"]').count(), 0);
    assert.equal(await page.getByText('快轮到您时').count(), 0);
  });

  it('shows 元旦 of the unpublished year as 待公布 in the calendar, not bookable', async () => {
    await page.goto(`${server.url}/#/packages/halls/pages/book/index?hallId=${hallId}&serviceCode=${SERVICE}`);
    const day = page.locator(`[data-date="${newYear}"]`);
    await day.waitFor({ timeout: 30_000 });
    assert.equal(await day.getAttribute('data-status'), 'unpublished');
    assert.match((await day.textContent()) ?? '', /待公布/);
    await day.click();
    assert.equal(await page.locator('[data-testid="periods"]').count(), 0);
  });

  it('says a hall that does not exist does not exist, without 「重试」 or 「暂时无法加载」', async () => {
    await page.goto(`${server.url}/#/packages/halls/pages/hall/index?id=987654`);
    await page.locator('[data-testid="problem"]', { hasText: '该服务大厅不存在' }).waitFor({ timeout: 30_000 });
    const text = (await page.locator('[data-testid="problem"]').textContent()) ?? '';
    assert.doesNotMatch(text, /重试|暂时无法加载/);
  });

  it('offers no 「重试」 for an invalid credit code', async () => {
    await page.goto(`${server.url}/#/packages/social-orgs/pages/detail/index?uscc=12345`);
    await page.getByText('未找到该社会组织').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.nut-button', { hasText: '重试' }).count(), 0);
    assert.deepEqual(pageErrors, []);
  });

  it('opens a page that says so for an unknown address, instead of showing the previous page', async () => {
    await page.goto(`${server.url}/#/packages/nowhere/pages/index/index`);
    await page.locator('[data-testid="not-found"]', { hasText: '页面不存在' }).waitFor({ timeout: 30_000 });
    await page.locator('.nut-button', { hasText: '返回首页' }).click();
    await page.locator('.mz-area-grid__item').first().waitFor();
  });

  it('makes calendar cells large in 长辈模式', async () => {
    const bookPage = `${server.url}/#/packages/halls/pages/book/index?hallId=${hallId}&serviceCode=${SERVICE}`;
    const labelSize = async () => {
      await page.goto(bookPage);
      const day = page.locator(`[data-date="${newYear}"]`);
      await day.waitFor({ timeout: 30_000 });
      return day.locator('.hl-day__state').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    };
    const before = await labelSize();
    await page.goto(`${server.url}/#/pages/mine/index`);
    await page.locator('[data-testid="elderly-switch"] .nut-switch').click();
    await page.locator('.mz-mine.mz-elderly').waitFor();
    const after = await labelSize();
    assert.ok(after >= before * 1.2, `calendar label ${before}px → ${after}px in 长辈模式`);
    assert.deepEqual(pageErrors, []);
  });
});
