import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
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
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-elderly-${name}.png`));

/**
 * A daughter looks for a place for her mother who needs a lot of care: 养老服务 in the H5 build,
 * filtered by level and free beds, one place's fee list; then her 86-year-old father, real-named,
 * finds 高龄津贴 offered and confirms it with one tap; 长辈模式 makes it all larger.
 */
describe('H5 养老服务: directory → place → 高龄津贴 one tap, in Chromium', function () {
  this.timeout(240_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const tag = String(randomInt(1000, 9999));
  const full = `测试护理院${tag}`;
  const free = `测试照料中心${tag}`;

  before(async () => {
    ensureFreshH5Build();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = await startServer();
    const api = server.app.modules.elderly;
    const base = {
      kind: 'institution' as const,
      divisionCode: '110105001003',
      address: '北京市朝阳区建外街道测试路1号',
      lat: 39.9,
      lng: 116.45,
      phone: '010-65000000',
      hours: '全天24小时',
      beds: 50,
      stars: 4,
      intro: '测试用机构',
    };
    await api.registerPlace({
      ...base,
      name: full,
      vacancies: 0,
      careLevels: ['severe', 'total'],
      fees: [{ item: '床位费', unit: '元/月', priceCents: 310_000 }],
    });
    await api.registerPlace({
      ...base,
      name: free,
      vacancies: 6,
      careLevels: ['moderate', 'severe', 'total'],
      fees: [
        { item: '床位费（双人间）', unit: '元/月', priceCents: 280_000 },
        { item: '护理费（完全失能）', unit: '元/月', priceCents: 420_000 },
        { item: '押金', unit: '元/次', priceCents: 500_000, note: '退住时结清退还' },
      ],
    });
    await api.allowance.setRule(
      { id: 0, username: 'seed', roles: ['admin'], scope: { divisions: [''], halls: [] } },
      '11',
      [
        { minAge: 80, monthlyCents: 10_000 },
        { minAge: 90, monthlyCents: 50_000 },
      ],
    );
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('filters the directory by level and free beds, and opens a place with its fee list', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
    await page.goto(`${server.url}/#/packages/elderly/pages/index/index`);
    const { token } = await (await login).json();
    await page.locator('[data-testid="place"]').first().waitFor({ timeout: 60_000 });

    const filtered = page.waitForResponse(
      (r) => isApi('/api/elderly/places')(r) && new URL(r.url()).searchParams.get('careLevel') === 'total',
    );
    await page.locator('[data-filter="level"] [data-value="total"]').click();
    await filtered;
    await page.locator('[data-testid="place"]', { hasText: full }).waitFor();
    const onlyFree = page.waitForResponse(
      (r) => isApi('/api/elderly/places')(r) && new URL(r.url()).searchParams.get('hasVacancy') === 'true',
    );
    await page.locator('[data-filter="vacancy"] [data-value="free"]').click();
    await onlyFree;
    const card = page.locator('[data-testid="place"]', { hasText: free });
    await card.waitFor();
    assert.equal(await page.locator('[data-testid="place"]', { hasText: full }).count(), 0, 'no free bed: hidden');
    assert.match((await card.textContent()) ?? '', /2800元起.*空余床位6张/);
    await shot(page, 'directory');

    await card.click();
    const fees = page.locator('[data-testid="fees"]');
    await fees.getByText('护理费（完全失能）').waitFor({ timeout: 30_000 });
    assert.match((await fees.textContent()) ?? '', /4200元\/月/);
    await fees.getByText('退住时结清退还').waitFor();
    await shot(page, 'place');

    // The father's real name, bound as mine.test.ts shows in the browser; here through the API.
    const idNumber = withCheckDigit(`11010519400315${randomInt(100, 999)}`);
    const bound = await fetch(`${server.url}/api/me/identity`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '王德福', idNumber }),
    });
    assert.equal(bound.status, 200);
  });

  it('offers 高龄津贴 to the 86-year-old, who confirms with one tap', async () => {
    await page.goto(`${server.url}/#/packages/elderly/pages/allowance/index`);
    const offer = page.locator('[data-testid="offer"][data-status="eligible"]');
    await offer.waitFor({ timeout: 60_000 });
    assert.match((await offer.textContent()) ?? '', /每月100元/);
    await page.locator('[data-testid="no-cases"]').waitFor();

    await page.locator('[data-testid="confirm"]').click();
    const posted = page.waitForResponse(isApi('/api/elderly/age-allowance', 'POST'));
    await page.getByText('确认领取', { exact: true }).last().click();
    assert.equal((await posted).status(), 201);
    await page.locator('[data-testid="offer"][data-status="claimed"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="cases"]').getByText('县级审核').waitFor();
    await shot(page, 'allowance-claimed');
  });

  it('is larger in 长辈模式', async () => {
    const size = () =>
      page
        .locator('[data-testid="offer"] .el-offer__text')
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.evaluate(() => localStorage.setItem('mz.elderlyMode', JSON.stringify({ data: true })));
    await page.reload();
    await page.locator('.el-allowance.mz-elderly [data-testid="offer"]').waitFor({ timeout: 60_000 });
    assert.ok((await size()) > before, 'larger type in 长辈模式');
    await shot(page, 'allowance-elderly');
    await page.evaluate(() => localStorage.removeItem('mz.elderlyMode'));
    assert.deepEqual(pageErrors, []);
  });
});
