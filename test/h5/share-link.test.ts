import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import request from 'supertest';
import { nextOpenDate } from '../../server/test/bookings/helpers';
import { admin, createHall, MARRIAGE } from '../../server/test/halls/fixtures';
import { startServer } from '../support/server';
import { openBrowser, type Browser } from './browser';
import { ensureFreshH5Build } from './page-tools';

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * On H5 there is no WeChat share card: the marriage booking's 「发送邀请给另一方」 becomes a button
 * that copies the invitation page's address, and that address opens the invitation page on its
 * own, with a title bar leading home — in Chromium.
 */
describe('H5 share by link: the marriage invitation in Chromium', function () {
  this.timeout(180_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    ensureFreshH5Build();
    server = await startServer();
    const auth = (await admin(server.url)).auth;
    const hall = await createHall(server.url, auth);
    await request(server.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${MARRIAGE}`)
      .set(auth)
      .send({})
      .expect(200);
    const date = await nextOpenDate(server.url, hall, MARRIAGE);
    browser = await openBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The citizen of this browser, real-named, books a marriage registration (the API is the booking's own story).
    const login = page.waitForResponse((r: Response) => new URL(r.url()).pathname === '/api/auth/login');
    await page.goto(`${server.url}/`);
    const { token } = await (await login).json();
    const bearer = { Authorization: `Bearer ${token}` };
    await request(server.url)
      .put('/api/me/identity')
      .set(bearer)
      .send({ name: '张三', idNumber: '11010519491231002X' })
      .expect(200);
    const { body } = await request(server.url)
      .post('/api/bookings')
      .set(bearer)
      .send({ hallId: hall, serviceCode: MARRIAGE, date, period: 'am1' })
      .expect(201);
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/#/packages/halls/pages/booking/index?code=${body.booking.code}`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('copies the invitation page’s address instead of a share card that does nothing on H5', async () => {
    const card = page.locator('[data-testid="invitation"]');
    await card.waitFor();
    const code = (await card.locator('.hl-code').textContent())?.trim() ?? '';
    assert.match(code, /^[A-Z2-9]{8}$/);
    assert.equal(await card.getByText('发送邀请给另一方').count(), 0);
    await page.locator('[data-testid="copy-invitation-link"]').click();
    await page.getByText('链接已复制').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `${server.url}/#/packages/halls/pages/invitation/index?code=${code}`);

    // The link opened on its own (a new tab): the invitation page, with 首页 in its title bar.
    const other = await browser.context.newPage();
    other.on('pageerror', (e) => pageErrors.push(e.message));
    await other.goto(copied);
    await other.getByText('邀请码').first().waitFor();
    await other.waitForFunction((c) => Array.from(document.querySelectorAll('input')).some((i) => i.value === c), code);
    assert.match((await other.locator('#taro-navigation-bar').getAttribute('class')) ?? '', /home-icon/);
    await other.close();
    assert.deepEqual(pageErrors, []);
  });
});
