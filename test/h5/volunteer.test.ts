import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { volunteer } from '../../server/test/volunteer/support';
import { json } from '../console/console-tools';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

type Server = Awaited<ReturnType<typeof startServer>>;

const isApi =
  (p: string, method = 'GET') =>
  (r: Response) =>
    new URL(r.url()).pathname === p && r.request().method() === method;
const shot = (page: Page, name: string) =>
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-volunteer-${name}.png`));
const SITE = { latitude: 39.9087, longitude: 116.3975 };

/**
 * A volunteer in the H5 build: registers from the real name, finds an activity, signs up, is
 * approved, types the on-site code at the place (the phone's location goes with it), signs
 * out, and sees the confirmed hours in 我的志愿记录 — larger in 长辈模式.
 */
describe('H5 志愿服务: register → sign up → sign in and out with the on-site code → my record, in Chromium', function () {
  this.timeout(300_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let staffToken: string;
  let activityId: number;
  let orgId: number;
  const orgName = `H5志愿服务队${randomInt(1e6)}`;
  const pageErrors: string[] = [];
  const title = `社区读报陪伴${randomInt(1000, 9999)}`;

  before(async () => {
    ensureFreshH5Build();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = await startServer();
    staffToken = (
      await json(`${server.url}/api/staff/login`, {
        method: 'POST',
        body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      })
    ).token;
    const { org } = await json(`${server.url}/api/staff/volunteer/orgs`, {
      method: 'POST',
      token: staffToken,
      body: { name: orgName, divisionCode: '110105', contact: '010-65000000' },
    });
    orgId = org.id;
    const now = server.app.platform.clock.now();
    const { activity } = await json(`${server.url}/api/staff/volunteer/activities`, {
      method: 'POST',
      token: staffToken,
      body: {
        orgId: org.id,
        title,
        type: 'elderly',
        divisionCode: '110105001',
        description: '为社区老人读报、聊天',
        risks: '无特殊风险',
        insurance: true,
        quota: 5,
        address: '北京市朝阳区某社区活动室',
        lat: SITE.latitude,
        lng: SITE.longitude,
        startsAt: new Date(now + 10 * 60_000).toISOString(),
        endsAt: new Date(now + 3 * 3600_000).toISOString(),
        signupDeadline: new Date(now + 5 * 60_000).toISOString(),
      },
    });
    activityId = activity.id;
    await json(`${server.url}/api/staff/volunteer/activities/${activityId}/publish`, {
      method: 'POST',
      token: staffToken,
    });
    browser = await openBrowser();
    await browser.context.grantPermissions(['geolocation'], { origin: server.url });
    await browser.context.setGeolocation({ ...SITE, accuracy: 20 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  /** A published activity planted through the staff API, on a Beijing day from 10:00 to 12:00. */
  const plant = async (t: string, divisionCode: string, day: string, at: { lat: number; lng: number }, quota = 4) => {
    const { activity } = await json(`${server.url}/api/staff/volunteer/activities`, {
      method: 'POST',
      token: staffToken,
      body: {
        orgId,
        title: t,
        type: 'elderly',
        divisionCode,
        description: '陪伴老人',
        risks: '无特殊风险',
        insurance: true,
        quota,
        address: '北京市某社区活动室',
        ...at,
        startsAt: `${day}T10:00:00+08:00`,
        endsAt: `${day}T12:00:00+08:00`,
        signupDeadline: `${day}T08:00:00+08:00`,
      },
    });
    await json(`${server.url}/api/staff/volunteer/activities/${activity.id}/publish`, {
      method: 'POST',
      token: staffToken,
    });
    return activity.id as number;
  };

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers from the bound real name and signs up for an activity found in the list', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
    await page.goto(`${server.url}/#/packages/volunteer/pages/record/index`);
    const { token } = await (await login).json();
    await page.getByText('您还不是注册志愿者').waitFor({ timeout: 60_000 });
    const idNumber = withCheckDigit(`11010519950505${randomInt(100, 999)}`);
    const bound = await fetch(`${server.url}/api/me/identity`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '林志愿', idNumber }),
    });
    assert.equal(bound.status, 200);
    await page.locator('taro-button-core', { hasText: '注册成为志愿者' }).click();
    await page.getByText(/志愿者编号：ZY\d{11}/).waitFor({ timeout: 30_000 });
    await page.getByText('暂无星级').waitFor();

    await page.goto(`${server.url}/#/packages/volunteer/pages/index/index`);
    await page.getByText(title).click({ timeout: 60_000 });
    await page.getByText('风险提示：无特殊风险').waitFor({ timeout: 30_000 });
    await page.getByText('组织方为志愿者购买保险').waitFor();
    const signed = page.waitForResponse(isApi(`/api/volunteer/activities/${activityId}/signup`, 'POST'));
    await page.locator('taro-button-core', { hasText: '我要报名' }).click();
    assert.equal((await signed).status(), 201);
    await page.getByText('状态：待审核').waitFor({ timeout: 30_000 });
    await shot(page, 'signed-up');
  });

  it('signs in and out with the code shown on site, and sees the confirmed hours', async () => {
    const { items } = await json(`${server.url}/api/staff/volunteer/activities/${activityId}/signups`, {
      token: staffToken,
    });
    await json(`${server.url}/api/staff/volunteer/signups/${items[0].id}/approve`, {
      method: 'POST',
      token: staffToken,
      body: {},
    });
    server.app.platform.clock.advance(20 * 60_000);
    const first = await json(`${server.url}/api/staff/volunteer/activities/${activityId}/code`, { token: staffToken });

    await page.reload();
    await page.getByText('状态：已录用').waitFor({ timeout: 60_000 });
    const input = page.locator('input[placeholder="输入现场出示的签到码"]');
    await input.fill(first.code);
    const scanned = page.waitForResponse(isApi('/api/volunteer/scan', 'POST'));
    await page.locator('taro-button-core', { hasText: '扫码签到' }).click();
    assert.equal((await scanned).status(), 200);
    await page.getByText('签到成功').waitFor({ timeout: 30_000 });
    await shot(page, 'signed-in');

    server.app.platform.clock.advance(90 * 60_000);
    const second = await json(`${server.url}/api/staff/volunteer/activities/${activityId}/code`, { token: staffToken });
    await input.fill(second.code);
    await page.locator('taro-button-core', { hasText: '扫码签退' }).click();
    await page.getByText('签退成功，服务时长待组织确认').waitFor({ timeout: 30_000 });
    await page.getByText(/已签退.*1\.5 小时/).waitFor();

    const { items: roster } = await json(`${server.url}/api/staff/volunteer/activities/${activityId}/attendance`, {
      token: staffToken,
    });
    await json(`${server.url}/api/staff/volunteer/attendance/${roster[0].id}/confirm`, {
      method: 'POST',
      token: staffToken,
      body: {},
    });
    await page.goto(`${server.url}/#/packages/volunteer/pages/record/index`);
    await page.getByText('1.5 小时', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByText(/扫码记录/).waitFor();
    await shot(page, 'record');
  });

  it('is larger in 长辈模式', async () => {
    const size = () => page.locator('.vo-hours').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.evaluate(() => localStorage.setItem('mz.elderlyMode', JSON.stringify({ data: true })));
    await page.reload();
    await page.locator('.mz-elderly .vo-hours').waitFor({ timeout: 60_000 });
    assert.ok((await size()) > before, 'larger type in 长辈模式');
    await shot(page, 'record-elderly');
    await page.evaluate(() => localStorage.removeItem('mz.elderlyMode'));
    assert.deepEqual(pageErrors, []);
  });

  it('applies to join an organization, sees the refusal with its reason, applies again and is approved', async () => {
    // The list failing first: an error state with 重试.
    let failOnce = true;
    await page.route('**/api/volunteer/orgs', (route) => {
      if (!failOnce) return route.continue();
      failOnce = false;
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"UNAVAILABLE","message":"服务繁忙，请稍后再试"}}',
      });
    });
    await page.goto(`${server.url}/#/packages/volunteer/pages/index/index`);
    await page.locator('taro-button-core', { hasText: '志愿服务组织' }).click({ timeout: 60_000 });
    await page.getByText('加载失败').waitFor({ timeout: 60_000 });
    await page.locator('taro-button-core', { hasText: '重试' }).click();
    const card = page.locator('[data-testid="org-card"]', { hasText: orgName });
    await card.waitFor({ timeout: 60_000 });
    await page.unroute('**/api/volunteer/orgs');

    await card.locator('taro-button-core', { hasText: '申请加入' }).click();
    await card.locator('textarea').fill('周末有空，会读报');
    const applied = page.waitForResponse(isApi(`/api/volunteer/orgs/${orgId}/join`, 'POST'));
    await card.locator('taro-button-core', { hasText: '提交申请' }).click();
    assert.equal((await applied).status(), 201);
    await page.getByText('已提交申请，组织审核后会通知您').waitFor({ timeout: 30_000 });
    await page.getByText(`${orgName} · 待审核`).waitFor();

    const pending = await json(`${server.url}/api/staff/volunteer/orgs/${orgId}/members?status=pending`, {
      token: staffToken,
    });
    await json(`${server.url}/api/staff/volunteer/members/${pending.items[0].id}/refuse`, {
      method: 'POST',
      token: staffToken,
      body: { reason: '请先完成志愿者培训' },
    });
    await page.reload();
    await page.getByText('未通过原因：请先完成志愿者培训').waitFor({ timeout: 60_000 });
    await shot(page, 'org-refused');
    await card.locator('taro-button-core', { hasText: '重新申请' }).click();
    await card.locator('taro-button-core', { hasText: '提交申请' }).click();
    await page.getByText(`${orgName} · 待审核`).waitFor({ timeout: 30_000 });
    const again = await json(`${server.url}/api/staff/volunteer/orgs/${orgId}/members?status=pending`, {
      token: staffToken,
    });
    await json(`${server.url}/api/staff/volunteer/members/${again.items[0].id}/approve`, {
      method: 'POST',
      token: staffToken,
      body: {},
    });
    await page.reload();
    await page.getByText(`${orgName} · 已加入`).waitFor({ timeout: 60_000 });
    assert.equal(await card.locator('taro-button-core').count(), 0, 'a member does not apply again');

    // 长辈模式: larger type here too.
    const size = () =>
      page
        .locator('.vo-title')
        .first()
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.evaluate(() => localStorage.setItem('mz.elderlyMode', JSON.stringify({ data: true })));
    await page.reload();
    await page.locator('.mz-elderly .vo-title').first().waitFor({ timeout: 60_000 });
    assert.ok((await size()) > before, 'larger type in 长辈模式');
    await shot(page, 'orgs-elderly');
    await page.evaluate(() => localStorage.removeItem('mz.elderlyMode'));
  });

  it('asks for a certificate, gets its PDF as a link once issued, and sees it revoked with the reason', async () => {
    await page.goto(`${server.url}/#/packages/volunteer/pages/record/index`);
    await page.locator('taro-button-core', { hasText: `向${orgName}申请证明` }).click({ timeout: 60_000 });
    await page.getByText('已提交申请，组织开具后可在此查看').waitFor({ timeout: 30_000 });
    await page.getByText(/待开具 · 待开具/).waitFor();
    const { items } = await json(`${server.url}/api/staff/volunteer/certificates?status=requested`, {
      token: staffToken,
    });
    const cert = items.find((c: { purpose: string }) => c.purpose === '志愿服务经历证明');
    const { certificate } = await json(`${server.url}/api/staff/volunteer/certificates/${cert.id}/issue`, {
      method: 'POST',
      token: staffToken,
    });
    await page.reload();
    await page.getByText(`${certificate.number} · 有效`).waitFor({ timeout: 60_000 });
    const fetched = page.waitForResponse(isApi(`/api/volunteer/me/certificates/${cert.id}/pdf`));
    await page.locator('taro-button-core', { hasText: '获取证明 PDF' }).click();
    assert.equal((await fetched).status(), 200);
    const link = page.locator('a.vo-link');
    await link.waitFor({ timeout: 30_000 });
    assert.equal(await link.getAttribute('download'), `${certificate.number}.pdf`);
    const head = await link.evaluate(async (a) => {
      const bytes = new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer());
      return String.fromCharCode(...bytes.slice(0, 5));
    });
    assert.equal(head, '%PDF-', 'the link holds the PDF');
    await shot(page, 'certificate');

    await json(`${server.url}/api/staff/volunteer/certificates/${cert.id}/revoke`, {
      method: 'POST',
      token: staffToken,
      body: { reason: '服务时长经核查有误' },
    });
    await page.reload();
    await page.getByText('已撤销：服务时长经核查有误').waitFor({ timeout: 60_000 });
    assert.deepEqual(pageErrors, []);
  });
  it('finds activities by 区域, 日期 and places left, on the pin board too, and clears filters from the empty state', async () => {
    // Two activities: one in 朝阳区 three days on, one in 海淀区 four days on (Beijing days); and
    // a full one in 朝阳区 three days on (its one place taken by another volunteer).
    const beijingDay = (days: number) =>
      new Date(server.app.platform.clock.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const [day1, day2] = [beijingDay(3), beijingDay(4)];
    const chaoyang = `朝阳助老${randomInt(1000, 9999)}`;
    const haidian = `海淀助老${randomInt(1000, 9999)}`;
    const chaoyangId = await plant(chaoyang, '110105001', day1, { lat: 39.921, lng: 116.443 });
    await plant(haidian, '110108001', day2, { lat: 39.959, lng: 116.298 });
    const full = `满员助老${randomInt(1000, 9999)}`;
    const fullId = await plant(full, '110105001', day1, { lat: 39.915, lng: 116.46 }, 1);
    const other = await volunteer(server.url, '郑志愿');
    const took = await fetch(`${server.url}/api/volunteer/activities/${fullId}/signup`, {
      method: 'POST',
      headers: other.auth,
    });
    assert.equal(took.status, 201);
    const chip = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
    const titles = () => page.locator('.vo-card .vo-title').allInnerTexts();
    const searched = (check: (q: URLSearchParams) => boolean) =>
      page.waitForResponse((r) => isApi('/api/volunteer/activities')(r) && check(new URL(r.url()).searchParams));

    await page.goto(`${server.url}/#/packages/volunteer/pages/index/index`);
    await page.getByText(haidian).waitFor({ timeout: 60_000 });
    await page.getByText(chaoyang).waitFor();
    await page.getByText(full).waitFor();
    assert.match(
      await page.locator('.vo-card', { hasText: full }).innerText(),
      /剩余名额 0\/1/,
      'full, offered without the filter',
    );

    // 只看有名额: asked with openOnly=true, the full one leaves the list; the switch shows as on.
    const filters = page.locator('.vo-filters');
    const openOnly = filters.locator('.vo-open-only');
    assert.equal(await openOnly.innerText(), '只看有名额');
    assert.equal(await openOnly.getAttribute('aria-checked'), 'false');
    const onlyOpen = searched((q) => q.get('openOnly') === 'true');
    await openOnly.click();
    const open: { items: { id: number }[] } = await (await onlyOpen).json();
    assert.ok(!open.items.some((a) => a.id === fullId), 'the server leaves the full one out');
    await page.getByText(chaoyang).waitFor({ timeout: 30_000 });
    await page.getByText(haidian).waitFor();
    assert.ok(!(await titles()).includes(full), 'the full one is not listed');
    assert.equal(await openOnly.innerText(), '✓ 只看有名额');
    assert.match((await openOnly.getAttribute('class')) ?? '', /vo-tab--on/);
    assert.equal(await openOnly.getAttribute('aria-checked'), 'true');
    await shot(page, 'open-only');

    // 区域: 北京市 › 市辖区 › 海淀区 — only the 海淀 one.
    await filters.locator('taro-button-core', { hasText: '选择地区' }).click();
    const item = (name: string | RegExp) =>
      filters
        .locator('.mz-division-picker__item')
        .filter({ has: page.locator('.mz-division-picker__name', { hasText: name }) });
    await item(/^北京市$/)
      .first()
      .click({ timeout: 60_000 });
    await filters.locator('.mz-division-picker__crumb', { hasText: '北京市' }).waitFor();
    await filters.locator('.mz-division-picker__item').first().click({ timeout: 60_000 }); // 市辖区
    const inHaidian = searched((q) => q.get('division') === '110108' && q.get('openOnly') === 'true');
    await item('海淀区').click({ timeout: 60_000 });
    await inHaidian;
    await page.getByText(haidian).waitFor({ timeout: 30_000 });
    assert.deepEqual(await titles(), [haidian]);
    assert.match(await page.locator('[data-testid="area-filter"]').innerText(), /海淀区$/);

    // 不限地区, then 日期: only the activity on that day.
    await filters.locator('taro-button-core', { hasText: '收起' }).click();
    const anyArea = searched((q) => !q.has('division'));
    await filters.locator('taro-button-core', { hasText: '不限地区' }).click();
    await anyArea;
    const onDay1 = searched((q) => q.get('date') === day1 && !q.has('division'));
    await filters.locator('.vo-tab', { hasText: chip(day1) }).click();
    await onDay1;
    await page.getByText(chaoyang).waitFor({ timeout: 30_000 });
    // With 只看有名额 still on: not the full one of that day.
    assert.deepEqual(await titles(), [chaoyang]);
    assert.equal(await page.locator('[data-testid="date-filter"]').innerText(), day1);
    await shot(page, 'filtered-by-date');

    // 海淀区 on that day: nothing; 清除筛选 brings everything back, the full one too.
    await filters.locator('taro-button-core', { hasText: '选择地区' }).click();
    await item(/^北京市$/)
      .first()
      .click({ timeout: 60_000 });
    await filters.locator('.mz-division-picker__crumb', { hasText: '北京市' }).waitFor();
    await filters.locator('.mz-division-picker__item').first().click({ timeout: 60_000 });
    await item('海淀区').click({ timeout: 60_000 });
    await page.getByText('没有符合条件的活动').waitFor({ timeout: 30_000 });
    await shot(page, 'no-match');
    const all = searched((q) => !q.has('division') && !q.has('date') && !q.has('openOnly'));
    await page.locator('taro-button-core', { hasText: '清除筛选' }).click();
    const everything: { items: { id: number; title: string }[] } = await (await all).json();
    await page.getByText(haidian).waitFor({ timeout: 30_000 });
    await page.getByText(chaoyang).waitFor();
    await page.getByText(full).waitFor();
    assert.ok(everything.items.some((a) => a.id === fullId));
    assert.equal(await page.locator('[data-testid="area-filter"]').innerText(), '不限地区');
    assert.equal(await page.locator('[data-testid="date-filter"]').innerText(), '不限日期');
    assert.equal(await openOnly.innerText(), '只看有名额');
    assert.doesNotMatch((await openOnly.getAttribute('class')) ?? '', /vo-tab--on/);

    // 地图: one pin per activity found, each named for screen readers; a pin opens its activity.
    await page.locator('.vo-views .vo-tab', { hasText: '地图' }).click();
    const pins = page.locator('[data-testid="activity-pin"]');
    await pins.first().waitFor({ timeout: 30_000 });
    assert.equal(await pins.count(), everything.items.length);
    assert.equal(await page.locator('.vo-card').count(), 0, 'the map instead of the list');
    await page.getByText(`共 ${everything.items.length} 个活动，按位置示意（非实际地图）`).waitFor();
    const pin = pins.filter({ hasText: chaoyang });
    assert.match((await pin.getAttribute('aria-label')) ?? '', new RegExp(`^${chaoyang}，剩余名额 4`));
    await shot(page, 'map');

    // 长辈模式: larger pins and labels, and a larger 只看有名额 that leaves the full one's pin out.
    const size = () => pin.locator('.vo-pin__label').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const switchSize = () => openOnly.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const [before, switchBefore] = [await size(), await switchSize()];
    await page.evaluate(() => localStorage.setItem('mz.elderlyMode', JSON.stringify({ data: true })));
    await page.reload();
    await page.locator('.vo-views .vo-tab', { hasText: '地图' }).click({ timeout: 60_000 });
    await page.locator('.mz-elderly [data-testid="activity-pin"]').first().waitFor({ timeout: 60_000 });
    assert.ok((await size()) > before, 'larger pins in 长辈模式');
    assert.ok((await switchSize()) > switchBefore, 'a larger 只看有名额 in 长辈模式');
    const openPins = searched((q) => q.get('openOnly') === 'true');
    await openOnly.click();
    const withPlaces: { items: { id: number }[] } = await (await openPins).json();
    await pins.filter({ hasText: full }).waitFor({ state: 'detached', timeout: 30_000 });
    assert.ok(!withPlaces.items.some((a) => a.id === fullId));
    assert.equal(await pins.count(), withPlaces.items.length, 'a pin for each activity with places left');
    await pin.waitFor();
    await shot(page, 'map-elderly');
    await page.evaluate(() => localStorage.removeItem('mz.elderlyMode'));

    await pin.click();
    await page.waitForURL(new RegExp(`activity/index\\?id=${chaoyangId}$`), { timeout: 30_000 });
    await page.getByText('风险提示：无特殊风险').waitFor({ timeout: 30_000 });
    await page.locator('.vo-title', { hasText: chaoyang }).waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
