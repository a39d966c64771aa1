import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { periodLaterToday, today } from '../../server/test/bookings/helpers';
import { admin, createHall, DIBAO, realNamed } from '../../server/test/halls/fixtures';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

describe('Console in Chromium: 统计分析 shows each region its own numbers, as a chart or a table', function () {
  this.timeout(240_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const clerk = { username: `stats.desk${Date.now().toString(36)}`, password: 'Stats-desk-2026' };
  const nationwide = { username: `stats.nation${Date.now().toString(36)}`, password: 'Stats-nation-2026' };
  const pageErrors: string[] = [];

  before(async () => {
    ensureConsoleBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('console_stats') });
    // The office computer's clock is two days behind the server's (and near midnight the
    // booking helper moves the server a day on): the console must count its days by the server.
    server.app.platform.clock.advance(2 * 86_400_000);
    const adminAuth = (await admin(server.url)).auth;
    const period = periodLaterToday(server, 20);
    const hall = await createHall(server.url, adminAuth, { name: '朝阳区统计测试大厅', divisionCode: '110105' });
    const other = await createHall(server.url, adminAuth, { name: '海淀区统计测试大厅', divisionCode: '110108' });
    for (const id of [hall, other]) {
      await request(server.url)
        .put(`/api/staff/halls/${id}/days/${today(server)}`)
        .set(adminAuth)
        .send({ open: true, hours: [['00:00', '23:59']] })
        .expect(200);
      await request(server.url)
        .put(`/api/staff/halls/${id}/booking-configs/${DIBAO}`)
        .set(adminAuth)
        .send({ periods: [period], cutoffMinutes: 0, cancelMinutes: 0, noShowLimit: 3 })
        .expect(200);
      const c = await realNamed(server.url, { name: '张小华' });
      await request(server.url)
        .post('/api/bookings')
        .set(c.auth)
        .send({ hallId: id, serviceCode: DIBAO, date: today(server), period: 'today' })
        .expect(201);
    }
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: { ...clerk, displayName: '朝阳区窗口', roles: ['hall_staff'], scope: { divisions: ['110105'], halls: [] } },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: { ...nationwide, displayName: '全国编辑', roles: ['editor'], scope: { divisions: [''], halls: [] } },
    });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the bookings of the clerk’s halls only, switches to the table, and offers the Excel', async () => {
    await signIn(page, server.url, clerk.username, clerk.password);
    await page.getByTestId('nav').getByText('统计分析').click();
    const bookings = page.getByTestId('stats-bookings');
    await bookings.getByTestId('stats-bookings-chart').locator('canvas').waitFor();
    await screenshot(page, 'stats');
    await bookings.getByText('表格').click();
    const table = bookings.getByTestId('stats-bookings-table');
    await table.getByText('朝阳区统计测试大厅').waitFor();
    const text = await table.textContent();
    assert.ok(!text?.includes('海淀区统计测试大厅'));
    const [file] = await Promise.all([page.waitForEvent('download'), bookings.getByText('下载 Excel').click()]);
    assert.match(file.suggestedFilename(), /\.xlsx$/);
    // The complaints panel has nothing in this region: the empty state, in Chinese. Notices are
    // the platform's, not the region's: none here either.
    await page.getByTestId('stats-complaints').getByText('所选期间暂无数据').waitFor();
    await page.getByTestId('stats-notices').getByText('所选期间暂无数据').waitFor();
    await page.getByTestId('stats-queue-hours').waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('shows a nationwide editor the followers of the public account day by day', async () => {
    // Two people follow the account, one of them leaves.
    for (const openid of ['o_console_stats_a1', 'o_console_stats_b2'])
      await json(`${server.url}/__wechat__/dev/mp/follow`, { method: 'POST', body: { openid } });
    await json(`${server.url}/__wechat__/dev/mp/unfollow`, { method: 'POST', body: { openid: 'o_console_stats_b2' } });
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await signIn(page, server.url, nationwide.username, nationwide.password);
    await page.getByTestId('nav').getByText('统计分析').click();
    const followers = page.getByTestId('stats-followers');
    await followers.getByTestId('stats-followers-chart').locator('canvas').waitFor();
    await followers.scrollIntoViewIfNeeded();
    await screenshot(page, 'stats-followers');
    await followers.getByText('表格').click();
    const table = followers.getByTestId('stats-followers-table');
    await table.getByText('关注人数').first().waitFor();
    // The last row is today: two follows, one unfollow, one following.
    const last = table.locator('tbody tr').last();
    assert.deepEqual((await last.locator('td').allTextContents()).slice(1), ['1', '2', '1']);
    assert.deepEqual(pageErrors, []);
  });
});
