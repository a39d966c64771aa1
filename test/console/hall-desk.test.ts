import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { periodLaterToday, today } from '../../server/test/bookings/helpers';
import { DIBAO, realNamed } from '../../server/test/halls/fixtures';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

describe('Console in Chromium: the hall desk, the display screen and the hall settings of 朝阳', function () {
  this.timeout(240_000);
  let server: TestServer;
  let browser: Browser;
  let desk: Page;
  let display: Page;
  let chaoyang: number;
  let haidian: number;
  let bookingCode: string;
  let ticketLabel: string;
  const clerk = { username: 'hall.chaoyang', password: 'Chaoyang-desk-2026' };
  const pageErrors: string[] = [];

  before(async () => {
    ensureConsoleBuild();
    server = await startServer();
    const period = periodLaterToday(server, 20);
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const hall = async (name: string, divisionCode: string) => {
      const { hall: h } = await json(`${server.url}/api/staff/halls`, {
        method: 'POST',
        token,
        body: {
          name,
          divisionCode,
          address: `${name}一层`,
          hours: [
            ['09:00', '12:00'],
            ['13:30', '17:00'],
          ],
        },
      });
      await json(`${server.url}/api/staff/halls/${h.id}/windows`, {
        method: 'PUT',
        token,
        body: {
          windows: [
            { number: '1', name: '社会救助窗口', serviceCodes: [DIBAO] },
            { number: '2', name: '优先窗口', serviceCodes: [DIBAO], priorityLane: true },
          ],
        },
      });
      // Open all day today, whatever the hour the suite runs at.
      await json(`${server.url}/api/staff/halls/${h.id}/days/${today(server)}`, {
        method: 'PUT',
        token,
        body: { open: true, hours: [['00:00', '23:59']] },
      });
      await json(`${server.url}/api/staff/halls/${h.id}/booking-configs/${DIBAO}`, {
        method: 'PUT',
        token,
        body: { periods: [period], cutoffMinutes: 0, cancelMinutes: 0 },
      });
      return h.id as number;
    };
    chaoyang = await hall('朝阳区民政综合服务大厅', '110105');
    haidian = await hall('海淀区民政综合服务大厅', '110108');
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...clerk,
        displayName: '朝阳区窗口',
        roles: ['hall_staff'],
        scope: { divisions: ['110105'], halls: [] },
      },
    });
    const citizen = await realNamed(server.url, { name: '李秀英' });
    const { booking } = await json(`${server.url}/api/bookings`, {
      method: 'POST',
      token: citizen.token,
      body: { hallId: chaoyang, serviceCode: DIBAO, date: today(server), period: 'today' },
    });
    bookingCode = booking.code;

    browser = await openBrowser({ desktop: true });
    desk = browser.context.pages()[0] ?? (await browser.context.newPage());
    desk.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('hall.chaoyang signs in and finds only the halls of 朝阳, each one click from its desk', async () => {
    await signIn(desk, server.url, clerk.username, clerk.password);
    await desk.getByTestId('home-areas').waitFor();
    await desk.getByTestId('nav').getByText('服务大厅').click();
    await desk.getByTestId('halls').getByRole('link', { name: '朝阳区民政综合服务大厅' }).waitFor();
    assert.doesNotMatch((await desk.getByTestId('halls').textContent()) ?? '', /海淀/);
    await screenshot(desk, 'halls');
  });

  it('makes the display address in the hall settings, and the TV (a second page) shows the board', async () => {
    await desk.goto(`${server.url}/console/halls/${chaoyang}/settings?tab=display`);
    await desk.getByTestId('display-rotate').click();
    const address = (await desk.getByTestId('display-address').textContent())!.trim();
    assert.match(address, new RegExp(`/console/halls/${chaoyang}/display#token=[A-Za-z0-9_-]{32}$`));
    await screenshot(desk, 'settings-display');
    display = await browser.context.newPage();
    display.on('pageerror', (e) => pageErrors.push(e.message));
    await display.setViewportSize({ width: 1280, height: 720 });
    await display.goto(address);
    await display.getByTestId('display-start').click();
    await display.getByTestId('display-window-1').getByText('——').waitFor();
    // The token left the address bar for the browser's storage.
    assert.doesNotMatch(display.url(), /token=/);
  });

  it('checks the citizen in by typing the code into the always-focused field: the answer in large type', async () => {
    await desk.goto(`${server.url}/console/halls/${chaoyang}/desk`);
    await desk.getByTestId('bookings').getByText(bookingCode).waitFor();
    // The field holds the focus by itself: a USB scanner just types and presses Enter.
    await desk.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'scan');
    await desk.keyboard.type(bookingCode.toLowerCase());
    await desk.keyboard.press('Enter');
    const answer = desk.getByTestId('check-in-answer');
    await answer.getByText('签到成功').waitFor();
    ticketLabel = /排队号 ([A-Z]\d{3})/.exec((await answer.textContent()) ?? '')![1];
    assert.match((await answer.textContent()) ?? '', /李\*\*/);
    await desk.getByTestId('bookings').getByText('已签到').waitFor();
    // The same code again: refused, and said why.
    await desk.keyboard.type(bookingCode);
    await desk.keyboard.press('Enter');
    await answer.getByText('该预约已签到').waitFor();
  });

  it('calls the next ticket with one click, and the display shows it within 2 s with the voice line', async () => {
    const called = desk.waitForResponse((r) => r.url().endsWith('/windows/1/call-next'));
    await desk.getByTestId('call-next').click();
    assert.equal((await called).status(), 200);
    await display.getByTestId('display-window-1').getByText(ticketLabel).waitFor({ timeout: 2000 });
    const spoken = ticketLabel.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]);
    await display
      .getByTestId('display-announcement')
      .getByText(`请 ${spoken} 号到 1 号窗口`)
      .waitFor({ timeout: 2000 });
    await desk.getByTestId('current-ticket').getByText(ticketLabel).waitFor();
    await screenshot(desk, 'desk');
    // The same desk on a 1024 px tablet at the window.
    await desk.setViewportSize({ width: 1024, height: 768 });
    await screenshot(desk, 'desk-1024');
    await desk.setViewportSize({ width: 1280, height: 800 });
    await display.waitForTimeout(500);
    await display.screenshot({
      path: path.join(ARTIFACTS_DIR, 'console-display.png'),
    });
    // 开始办理 then 办结: each one click; the window is free again.
    await desk.getByTestId('serve').click();
    await desk.getByTestId('current-ticket').getByText('办理中').waitFor();
    await desk.getByTestId('done').click();
    await desk.getByTestId('current-ticket').getByText('本窗口暂无在办的号').waitFor();
  });

  it('hands a walk-in a priority ticket, and exports the day as Excel', async () => {
    await desk.getByTestId('issue-priority').click();
    await desk.getByText(/已取号 [A-Z]\d{3}/).waitFor();
    const download = desk.waitForEvent('download');
    await desk.getByTestId('bookings-export').click();
    assert.match((await download).suggestedFilename(), /\.xlsx$/);
  });

  it('shows days past the published holiday schedule as 待公布 and lets staff confirm them', async () => {
    await desk.goto(`${server.url}/console/halls/${chaoyang}/settings?tab=calendar`);
    // Forward to January 2027 (元旦 is past the published schedule).
    const jan = desk.getByTestId('day-2027-01-01');
    while ((await desk.getByTestId('month-title').textContent()) !== '2027年1月')
      await desk.getByTestId('month-next').click();
    await jan.getByText('待公布').waitFor();
    await desk.getByTestId('confirm-month').click();
    // 元旦: untick it; the other weekdays stay ticked as working days.
    await desk.getByTestId('confirm-2027-01-01').click();
    await screenshot(desk, 'settings-calendar-confirm');
    await desk.getByRole('button', { name: '确认并开放预约' }).click();
    await jan.getByText('不办公').waitFor();
    await desk.getByTestId('day-2027-01-04').getByText('09:00-12:00 13:30-17:00').waitFor();
    await screenshot(desk, 'settings-calendar');
    const { days } = await json(`${server.url}/api/halls/${chaoyang}/calendar?from=2027-01-01&days=4`);
    assert.deepEqual(
      days.map((d: { open: boolean }) => d.open),
      [false, false, false, true],
    );
  });

  it('a hall_staff of 朝阳 cannot open a 海淀 hall by URL: the page says 未找到, the API 404', async () => {
    await desk.goto(`${server.url}/console/halls/${haidian}/desk`);
    await desk.getByTestId('not-found').getByText('未找到', { exact: true }).waitFor();
    await screenshot(desk, 'not-found');
    const token = await desk.evaluate(() => JSON.parse(localStorage.getItem('mz-console-session')!).token);
    const res = await fetch(`${server.url}/api/staff/halls/${haidian}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, 'NOT_FOUND');
    await desk.goto(`${server.url}/console/halls/${haidian}/settings`);
    await desk.getByTestId('not-found').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
