import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import request from 'supertest';
import { addMember, publish, simAccount, syncNow } from '../../server/test/matrix/helpers';
import { adminOf, createOrg, officer, PNG_1PX, uniqueName } from '../../server/test/social-orgs/helpers';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

type Server = Awaited<ReturnType<typeof startServer>>;

const isApi =
  (p: string, method = 'GET') =>
  (r: Response) =>
    new URL(r.url()).pathname === p && r.request().method() === method;
const shot = (page: Page, name: string) =>
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-social-orgs-${name}.png`));

/**
 * A citizen checks an organization, reads its profile and credit history, files a complaint
 * with a photo, and follows it in 我的投诉 to the officer's answer — the H5 build in Chromium
 * against the real server. Organizations are seeded through the officer API.
 */
describe('H5 社会组织: search → detail → complaint → 我的投诉 in Chromium', function () {
  this.timeout(180_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let officerAuth: Record<string, string>;
  const pageErrors: string[] = [];
  const orgName = uniqueName().replace('联谊会', '书画研究会');
  const troubledName = uniqueName().replace('联谊会', '收藏协会');
  const illegalName = `中华${orgName.slice(6, 11)}国学总会`;
  let uscc = '';
  let trackingNo = '';

  before(async () => {
    ensureFreshH5Build();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = await startServer();
    const officerLogin = await officer(server.url, ['11']);
    officerAuth = officerLogin.auth;
    const org = await createOrg(server.url, officerAuth, { name: orgName, type: 'social_group' });
    uscc = org.uscc;
    const staff = (p: string) => request(server.url).post(`/api/staff/social-orgs/${uscc}${p}`).set(officerAuth);
    const entry = await staff('/credit-entries')
      .send({
        list: 'abnormal',
        reasonCategory: 'annual_report_missing',
        decisionNo: '朝民罚〔2024〕12号',
        authority: '北京市朝阳区民政局',
        dateIn: '2024-07-01',
      })
      .expect(201);
    await staff(`/credit-entries/${entry.body.entry?.id ?? entry.body.creditEntry?.id ?? entry.body.id}/removal`)
      .send({ dateOut: '2024-10-15', reasonOut: '已补报2023年度工作报告' })
      .expect((r) => assert.ok(r.status < 300, JSON.stringify(r.body)));
    await staff('/inspections').send({ year: 2024, kind: 'annual_report', result: 'qualified' }).expect(201);
    await staff('/inspections').send({ year: 2023, kind: 'annual_report', result: 'basic' }).expect(201);
    await staff('/ratings').send({ level: 4, validFrom: '2024-01-01', authority: '北京市朝阳区民政局' }).expect(201);
    const troubled = await createOrg(server.url, officerAuth, { name: troubledName });
    await request(server.url)
      .post(`/api/staff/social-orgs/${troubled.uscc}/credit-entries`)
      .set(officerAuth)
      .send({
        list: 'abnormal',
        reasonCategory: 'unreachable',
        decisionNo: '朝民〔2026〕3号',
        authority: '北京市朝阳区民政局',
        dateIn: '2026-09-01',
      })
      .expect(201);
    const admin = await adminOf(server.url);
    await request(server.url)
      .post('/api/staff/social-orgs/illegal')
      .set(admin.auth)
      .send({
        name: illegalName,
        authority: '民政部',
        divisionCode: '110000',
        publishedAt: '2026-06-18',
        source: '中国社会组织动态',
      })
      .expect(201);
    // the national account writes about the organization: its profile shows it under 相关动态
    const acc = await simAccount(server.url);
    await publish(server.url, acc.appid, [{ title: `${orgName}举办迎新春书画公益展`, digest: '社区居民免费参观' }]);
    await addMember(server.url, admin.auth, {
      name: '中国社会组织动态',
      appid: acc.appid,
      secret: acc.secret,
      level: 'national',
      divisionCode: '100000',
      category: '登记管理机关',
    });
    await syncNow(server, admin.auth);

    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // article covers live on WeChat's CDN, which this machine cannot reach
    await page.route('https://mmbiz.qpic.cn/**', (route) =>
      route.fulfill({
        contentType: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#9cc1f7"/></svg>',
      }),
    );
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function searchFor(words: string) {
    await page.locator('.so-search__bar input').fill(words);
    const answer = page.waitForResponse(
      (r) => isApi('/api/social-orgs')(r) && new URL(r.url()).searchParams.get('q') === words,
    );
    await page.locator('[data-testid="search-submit"]').click();
    assert.equal((await answer).status(), 200);
  }

  it('searches by a name fragment and shows the results with credit badges', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
    await page.goto(`${server.url}/#/packages/social-orgs/pages/index/index`);
    assert.equal((await login).status(), 200);
    await page.locator('.so-org').first().waitFor();

    await searchFor(orgName.slice(6));
    const card = page.locator('.so-org', { hasText: orgName });
    await card.waitFor();
    assert.equal((await card.locator('.so-credit').textContent())?.trim(), '正常');

    await searchFor(troubledName.slice(6));
    await page
      .locator('.so-org', { hasText: troubledName })
      .locator('.so-credit--abnormal', { hasText: '活动异常' })
      .waitFor();
    await shot(page, 'search');
  });

  it('warns when the name matches a published suspected illegal organization', async () => {
    await searchFor(illegalName);
    const banner = page.locator('[data-testid="illegal-warning"]');
    await banner.waitFor();
    assert.match((await banner.textContent())!, new RegExp(illegalName));
    await page.locator('[data-testid="empty"]').waitFor();
    await shot(page, 'warning');
  });

  it('opens the profile: credit timeline, rating, inspections and related news', async () => {
    await searchFor(orgName);
    const profile = page.waitForResponse(isApi(`/api/social-orgs/${uscc}`));
    await page.locator('.so-org', { hasText: orgName }).click();
    assert.equal((await profile).status(), 200);
    await page.locator('[data-testid="org-name"]', { hasText: orgName }).waitFor();
    const events = page.locator('[data-testid="credit-timeline"] .so-timeline__item');
    assert.equal(await events.count(), 2);
    assert.deepEqual(await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), [
      'out',
      'in-abnormal',
    ]);
    assert.match((await events.nth(0).textContent())!, /已补报2023年度工作报告/);
    assert.equal(await page.locator('[data-testid="rating"] .so-rating__star--on').count(), 4);
    await page.locator('[data-testid="related-news"] .so-article', { hasText: '迎新春书画公益展' }).waitFor();
    await shot(page, 'detail');
  });

  it('follows the organization (logged in silently)', async () => {
    const put = page.waitForResponse(isApi(`/api/social-orgs/${uscc}/follow`, 'PUT'));
    await page.locator('.so-detail__follow').click();
    assert.equal((await put).status(), 200);
    await page.locator('.so-detail__follow', { hasText: '已关注' }).waitFor();
  });

  it('files a complaint with a photo; a double tap files one', async () => {
    await page.locator('.so-detail__report').click();
    await page.locator('[data-testid="complaint-target"]', { hasText: orgName }).waitFor();

    await page.locator('[data-field="category"] [data-value="fees"]').click();
    await page
      .locator('[data-field="content"] textarea')
      .fill('该协会以评定会员等级为名，向每位会员收取800元费用，且不开具票据。');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('[data-testid="add-photo"]').click();
    const upload = page.waitForResponse(isApi('/api/social-orgs/complaint-images', 'POST'));
    await (await chooser).setFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: PNG_1PX });
    assert.equal((await upload).status(), 201);
    await page.locator('[data-field="images"] [data-state="done"]').waitFor();
    await page.locator('[data-field="phone"] input').fill('13912345678');
    await shot(page, 'complaint-form');

    const posted: number[] = [];
    page.on('response', (r) => {
      if (isApi('/api/social-orgs/complaints', 'POST')(r)) posted.push(r.status());
    });
    await page.locator('.so-complaint__submit').dblclick();
    await page.locator('[data-testid="tracking-no"]').waitFor();
    trackingNo = (await page.locator('[data-testid="tracking-no"]').textContent())!.trim();
    assert.match(trackingNo, /^TS\d{8}[0-9A-Z]{6}$/);
    await shot(page, 'complaint-done');

    const token = await page.evaluate(
      () => JSON.parse(localStorage.getItem('mz.token') ?? 'null')?.data ?? localStorage.getItem('mz.token'),
    );
    const mine = await request(server.url)
      .get('/api/social-orgs/complaints')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    assert.equal(mine.body.total, 1, `one complaint filed (answers: ${posted.join(',')})`);
    assert.equal(mine.body.items[0].trackingNo, trackingNo);
  });

  it('shows the progress and the answer in 我的投诉', async () => {
    const list = await request(server.url).get('/api/staff/social-orgs/complaints').set(officerAuth).expect(200);
    const mine = list.body.items.find((c: { trackingNo: string }) => c.trackingNo === trackingNo);
    await request(server.url).post(`/api/staff/social-orgs/complaints/${mine.id}/accept`).set(officerAuth).expect(200);
    await request(server.url)
      .post(`/api/staff/social-orgs/complaints/${mine.id}/answer`)
      .set(officerAuth)
      .send({ answer: '经核查，该协会违规收取评定费用属实，已责令其限期退还并作出警告处罚。' })
      .expect(200);

    const listed = page.waitForResponse(isApi('/api/social-orgs/complaints'));
    await page.locator('.nut-button', { hasText: '我的投诉' }).click();
    assert.equal((await listed).status(), 200);
    const item = page.locator(`[data-tracking="${trackingNo}"]`);
    await item.waitFor();
    assert.equal((await item.locator('.so-mine__status').textContent())?.trim(), '已答复');
    assert.deepEqual(
      await item.locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))),
      ['done', 'done', 'done'],
    );
    await shot(page, 'my-complaints');

    await item.click();
    await page.locator('[data-testid="complaint-answer"]', { hasText: '已责令其限期退还' }).waitFor();
    await shot(page, 'complaint-detail');
  });

  it('respects 长辈模式: larger type on the search page', async () => {
    await page.goto(`${server.url}/#/packages/social-orgs/pages/index/index`);
    await page.locator('.so-org').first().waitFor();
    const size = () =>
      page
        .locator('.so-org__name')
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.evaluate(() => localStorage.setItem('mz.elderlyMode', JSON.stringify({ data: true })));
    await page.reload();
    await page.locator('.so-search.mz-elderly .so-org').first().waitFor();
    const after = await size();
    assert.ok(after >= before * 1.2, `result name ${before}px → ${after}px`);
    await searchFor(troubledName.slice(6));
    await page.locator('.so-org', { hasText: troubledName }).waitFor();
    await shot(page, 'search-elderly');
    await page.evaluate(() => localStorage.removeItem('mz.elderlyMode'));
    assert.deepEqual(pageErrors, []);
  });
});
