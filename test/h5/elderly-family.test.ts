import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import type { PlaceInput } from '../../server/src/modules/elderly';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

type Server = Awaited<ReturnType<typeof startServer>>;

const isApi =
  (p: string, method = 'GET') =>
  (r: Response) =>
    new URL(r.url()).pathname === p && r.request().method() === method;
const shot = (page: Page, name: string) =>
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-elderly-family-${name}.png`));
/** Beijing's date `days` from today ('YYYY-MM-DD'), whatever the machine's zone. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const ADMIN = { id: 0, username: 'seed', roles: ['admin' as const], scope: { divisions: [''], halls: [] } };

/**
 * A son whose 88-year-old mother has no phone, in the H5 build: he asks for the family link on
 * 亲属绑定; she takes her ID card to the 街道's window, where staff confirm it; his page shows the
 * link confirmed at the window. He orders tomorrow's lunch for her at the 助餐点 — the server's
 * 您应付 with the 朝阳 subsidy —, sees her pickup QR and code, then books her 能力评估 at an
 * institution; each page shows it was for her.
 */
describe('H5 养老服务: 亲属绑定 → 助餐 for the parent → 能力评估 booking, in Chromium', function () {
  this.timeout(240_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let token = '';
  let linkId = 0;
  const pageErrors: string[] = [];
  const tag = String(randomInt(1000, 9999));
  const station = `幸福助餐点${tag}`;
  const institution = `颐康养老院${tag}`;
  const ids: Record<string, number> = {};
  const motherId = withCheckDigit(`11010519380214${randomInt(100, 999)}`);
  const tomorrow = beijingDay(1);

  const place = (name: string, kind: PlaceInput['kind']): PlaceInput => ({
    kind,
    name,
    divisionCode: '110105001002',
    address: '北京市朝阳区建外街道测试路2号',
    lat: 39.9,
    lng: 116.45,
    phone: '010-65000000',
    hours: '08:00-18:00',
    beds: kind === 'institution' ? 40 : 0,
    vacancies: kind === 'institution' ? 3 : 0,
    careLevels: ['intact', 'mild', 'moderate'],
    stars: 3,
    intro: '测试',
    fees: [{ item: '午餐', unit: '元/份', priceCents: 1500 }],
  });

  before(async () => {
    ensureFreshH5Build();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = await startServer();
    const api = server.app.modules.elderly;
    ids.station = await api.registerPlace(place(station, 'meal_point'));
    ids.institution = await api.registerPlace(place(institution, 'institution'));
    await api.meals.setRule(ADMIN, '110105', { minAge: 60, perMealCents: 500, assessedPerMealCents: 800 });
    await api.meals.setDayMenu(ADMIN, ids.station, tomorrow, {
      meals: [{ slot: 'lunch', dishes: '清蒸鲈鱼、炒青菜、米饭', priceCents: 1500, portions: 20, cutoff: '09:30' }],
    });
    await api.assessment.setSlots(ADMIN, ids.institution, tomorrow, {
      periods: [
        { period: 'am', capacity: 3 },
        { period: 'pm', capacity: 0 },
      ],
    });
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the link on 亲属绑定; the window confirms it for the mother; the page says so', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
    await page.goto(`${server.url}/#/packages/elderly/pages/family/index`);
    token = (await (await login).json()).token;
    const bound = await fetch(`${server.url}/api/me/identity`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '周文斌', idNumber: withCheckDigit(`11010519700305${randomInt(100, 999)}`) }),
    });
    assert.equal(bound.status, 200);
    await page.reload();
    await page.locator('[data-testid="no-links"]').waitFor({ timeout: 60_000 });
    await page
      .locator('[data-testid="hall-hint"]')
      .getByText(/服务大厅/)
      .waitFor();

    await page.locator('[data-field="name"] input').fill('周桂兰');
    await page.locator('[data-field="idNumber"] input').fill(motherId);
    await page.locator('[data-filter="relation"] [data-value="parent"]').click();
    const asked = page.waitForResponse(isApi('/api/elderly/family-links', 'POST'));
    await page.locator('[data-testid="ask-link"]').click();
    const res = await asked;
    assert.equal(res.status(), 201);
    linkId = (await res.json()).id;
    await page
      .locator(`[data-testid="links"] [data-id="${linkId}"][data-status="pending"]`)
      .waitFor({ timeout: 30_000 });

    // She has no phone: at the window, staff check her ID card and confirm (the console's page).
    await server.app.modules.elderly.family.confirmAtHall(ADMIN, linkId, { idNumber: motherId, name: '周桂兰' });
    await page.reload();
    const link = page.locator(`[data-testid="links"] [data-id="${linkId}"][data-status="confirmed"]`);
    await link.waitFor({ timeout: 60_000 });
    assert.match((await link.textContent()) ?? '', /父母 周\*\*.*窗口工作人员核对身份证后确认/);
    await shot(page, 'linked');
  });

  it("orders tomorrow's lunch for her with the subsidy, and shows her pickup QR", async () => {
    await page.goto(`${server.url}/#/packages/elderly/pages/meals/index?placeId=${ids.station}`);
    await page.locator('[data-testid="menus"]').getByText(station).waitFor({ timeout: 60_000 });
    await page.locator(`[data-filter="for"] [data-value="${linkId}"]`).click();
    await page.locator('[data-testid="meal"]').first().click();
    const quote = page.locator('[data-testid="quote"]');
    await quote.locator('[data-testid="pay"]').getByText('您应付 10元').waitFor({ timeout: 30_000 });
    assert.match((await quote.textContent()) ?? '', /用餐人 周\*\*.*补贴5元/);
    const ordered = page.waitForResponse(isApi('/api/elderly/meal-orders', 'POST'));
    await page.locator('[data-testid="order"]').click();
    const body = (await ordered).request().postDataJSON();
    assert.deepEqual(body, { menuId: body.menuId, linkId });

    const row = page.locator('[data-testid="order-row"]').first();
    await row.locator('[data-testid="pickup"]').waitFor({ timeout: 30_000 });
    assert.match((await row.textContent()) ?? '', /用餐人 周\*\*（我为家人订）.*应付10元/);
    assert.match((await row.locator('[data-testid="pickup-code"]').textContent()) ?? '', /取餐码 \d+-[0-9A-F]{8}/);
    const qr = await row.locator('[data-testid="pickup"] img').getAttribute('src');
    assert.match(qr ?? '', /^data:image\/png;base64,/);
    await shot(page, 'meal');
  });

  it('books her 能力评估 at the institution, and lists it under her name', async () => {
    await page.goto(`${server.url}/#/packages/elderly/pages/assessment/index?placeId=${ids.institution}`);
    await page.locator('[data-testid="slot"]').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="no-assessments"]').waitFor();
    await page.locator(`[data-filter="for"] [data-value="${linkId}"]`).click();
    await page.locator('[data-testid="slot"]').first().locator('.nut-button', { hasText: '预约（余3）' }).click();
    const booked = page.waitForResponse(isApi('/api/elderly/assessments', 'POST'));
    await page.getByText('确认预约', { exact: true }).last().click();
    const res = await booked;
    assert.equal(res.status(), 201);
    assert.equal(res.request().postDataJSON().linkId, linkId);
    const mine = page.locator('[data-testid="assessments"] .el-case').first();
    await mine.waitFor({ timeout: 30_000 });
    assert.match((await mine.textContent()) ?? '', new RegExp(`周\\*\\* · ${institution}`));
    await page.locator('[data-testid="slot"]').first().getByText('预约（余2）').waitFor({ timeout: 30_000 });
    await shot(page, 'assessment');
    assert.deepEqual(pageErrors, []);
  });
});
