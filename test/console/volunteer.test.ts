import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { loginCitizen } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { pdfText } from '../../server/test/support/pdf-text';
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
  let orgId: number;
  let orgName: string;
  let volunteerNumber: string;
  const organizer = { username: `vo.org${Date.now().toString(36)}`, password: 'Volunteer-org-2026' };
  const pageErrors: string[] = [];
  const where = { lat: 39.9088, lng: 116.3975, accuracy: 20 };

  before(async () => {
    ensureConsoleBuild();
    // Its own database: the organization picker lists what is on record, and on the shared
    // MariaDB database other stories' organizations pushed the new one out of the visible list.
    server = await startServer({ DATABASE_URL: await ownDatabase('console_volunteer') });
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
    orgName = `朝阳区控制台志愿服务队${Date.now()}`;
    const { org } = await json(`${server.url}/api/staff/volunteer/orgs`, {
      method: 'POST',
      token,
      body: { name: orgName, divisionCode: '110105', contact: '010-65000000' },
    });
    orgId = org.id;
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
    const registered = await json(`${server.url}/api/volunteer/me`, { method: 'POST', token: citizenToken, body: {} });
    volunteerNumber = registered.volunteer.number;
    await json(`${server.url}/api/volunteer/activities/${activityId}/signup`, { method: 'POST', token: citizenToken });
    await json(`${server.url}/api/staff/login`, { method: 'POST', body: organizer });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  /** A page of the 志愿服务 menu group (opened first when it is folded). */
  async function open(item: string) {
    const nav = page.getByTestId('nav');
    await nav.waitFor({ timeout: 60_000 });
    if (!(await nav.getByText(item, { exact: true }).isVisible()))
      await nav.getByText('志愿服务', { exact: true }).click();
    await nav.getByText(item, { exact: true }).click();
  }

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('approves, shows a code the volunteer signs in with, and confirms the hours', async () => {
    await signIn(page, server.url, organizer.username, organizer.password);
    await open('志愿活动');
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

    // 报名名单: the roster as an Excel file, the name masked.
    const rosterFile = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载报名名单（Excel）' }).click();
    const roster = await rosterFile;
    assert.match(roster.suggestedFilename(), /\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await roster.path())!);
    const cells = JSON.stringify(book.worksheets[0].getSheetValues());
    assert.ok(cells.includes(volunteerNumber), 'the volunteer on the roster');
    assert.ok(cells.includes('马*'), 'the name masked');
    assert.ok(!cells.includes('马志愿'), 'never the full name');
    assert.deepEqual(pageErrors, []);
  });

  it('reviews applications to join the organization: refuses with a reason, then approves the second application', async () => {
    await json(`${server.url}/api/volunteer/orgs/${orgId}/join`, {
      method: 'POST',
      token: citizenToken,
      body: { note: '周末有空，会急救' },
    });
    await open('志愿服务组织');
    await page.getByTestId('volunteer-orgs').locator('tr').filter({ hasText: orgName }).getByText('成员审核').click();
    const members = page.getByTestId('volunteer-members');
    await members.getByText('周末有空，会急救').waitFor({ timeout: 60_000 });
    assert.ok(await members.getByText(`马**（${volunteerNumber}）`).isVisible(), 'name masked');
    await members.getByRole('button', { name: /^拒\s?绝$/ }).click();
    const ok = page.locator('.ant-modal-footer').getByRole('button', { name: /^拒\s?绝$/ });
    assert.ok(await ok.isDisabled(), 'no reason: cannot refuse');
    await page.getByLabel('拒绝理由').fill('本队暂只招募朝阳区居民');
    await ok.click();
    await page.getByText('暂无待审核的入会申请').waitFor({ timeout: 60_000 });
    await page.getByText(/^未通过$/).click();
    await members.getByText('本队暂只招募朝阳区居民').waitFor({ timeout: 60_000 });
    let mine = await json(`${server.url}/api/volunteer/me/orgs`, { token: citizenToken });
    const refused = mine.items.find((m: { orgId: number }) => m.orgId === orgId);
    assert.equal(refused.status, 'refused');
    assert.equal(refused.reason, '本队暂只招募朝阳区居民');
    await screenshot(page, 'volunteer-members-refused');

    // The volunteer applies again; this time the organizer approves.
    await json(`${server.url}/api/volunteer/orgs/${orgId}/join`, {
      method: 'POST',
      token: citizenToken,
      body: { note: '已搬到朝阳区' },
    });
    await page.getByText(/^待审核$/).click();
    await members.getByText('已搬到朝阳区').waitFor({ timeout: 60_000 });
    await members.getByRole('button', { name: '同意加入' }).click();
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^同\s?意$/ })
      .click();
    await page.getByText('暂无待审核的入会申请').waitFor({ timeout: 60_000 });
    mine = await json(`${server.url}/api/volunteer/me/orgs`, { token: citizenToken });
    assert.equal(mine.items.find((m: { orgId: number }) => m.orgId === orgId).status, 'approved');
    await page.getByText(/^已加入$/).click();
    await members.getByText('已搬到朝阳区').waitFor({ timeout: 60_000 });
    await screenshot(page, 'volunteer-members');
    assert.deepEqual(pageErrors, []);
  });

  it('an officer registers an organization, creates and edits an activity, enters 补录 hours, issues and revokes a certificate, and reads the statistics', async () => {
    const officer = { username: `vo.off${Date.now().toString(36)}`, password: 'Volunteer-off-2026' };
    const admin = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token: admin.token,
      body: {
        ...officer,
        displayName: '刘管理',
        roles: ['volunteer_officer'],
        scope: { divisions: ['110105'], halls: [] },
      },
    });
    await json(`${server.url}/api/staff/login`, { method: 'POST', body: officer });
    await page.evaluate(() => localStorage.clear());
    await signIn(page, server.url, officer.username, officer.password);

    // 登记组织: the form refuses a bad division code, then registers.
    await open('志愿服务组织');
    await page.getByRole('button', { name: '登记组织' }).click();
    const orgForm = page.getByTestId('org-form');
    const newOrg = `朝阳区新登记志愿队${Date.now()}`;
    await orgForm.getByLabel('组织名称').fill(newOrg);
    await orgForm.getByLabel('所在地区编码').fill('11');
    await orgForm.getByLabel('联系方式').fill('010-65001234');
    await page.getByRole('button', { name: /^登\s?记$/ }).click();
    await page.getByText('地区编码应为6至12位数字').waitFor({ timeout: 30_000 });
    await orgForm.getByLabel('所在地区编码').fill('110105');
    await page.getByRole('button', { name: /^登\s?记$/ }).click();
    await page.getByTestId('volunteer-orgs').getByText(newOrg).waitFor({ timeout: 60_000 });
    const orgs = await json(`${server.url}/api/staff/volunteer/orgs`, { token: admin.token });
    assert.ok(
      orgs.items.some((o: { name: string }) => o.name === newOrg),
      'registered on the server',
    );

    // 新建活动 → a draft, 修改 it, 发布.
    await open('志愿活动');
    await page.getByRole('button', { name: '新建活动' }).click();
    const form = page.getByTestId('activity-form');
    await form.getByLabel('志愿服务组织').click();
    await page.locator('.ant-select-item-option').filter({ hasText: newOrg }).click();
    await form.getByLabel('活动名称').fill('社区垃圾分类宣传');
    await form.getByLabel('服务类型').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '环境保护' }).click();
    await form.getByLabel('活动内容').fill('在小区门口宣传垃圾分类');
    const day = new Date(server.app.platform.clock.now() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('开始时间（北京时间）').fill(`${day} 09:00`);
    await form.getByLabel('结束时间（北京时间）').fill(`${day} 11:00`);
    await form.getByLabel('报名截止（北京时间）').fill(`${day} 08:00`);
    await form.getByLabel('活动地点').fill('北京市朝阳区某小区');
    await form.getByLabel('所在地区编码').fill('110105001');
    await form.getByLabel('纬度').fill('39.9087');
    await form.getByLabel('经度').fill('116.3975');
    // The offline picker: the 500 m circle around the point; a click 90 px east of the centre
    // (2.5 radii span half its 360 px width: 625 m) moves the point that far east.
    const picker = form.getByTestId('geofence-picker');
    await picker.waitFor({ timeout: 30_000 });
    assert.ok(await form.getByTestId('geofence-circle').isVisible(), 'the sign-in circle drawn');
    await picker.click({ position: { x: 1 + 180 + 90, y: 1 + 120 } });
    let moved = '';
    for (let i = 0; i < 100 && !moved.startsWith('116.404'); i++) {
      moved = await form.getByLabel('经度').inputValue();
      if (!moved.startsWith('116.404')) await page.waitForTimeout(300);
    }
    assert.match(moved, /^116\.404/, `the click moved the point east (${moved})`);
    await form.getByLabel('招募人数').fill('8');
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    await page.getByText('草稿').first().waitFor({ timeout: 60_000 });
    const draftId = Number(/activities\/(\d+)/.exec(page.url())![1]);
    await page.getByRole('button', { name: /^修\s?改$/ }).click();
    await page.getByTestId('activity-form').getByLabel('活动名称').fill('社区垃圾分类宣传（周末）');
    await page.getByTestId('activity-form').getByLabel('招募人数').fill('12');
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    await page.getByRole('heading', { name: '社区垃圾分类宣传（周末）' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^发\s?布$/ }).click();
    await page.getByText('招募中').first().waitFor({ timeout: 60_000 });
    const { activity: created } = await json(`${server.url}/api/staff/volunteer/activities/${draftId}`, {
      token: admin.token,
    });
    assert.equal(created.quota, 12);
    assert.equal(created.status, 'published');
    assert.equal(created.startsAt, new Date(`${day}T09:00:00+08:00`).toISOString(), 'the form reads Beijing time');
    assert.ok(Math.abs(created.lng - (116.3975 + 625 / (110_574 * Math.cos((39.9087 * Math.PI) / 180)))) < 0.0003);
    assert.ok(Math.abs(created.lat - 39.9087) < 0.0001, 'moved east only');
    await screenshot(page, 'volunteer-activity-form');

    // 补录 on the organizer's activity (under way): a reason is required; the entry is marked 补录.
    await json(`${server.url}/api/staff/volunteer/activities/${activityId}/start`, {
      method: 'POST',
      token: admin.token,
    });
    const { activity: held } = await json(`${server.url}/api/staff/volunteer/activities/${activityId}`, {
      token: admin.token,
    });
    const beijingText = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    const endMs = Math.floor(Date.parse(held.endsAt) / 60_000) * 60_000;
    await page.goto(`${server.url}/console/volunteer/activities/${activityId}`);
    await page.getByRole('button', { name: '补录时长' }).click();
    const manual = page.getByTestId('manual-form');
    await manual.getByLabel('志愿者编号').fill(volunteerNumber);
    await manual.getByLabel('开始时间（北京时间）').fill(beijingText(endMs - 60 * 60_000));
    await manual.getByLabel('结束时间（北京时间）').fill(beijingText(endMs));
    await page.getByRole('button', { name: /^补\s?录$/ }).click();
    await page.getByText('请填写补录理由（至少2个字）').waitFor({ timeout: 30_000 });
    await manual.getByLabel('补录理由').fill('现场签到设备故障，凭纸质签到表补录');
    await page.getByRole('button', { name: /^补\s?录$/ }).click();
    const ledger = page.getByTestId('hours-ledger');
    await ledger.getByText('现场签到设备故障，凭纸质签到表补录').waitFor({ timeout: 60_000 });
    assert.ok(
      await ledger
        .locator('.ant-tag')
        .filter({ hasText: /^补录$/ })
        .isVisible(),
      'marked 补录',
    );
    const record = await json(`${server.url}/api/volunteer/me/record`, { token: citizenToken });
    assert.equal(record.approvedHours, 2);
    assert.equal(record.manualHours, 1);
    await screenshot(page, 'volunteer-manual-hours');

    // The volunteer asks for a certificate; the officer issues it, then revokes it with a reason.
    await json(`${server.url}/api/volunteer/me/certificates`, {
      method: 'POST',
      token: citizenToken,
      body: { orgId, purpose: '单位评优' },
    });
    await open('记录证明');
    const certs = page.getByTestId('certificates');
    await certs.getByText('单位评优').waitFor({ timeout: 60_000 });
    await certs.getByRole('button', { name: /^开\s?具$/ }).click();
    await certs.getByText('有效').waitFor({ timeout: 60_000 });
    const downloading = page.waitForEvent('download');
    await certs.getByRole('button', { name: '下载 PDF' }).click();
    const valid = pdfText(fs.readFileSync((await (await downloading).path())!));
    assert.ok(valid.text.includes('单位评优') || valid.text.includes('志愿服务记录证明'), 'the certificate PDF');
    assert.ok(!valid.text.includes('已撤销'));
    await certs.getByRole('button', { name: /^撤\s?销$/ }).click();
    await page.getByPlaceholder('请填写撤销理由').fill('');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^撤\s?销$/ })
      .click();
    await page.getByText(/理由/).last().waitFor({ timeout: 30_000 });
    let mine = await json(`${server.url}/api/volunteer/me/certificates`, { token: citizenToken });
    assert.equal(mine.items[0].status, 'issued', 'no reason: nothing revoked');
    await page.getByPlaceholder('请填写撤销理由').fill('服务时长经核查有误');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^撤\s?销$/ })
      .click();
    await certs.getByText('撤销理由：服务时长经核查有误').waitFor({ timeout: 60_000 });
    mine = await json(`${server.url}/api/volunteer/me/certificates`, { token: citizenToken });
    assert.equal(mine.items[0].status, 'revoked');
    const again = page.waitForEvent('download');
    await certs.getByRole('button', { name: '下载 PDF' }).click();
    assert.ok(pdfText(fs.readFileSync((await (await again).path())!)).text.includes('已撤销'), 'the PDF says 已撤销');
    await screenshot(page, 'volunteer-certificates');

    // 统计: this organization's hours, half of them 补录.
    await open('志愿服务统计');
    const months = [held.startsAt, held.endsAt].map((t: string) => beijingText(Date.parse(t)).slice(0, 7)).sort();
    await page.getByLabel('起始月份').fill(months[0]);
    await page.getByLabel('截止月份').fill(months[1]);
    const share = page.getByTestId('volunteer-org-share').locator('tr').filter({ hasText: orgName });
    await share.waitFor({ timeout: 60_000 });
    assert.match((await share.textContent())!, /50%/);
    await page.getByTestId('volunteer-months-chart').locator('canvas').waitFor({ timeout: 60_000 });
    // Below the 区县: the activity's 街道, and narrowing to its 区县.
    const town = page.getByTestId('volunteer-towns').locator('tr').filter({ hasText: '建外街道' });
    await town.waitFor({ timeout: 60_000 });
    assert.match((await town.textContent())!, /朝阳区.*建外街道（110105001）/);
    await page
      .getByTestId('volunteer-areas')
      .locator('tr')
      .filter({ hasText: '朝阳区' })
      .getByText('只看该区县')
      .click();
    await page.getByTestId('volunteer-county').getByText('仅看朝阳区').waitFor({ timeout: 60_000 });
    await page.getByText('按乡镇/街道（朝阳区）').waitFor({ timeout: 60_000 });
    await screenshot(page, 'volunteer-stats');
    assert.deepEqual(pageErrors, []);
  });
});
