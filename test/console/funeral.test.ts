import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { setBeijingTime, staffAt } from '../../server/test/cases/support';
import { demoPlaces } from '../../server/test/funeral/support';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { openBrowser, type Browser } from '../h5/browser';
import { loginCitizen } from '../support/citizen';
import { startServer, type TestServer } from '../support/server';
import { ensureConsoleBuild, screenshot, signIn } from './console-tools';

const PASSWORD = 'Case-staff-pass-1'; // staffAt's

/**
 * 殡葬服务 in the console. The county's assistance officer decides a family's 丧葬补助 from the
 * 社会救助 inbox, where it is listed beside 低保 (the case page used to load the assistance-only
 * route and showed 未找到 for it). The funeral home's clerk opens a family's bill and records
 * charges only from the published list; the waivers and 「您应付」 are the server's, and the family
 * sees the same bill with the code printed on it. At the cemetery's gate on 冬至 the staff book
 * an 82-year-old in through the 绿色通道 and check her pass in once; the second scan is refused.
 */
describe('Console in Chromium: 殡葬服务 — 丧葬补助 in the inbox, the bill from the fee list, the 祭扫 gate', function () {
  this.timeout(300_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let places: Awaited<ReturnType<typeof demoPlaces>>;
  let county: Awaited<ReturnType<typeof staffAt>>;
  let clerk: Awaited<ReturnType<typeof staffAt>>;
  const pageErrors: string[] = [];

  const openMenu = async (group: string, item: string) => {
    const nav = page.getByTestId('nav');
    const g = nav.locator('li.ant-menu-submenu', { hasText: group });
    await g.waitFor({ timeout: 60_000 });
    if (!(await g.evaluate((el) => el.classList.contains('ant-menu-submenu-open'))))
      await g.locator('.ant-menu-submenu-title').click();
    await nav.getByText(item, { exact: true }).click();
  };
  const signOut = async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/console\/signin$/);
  };

  before(async () => {
    ensureConsoleBuild();
    server = await startServer();
    setBeijingTime(server, '2026-12-07');
    places = await demoPlaces(server);
    county = await staffAt(server.url, ['110105'], ['assistance_officer'], '朝阳区民政局');
    clerk = await staffAt(server.url, ['110105'], ['funeral_staff'], '朝阳区惠民殡仪馆');
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the county opens a 丧葬补助 from the 社会救助 inbox and grants it', async () => {
    const family = await loginCitizen(server.url);
    const { body: started } = await request(server.url)
      .post('/api/funeral/checklists')
      .set(family.auth)
      .send({ deceasedName: '张德明', deathDate: '2026-12-05', deathPlace: 'home', divisionCode: '110105001001' })
      .expect(201);
    const { body: applied } = await request(server.url)
      .post(`/api/funeral/checklists/${started.checklist.id}/subsidy`)
      .set(family.auth)
      .send({ applicantName: '张小红', relation: '子女' })
      .expect(201);

    await signIn(page, server.url, county.username, PASSWORD);
    await openMenu('社会救助', '待办案件');
    const link = page.getByTestId(`case-${applied.number}`);
    await link.waitFor({ timeout: 60_000 });
    await page.locator('tr', { has: link }).getByText('丧葬补助').waitFor();
    await link.click();
    await page.getByText(`丧葬补助 · ${applied.number}`).waitFor({ timeout: 30_000 });
    await page.getByTestId('current').getByText('县级民政部门审核').waitFor();
    assert.equal(await page.getByText('未找到该页面或记录').count(), 0);
    await screenshot(page, 'funeral-subsidy-case');

    await page.getByTestId('actions').getByText('批准发放丧葬补助').click();
    await page.getByTestId('field-amountCents').getByText('金额（元）').waitFor();
    await page.getByTestId('field-amountCents').locator('input').fill('1500');
    await page.getByText('确认办理').click();
    await page.getByText('已办理：批准发放丧葬补助').waitFor({ timeout: 30_000 });
    const { body: after } = await request(server.url)
      .get(`/api/funeral/checklists/${started.checklist.id}`)
      .set(family.auth)
      .expect(200);
    const step = after.checklist.steps.find((s: { key: string }) => s.key === 'subsidy');
    assert.equal(step.caseStage, '已批准');
    await signOut();
  });

  it('the funeral home records charges from the published list; waivers and 您应付 as the family sees them', async () => {
    await signIn(page, server.url, clerk.username, PASSWORD);
    await openMenu('殡葬服务', '殡葬收费');
    const form = page.getByTestId('open-bill');
    await form.waitFor({ timeout: 60_000 });
    await page.getByTestId('submit-open').click();
    await form.getByText('请填写逝者姓名').waitFor();
    await form.getByLabel('逝者姓名').fill('李桂兰');
    await form.getByText('本地户籍火化基本殡葬服务费减免').click();
    await page.getByTestId('submit-open').click();
    const claim = page.getByTestId('claim-code');
    await claim.waitFor({ timeout: 30_000 });
    const claimCode = ((await claim.textContent()) ?? '').match(/家属查询码：([A-Z0-9]{8})/)![1];
    const billNo = ((await page.getByTestId('bill').locator('.ant-card-head-title').first().textContent()) ?? '')
      .replace('账单', '')
      .trim();
    assert.match(billNo, /^BZ\d{8}[A-Z0-9]{6}$/);

    const pick = async (name: string, qty: number) => {
      await page.getByTestId('fee-item').click();
      await page.locator('.ant-select-item-option', { hasText: name }).first().click();
      await page.getByTestId('fee-quantity').locator('input').fill(String(qty));
      await page.getByTestId('add-charge').click();
    };
    await pick('遗体火化', 1);
    await pick('遗体冷藏存放', 5);
    await page.getByTestId('pending-charges').getByText('遗体冷藏存放 × 5天').waitFor();
    await page.getByTestId('submit-charges').click();
    const lines = page.getByTestId('bill-lines');
    await lines.getByText('遗体冷藏存放').waitFor({ timeout: 30_000 });
    // 火化 250 waived in full; 存放 80 × 5 with 3 days waived: 400 − 240 = 160.
    await page.getByTestId('payable').getByText('您应付 160.00 元').waitFor();
    await screenshot(page, 'funeral-bill');

    const family = await loginCitizen(server.url);
    const { body } = await request(server.url)
      .post('/api/funeral/bills/claim')
      .set(family.auth)
      .send({ billNo, code: claimCode })
      .expect(200);
    assert.equal(body.bill.payableCents, 16_000);
    assert.deepEqual(
      body.bill.lines.map((l: { name: string; quantity: number }) => `${l.name}×${l.quantity}`),
      ['遗体火化×1', '遗体冷藏存放×5'],
    );
    assert.equal(body.bill.deceasedName, '李**');
    await signOut();
  });

  it('at the gate on 冬至: a 绿色通道 booking for an elder, checked in once', async () => {
    setBeijingTime(server, '2026-12-22', '06:30');
    const gate = await staffAt(server.url, ['110105'], ['funeral_staff'], '福园公墓');
    await request(server.url)
      .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
      .set(gate.auth)
      .send({ date: '2026-12-22', from: '07:00', to: '09:00', capacity: 4, greenCapacity: 2 })
      .expect(201);

    await signIn(page, server.url, gate.username, PASSWORD);
    await openMenu('殡葬服务', '祭扫核验');
    const form = page.getByTestId('green-form');
    await form.waitFor({ timeout: 60_000 });
    await page.getByTestId('green-date').fill('2026-12-22');
    await page.getByTestId('green-slot').click();
    await page.locator('.ant-select-item-option', { hasText: '07:00—08:00' }).click({ timeout: 30_000 });
    await form.getByLabel('祭扫人姓名').fill('周桂芳');
    await form.getByLabel('身份证号').fill(withCheckDigit(`11010519440315${100 + Math.floor(Math.random() * 900)}`));
    await form.getByLabel('逝者姓名').fill('周德海');
    await page.getByTestId('submit-green').click();
    const ok = page.getByTestId('green-ok');
    await ok.waitFor({ timeout: 30_000 });
    const code = ((await ok.textContent()) ?? '').match(/预约码 ([A-Z0-9]{10})/)![1];
    await ok.getByText('周**（老年人）').waitFor();
    await screenshot(page, 'funeral-green');

    await page.getByTestId('pass-code').fill(`MZ-JS:${code}`);
    await page.getByTestId('pass-code').press('Enter');
    await page.getByTestId('check-ok').getByText('核验通过，请放行 1 人').waitFor({ timeout: 30_000 });
    await page.getByTestId('check-ok').getByText('老年人').waitFor();
    await page.getByTestId('pass-code').fill(code);
    await page.getByTestId('check-in').click();
    await page
      .getByTestId('check-error')
      .getByText(/核验入园，不能重复使用/)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'funeral-gate');
    assert.deepEqual(pageErrors, []);
  });
});
