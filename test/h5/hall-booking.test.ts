import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { ownDatabase } from '../support/db';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, ensureH5Build, openBrowser, type Browser } from './browser';
import { screenshotWholePage } from './page-tools';

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

describe('H5 in Chromium: scan a hall code → book → 我的预约', function () {
  this.timeout(180_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let scene: string;
  const pageErrors: string[] = [];

  before(async () => {
    ensureH5Build();
    server = await startServer({ DATABASE_URL: await ownDatabase('h5_booking') });
    // The hall as an admin sets it up, with its code on the wall.
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
        hours: [
          ['09:00', '12:00'],
          ['13:30', '17:00'],
        ],
      },
    });
    await json(`${server.url}/api/staff/halls/${hall.id}/windows`, {
      method: 'PUT',
      token,
      body: { windows: [{ number: '1', name: '社会救助窗口', serviceCodes: [SERVICE] }] },
    });
    await json(`${server.url}/api/staff/halls/${hall.id}/booking-configs/${SERVICE}`, {
      method: 'PUT',
      token,
      body: {},
    });
    scene = (
      await json(`${server.url}/api/staff/halls/${hall.id}/entry-codes`, {
        method: 'POST',
        token,
        body: { windowNumber: '1' },
      })
    ).entryCode.scene;
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the app, and the citizen is real-named', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login'));
    await page.goto(`${server.url}/`);
    const { token } = await (await login).json();
    // Real-name binding has its own H5 story (mine.test.ts); here it is done through the API.
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token,
      body: { name: '张三', idNumber: '11010519491231002X' },
    });
  });

  it('scans the hall code: the hall page opens on the scene', async () => {
    await page.goto(`${server.url}/#/packages/halls/pages/hall/index?scene=${encodeURIComponent(scene)}`);
    await page.locator('.hl-head__name', { hasText: '朝阳区民政服务大厅' }).waitFor();
    await page.getByText('您在 1 号窗口附近').waitFor();
  });

  it('books: rules, calendar with closed days, a period, consent, confirm', async () => {
    await page.locator(`[data-testid="book-${SERVICE}"]`).click();
    await page.locator('[data-testid="rules"]').getByText('未到场').first().waitFor();
    await page.locator('.hl-day--closed').first().waitFor();
    await page.locator('.hl-day--open').first().click();
    await page.locator('.hl-period--on').first().click();
    await page.locator('[data-testid="consent"]').waitFor();
    const post = page.waitForResponse((r) => isApi('/api/bookings')(r) && r.request().method() === 'POST');
    await page.locator('[data-testid="submit-booking"]').click();
    const res = await post;
    assert.equal(res.status(), 201);
    const { booking } = await res.json();
    await page.locator('[data-testid="booking-code"]', { hasText: booking.code }).waitFor();
    const qr = await page.locator('[data-testid="check-in"] img').first().getAttribute('src');
    assert.match(qr ?? '', /^data:image\/png;base64,/);
  });

  it('finds it in 我的预约', async () => {
    await page.goto(`${server.url}/#/packages/halls/pages/my-bookings/index`);
    await page.locator('[data-testid="my-bookings"] .hl-row').first().waitFor();
    assert.match((await page.locator('[data-testid="my-bookings"]').textContent()) ?? '', /已预约/);
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await screenshotWholePage(page, path.join(ARTIFACTS_DIR, 'h5-my-bookings.png'));
  });

  it('answers a foreign scene with a friendly page and a way on', async () => {
    // A fresh launch, as a new scan would be (the router would otherwise reuse the open hall page).
    await page.goto(`${server.url}/#/packages/halls/pages/hall/index?scene=${encodeURIComponent('h1.1.1.AAAAAA')}`);
    await page.reload();
    await page.locator('.mz-empty__title', { hasText: '无法识别该二维码' }).waitFor();
    await page.getByText('查看全部服务大厅').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
