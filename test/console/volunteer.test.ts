import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginCitizen } from '../support/citizen';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

/**
 * An organizer in the console: approves a volunteer's sign-up, puts the on-site code on the
 * screen (the volunteer signs in with what the screen shows), and confirms the hours once the
 * volunteer has signed out.
 */
describe('Console in Chromium: an organizer reviews sign-ups, shows the on-site code and confirms hours', function () {
  this.timeout(300_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let activityId: number;
  let citizenToken: string;
  const organizer = { username: `vo.org${Date.now().toString(36)}`, password: 'Volunteer-org-2026' };
  const pageErrors: string[] = [];
  const where = { lat: 39.9088, lng: 116.3975, accuracy: 20 };

  before(async () => {
    ensureConsoleBuild();
    server = await startServer();
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const { staff } = await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...organizer,
        displayName: '陈组织',
        roles: ['volunteer_organizer'],
        scope: { divisions: [], halls: [] },
      },
    });
    const { org } = await json(`${server.url}/api/staff/volunteer/orgs`, {
      method: 'POST',
      token,
      body: { name: `朝阳区控制台志愿服务队${Date.now()}`, divisionCode: '110105', contact: '010-65000000' },
    });
    await json(`${server.url}/api/staff/volunteer/orgs/${org.id}/admins`, {
      method: 'POST',
      token,
      body: { staffId: staff.id },
    });
    const now = server.app.platform.clock.now();
    const { activity } = await json(`${server.url}/api/staff/volunteer/activities`, {
      method: 'POST',
      token,
      body: {
        orgId: org.id,
        title: '社区助老送餐',
        type: 'elderly',
        divisionCode: '110105001',
        description: '为社区独居老人送午餐',
        insurance: true,
        quota: 3,
        address: '北京市朝阳区某社区',
        lat: 39.9087,
        lng: 116.3975,
        startsAt: new Date(now + 10 * 60_000).toISOString(),
        endsAt: new Date(now + 3 * 3600_000).toISOString(),
        signupDeadline: new Date(now + 5 * 60_000).toISOString(),
      },
    });
    activityId = activity.id;
    await json(`${server.url}/api/staff/volunteer/activities/${activityId}/publish`, { method: 'POST', token });
    const citizen = await loginCitizen(server.url);
    citizenToken = citizen.token;
    // Born 1988-03-01; the sequence varies (a day digit from the clock made 1988-03-00 one run in ten).
    const idNumber = withCheckDigit(`11010519880301${String(Date.now() % 1000).padStart(3, '0')}`);
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token: citizenToken,
      body: { name: '马志愿', idNumber },
    });
    await json(`${server.url}/api/volunteer/me`, { method: 'POST', token: citizenToken, body: {} });
    await json(`${server.url}/api/volunteer/activities/${activityId}/signup`, { method: 'POST', token: citizenToken });
    await json(`${server.url}/api/staff/login`, { method: 'POST', body: organizer });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('approves, shows a code the volunteer signs in with, and confirms the hours', async () => {
    await signIn(page, server.url, organizer.username, organizer.password);
    await page.getByTestId('nav').getByText('志愿活动').click();
    await page.getByText('社区助老送餐').click();
    await page.getByText('马**（').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^录\s?用$/ }).click();
    await page.getByText('已录用').waitFor({ timeout: 60_000 });
    await screenshot(page, 'volunteer-signups');

    // The activity begins: the code on the screen signs the volunteer in.
    server.app.platform.clock.advance(20 * 60_000);
    await page.getByRole('button', { name: '现场签到码' }).click();
    await page.getByTestId('code-screen').waitFor({ timeout: 60_000 });
    assert.ok(await page.getByAltText('现场签到码').isVisible());
    const shown = (await page.getByTestId('code-text').textContent())!.trim();
    await screenshot(page, 'volunteer-code');
    const signedIn = await json(`${server.url}/api/volunteer/scan`, {
      method: 'POST',
      token: citizenToken,
      body: { code: shown, action: 'in', ...where },
    });
    assert.equal(signedIn.attendance.status, 'signed_in');

    // An hour later the volunteer signs out with the code then on the screen.
    server.app.platform.clock.advance(60 * 60_000);
    await page.reload();
    await page.getByTestId('code-screen').waitFor({ timeout: 60_000 });
    const later = (await page.getByTestId('code-text').textContent())!.trim();
    assert.notEqual(later, shown, 'the code changed');
    await json(`${server.url}/api/volunteer/scan`, {
      method: 'POST',
      token: citizenToken,
      body: { code: later, action: 'out', ...where },
    });
    await page.getByRole('button', { name: '退出全屏' }).click();
    await page.getByRole('button', { name: '确认时长' }).click();
    await page.getByText('时长已确认').waitFor({ timeout: 60_000 });
    await screenshot(page, 'volunteer-hours');
    const record = await json(`${server.url}/api/volunteer/me/record`, { token: citizenToken });
    assert.equal(record.approvedHours, 1);
    assert.deepEqual(pageErrors, []);
  });
});
