import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';
import { staffAt } from '../../server/test/cases/support';
import { ownDatabase } from '../support/db';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, type Browser, openBrowser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

const isApi =
  (re: RegExp, method = 'GET') =>
  (r: Response) =>
    re.test(new URL(r.url()).pathname) && r.request().method() === method;
const shot = (page: Page, name: string) =>
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-places-wanderers-${name}.png`));

const GIF_1PX = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A name a 东城区 officer announces, with its history and an article on its origin. */
const jinyu = {
  action: 'name',
  name: '金鱼胡同',
  pinyin: 'Jinyu Hutong',
  category: 'transport',
  divisionCode: '110101',
  location: '东城区王府井大街东侧，东起东单北大街',
  lng: 116.4108,
  lat: 39.913,
  meaning: '明代称金鱼胡同，因胡同内曾有售卖金鱼的市场而得名',
  history: '明代已有此名，属澄清坊；清代属镶白旗；1965年整顿地名时沿用至今',
  approvalBody: '北京市东城区人民政府',
  approvalDate: '2024-03-15',
};

/**
 * Two 民政 services in the H5 build, in Chromium against the real server (its own database: the
 * name search reads a whole prefix):
 * - 区划地名: a standard name found by its Chinese and by its pinyin prefix, its page with the map pin,
 *   含义, 历史沿革 and its 地名文化 article; an abolished code answers with what replaced it, a code that
 *   never existed says so.
 * - 易走失人员登记: a daughter registers her mother — the home picked 北京市 → … → 朝阳区 → a 街道, a photo
 *   chosen and sent after the registration —; a GIF offered as a photo is refused in Chinese; every
 *   page in 长辈模式.
 */
describe('H5 区划地名 and 易走失人员登记 in Chromium', function () {
  this.timeout(300_000);
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let nameId: number;
  const pageErrors: string[] = [];

  before(async () => {
    ensureFreshH5Build();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = await startServer({ DATABASE_URL: await ownDatabase('h5_places_wanderers') });
    const officer = await staffAt(server.url, ['110101'], ['placename_officer'], '东城地名办');
    const { body } = await request(server.url)
      .post('/api/staff/place-names/announcements')
      .set(officer.auth)
      .send(jinyu)
      .expect(201);
    nameId = body.placeNameId;
    await request(server.url)
      .post(`/api/staff/place-names/${nameId}/culture`)
      .set(officer.auth)
      .send({
        title: '金鱼胡同的由来',
        body: '金鱼胡同因明代胡同内有金鱼市场而得名，清代多王府宅第，民国时为东安市场北口的热闹街巷。',
        source: '《北京胡同志》',
      })
      .expect(201);
    // A woman in 朝阳区's care, for the family's search below to find.
    const station = await staffAt(server.url, ['110105'], ['station_staff'], '朝阳救助站');
    await request(server.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send({
        sex: 'female',
        ageMin: 74,
        ageMax: 80,
        accent: '河北保定口音',
        features: '左脸颊有黑痣',
        stationName: '朝阳区救助管理站',
        stationContact: '010-87654321',
        stationDivisionCode: '110105',
        foundDate: '2026-11-20',
        foundDivisionCode: '110105',
        foundPlace: '朝阳公园南门',
      })
      .expect(201);
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const button = (text: string, scope: Page | ReturnType<Page['locator']> = page) =>
    scope.locator('.nut-button').filter({ hasText: new RegExp(`^${text}$`) });
  const visit = async (route: string) => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/packages/${route}`);
  };

  it('finds 金鱼胡同 by 金鱼 and by jinyu, says when nothing starts so', async () => {
    await visit('divisions/pages/index/index');
    const input = page.locator('input[placeholder^="输入地名或拼音开头"]');
    const results = page.locator('[data-testid="place-name"]');
    for (const q of ['金鱼', 'jinyu', 'JinYu', 'jyht']) {
      await input.fill(q);
      await button('检索').click();
      await results.filter({ hasText: '金鱼胡同' }).waitFor({ timeout: 60_000 });
      assert.deepEqual(await results.locator('.mz-divisions__full').allInnerTexts(), ['金鱼胡同 Jinyu Hutong'], q);
    }
    await input.fill('胡同');
    await button('检索').click();
    await page.getByText('没有找到该地名').waitFor({ timeout: 60_000 });
    await input.fill('');
    await button('检索').click();
    await page.getByText('请输入地名或拼音的开头').waitFor();
  });

  it('opens the name’s page: spelling, the pin at its coordinates, 含义, 历史沿革 and 地名文化', async () => {
    await page.locator('input[placeholder^="输入地名或拼音开头"]').fill('jinyu');
    await button('检索').click();
    await page.locator('[data-testid="place-name"]', { hasText: '金鱼胡同' }).click({ timeout: 60_000 });
    await page.locator('.mz-place__name', { hasText: '金鱼胡同' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.mz-place__pinyin').innerText(), 'Jinyu Hutong');
    const pin = page.locator('[data-testid="place-pin"]');
    await pin.getByText('北纬 39.9130°，东经 116.4108°').waitFor();
    await pin.getByText('金鱼胡同').waitFor();
    // the pin sits where Beijing is on the grid of China: right of centre, upper third
    const left = Number.parseFloat(await pin.locator('.mz-place__pin').evaluate((n) => (n as HTMLElement).style.left));
    const top = Number.parseFloat(await pin.locator('.mz-place__pin').evaluate((n) => (n as HTMLElement).style.top));
    assert.ok(left > 60 && left < 80 && top > 30 && top < 50, `pin at ${left}% / ${top}%`);
    const place = page.locator('.mz-place');
    await place.getByText(jinyu.history, { exact: true }).waitFor();
    await place.getByText(jinyu.meaning, { exact: true }).waitFor();
    await place.getByText('批准机关：北京市东城区人民政府（2024-03-15）').waitFor();
    const article = page.locator('[data-testid="culture-article"]');
    await article.getByText('金鱼胡同的由来').waitFor();
    await article.getByText('资料来源：《北京胡同志》').waitFor();
    await shot(page, 'place');
  });

  it('answers an abolished code with what replaced it, and a code that never existed with why', async () => {
    await visit('divisions/pages/index/index');
    const code = page.locator('input[placeholder^="输入6、9或12位区划代码"]');
    await code.fill('110103');
    await button('查询').click();
    const result = page.locator('[data-testid="division-lookup"]');
    await result.waitFor({ timeout: 60_000 });
    const text = await result.innerText();
    assert.match(text, /崇文区/);
    assert.match(text, /2010-07-0\d 起撤销，现属：北京市东城区（110101）/);
    await code.fill('110199');
    await button('查询').click();
    await page.locator('.mz-divisions__error', { hasText: '从未设立过这一代码' }).waitFor({ timeout: 60_000 });
  });

  it('registers a relative: the home picked down to a 街道, a photo sent after the registration', async () => {
    await visit('family-search/pages/wanderers/index');
    await page.getByText('暂无登记').waitFor({ timeout: 60_000 });
    const field = (name: string) => page.locator(`[data-field="${name}"] input`);
    await field('name').fill('孙桂芝');
    await field('birthYear').fill('1946');
    await page.locator('[data-field="sex"] .nut-button', { hasText: '女' }).click();
    await field('heightCm').fill('152');
    await field('accent').fill('北京口音');
    await field('features').fill('左脸颊有黑痣，走路略跛');
    await page.locator('[data-field="condition"] .nut-button', { hasText: '认知障碍（失智）' }).click();

    // Submitting without a home says so, on the field, and sends nothing.
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/family-search/wanderers') posts++;
    });
    await button('提交登记').click();
    await page.locator('[data-field="homeDivisionCode"]', { hasText: '请选择居住地，至少到县区' }).waitFor();
    assert.equal(posts, 0);

    const home = page.locator('[data-field="homeDivisionCode"]');
    await button('选择', home).click();
    const item = (name: string | RegExp) =>
      home
        .locator('.mz-division-picker__item')
        .filter({ has: page.locator('.mz-division-picker__name', { hasText: name }) });
    await item(/^北京市$/)
      .first()
      .click({ timeout: 60_000 });
    await home.locator('.mz-division-picker__crumb', { hasText: '北京市' }).waitFor();
    await home.locator('.mz-division-picker__item').first().click({ timeout: 60_000 }); // the city level (市辖区)
    await item('朝阳区').click({ timeout: 60_000 });
    const street = home.locator('.mz-division-picker__item').first();
    await street.waitFor({ timeout: 60_000 });
    const streetName = (await street.locator('.mz-division-picker__name').innerText()).trim();
    await street.click();
    const chosen = await page.locator('[data-testid="home-division"]').innerText();
    assert.match(chosen, new RegExp(`^北京市 / .+ / 朝阳区 / ${streetName}$`));

    await field('homePlace').fill('光华路5号院3号楼');
    await field('guardianName').fill('孙建国');
    await field('guardianPhone').fill('13700001111');

    const jpeg = await sharp({
      create: { width: 120, height: 160, channels: 3, background: { r: 180, g: 150, b: 120 } },
    })
      .jpeg()
      .withExif({ IFD0: { Make: 'GuardianPhone' } })
      .toBuffer();
    const chooser = page.waitForEvent('filechooser');
    await page.locator('[data-testid="photo-actions"] .nut-button', { hasText: '添加照片' }).click();
    await (await chooser).setFiles({ name: 'mum.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('[data-testid="photo-preview"]').waitFor();

    await button('提交登记').click();
    await page
      .locator('[data-field="consent"] ~ .mz-wanderers__warn, .mz-wanderers__warn', { hasText: '请阅读并同意登记授权' })
      .waitFor();
    assert.equal(posts, 0, 'nothing sent without consent');
    await page.locator('[data-field="consent"]').click();
    await shot(page, 'form');
    const uploaded = page.waitForResponse(isApi(/^\/api\/family-search\/wanderers\/\d+\/photo$/, 'POST'), {
      timeout: 90_000,
    });
    await button('提交登记').click();
    assert.equal((await uploaded).status(), 200);
    await page.locator('.mz-wanderers__notice', { hasText: '已登记。救助管理站查寻到相符人员时' }).waitFor();
    const card = page.locator('[data-testid="wanderer"]');
    await card.getByText('孙**（女，1946年生）').waitFor({ timeout: 60_000 });
    await card.getByText('照片：已上传').waitFor();
    assert.equal(posts, 1);

    const token = await page.evaluate(
      () => JSON.parse(localStorage.getItem('mz.token') ?? 'null')?.data ?? localStorage.getItem('mz.token'),
    );
    const mine = await request(server.url)
      .get('/api/family-search/wanderers')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    assert.equal(mine.body.items.length, 1);
    assert.match(mine.body.items[0].homeDivisionCode, /^110105\d{3}$/, 'the 街道 picked, 9 digits');
    assert.equal(mine.body.items[0].hasPhoto, true);
    assert.equal(mine.body.items[0].guardian.phone, '137****1111');
    await shot(page, 'registered');
  });

  it('refuses a GIF offered as a new photo, in Chinese, and keeps the one on record', async () => {
    // (the browser itself will not hand over a file that is no picture at all; the server takes JPG, PNG, WEBP)
    const chooser = page.waitForEvent('filechooser');
    await page.locator('[data-testid="wanderer"] .nut-button', { hasText: '更换照片' }).click();
    const refused = page.waitForResponse(isApi(/^\/api\/family-search\/wanderers\/\d+\/photo$/, 'POST'));
    await (await chooser).setFiles({ name: 'mum.gif', mimeType: 'image/gif', buffer: GIF_1PX });
    assert.equal((await refused).status(), 400);
    await page.locator('.mz-wanderers__notice', { hasText: /^照片未能上传：.*图片/ }).waitFor();
    await page.locator('[data-testid="wanderer"]').getByText('照片：已上传').waitFor();
  });

  it('a family describes who they look for and sees the notice ranked with its reasons', async () => {
    await visit('family-search/pages/index/index');
    await button('寻找走失家人').click({ timeout: 60_000 });
    await page.getByText('尚未登记寻找对象').waitFor({ timeout: 60_000 });
    const field = (name: string) => page.locator(`.mz-fsearch [data-field="${name}"] input`);
    await page.locator('.mz-fsearch [data-field="sex"] .nut-button', { hasText: '女' }).click();
    await field('accent').fill('河北保定口音');
    await field('features').fill('左脸颊有黑痣');
    await field('ageMin').fill('75');
    await field('ageMax').fill('78');
    await field('lastSeenDate').fill('2026-11-18');
    const where = page.locator('.mz-fsearch [data-field="lastSeenDivisionCode"]');
    await button('选择', where).click();
    const item = (name: string | RegExp) =>
      where
        .locator('.mz-division-picker__item')
        .filter({ has: page.locator('.mz-division-picker__name', { hasText: name }) });
    await item(/^北京市$/)
      .first()
      .click({ timeout: 60_000 });
    await where.locator('.mz-division-picker__crumb', { hasText: '北京市' }).waitFor();
    await where.locator('.mz-division-picker__item').first().click({ timeout: 60_000 });
    await item('朝阳区').click({ timeout: 60_000 });
    await field('lastSeenPlace').fill('朝阳区三里屯');
    await button('登记并查找').click();
    const match = page.locator('[data-testid="family-match"]', { hasText: '朝阳公园南门' });
    await match.waitFor({ timeout: 60_000 });
    const text = (await match.textContent()) ?? '';
    assert.match(text, /相似度 \d+/);
    assert.match(text, /性别、年龄段、口音相符/);
    await page.locator('.mz-fsearch__notice', { hasText: '已登记' }).waitFor();
    await shot(page, 'family-search');
  });

  it('shows every page of both in 长辈模式', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/pages/mine/index`);
    await page.locator('[data-testid="elderly-switch"] .nut-switch').click({ timeout: 60_000 });
    await page.locator('.mz-mine.mz-elderly').waitFor();
    for (const [route, root] of [
      ['divisions/pages/index/index', '.mz-divisions'],
      [`divisions/pages/place/index?id=${nameId}`, '.mz-place'],
      ['family-search/pages/index/index', '.mz-family'],
      ['family-search/pages/wanderers/index', '.mz-wanderers'],
      ['family-search/pages/search/index', '.mz-fsearch'],
    ]) {
      await visit(route);
      await page.locator(`${root}.mz-elderly`).waitFor({ timeout: 60_000 });
    }
    await shot(page, 'wanderers-elderly');
    assert.deepEqual(pageErrors, []);
  });
});
