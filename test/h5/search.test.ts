import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

type Server = Awaited<ReturnType<typeof startServer>>;

const isSearch = (q: string) => (r: Response) =>
  new URL(r.url()).pathname === '/api/search' && new URL(r.url()).searchParams.get('q') === q;
const shot = (page: Page, name: string) => screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-search-${name}.png`));
const fontSize = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));

/**
 * A citizen who wants to marry types 「结婚」 into the 首页 search: the registration item, its
 * articles and more come back grouped; they open the item, and the title bar's 返回 brings them
 * back to their results. Pinyin initials, nothing found, the server failing, a shared link opened
 * on its own, an area not yet online, and 长辈模式 on the tab bar — in Chromium.
 */
describe('H5 首页 search in Chromium: grouped results, open one, back', function () {
  this.timeout(240_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const input = () => page.locator('.mz-home__search input');

  before(async () => {
    ensureFreshH5Build();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = await startServer();
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('「结婚」 shows the catalogue’s registration item and the articles, grouped under Chinese labels', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('.mz-home__areas').waitFor();
    const answer = page.waitForResponse(isSearch('结婚'));
    await input().fill('结婚');
    assert.equal((await answer).status(), 200);
    await page.locator('[data-testid="search-results"]').waitFor();
    const labels = await page.locator('.mz-search-results__group .mz-section-title').allTextContents();
    assert.ok(labels.includes('办事事项'), labels.join(','));
    assert.ok(labels.includes('政策资讯'), labels.join(','));
    const items = page.locator('.mz-search-results__group[data-kind="item"] [data-testid="search-hit"]');
    assert.match((await items.first().textContent()) ?? '', /内地居民结婚登记/);
    // The area tiles give way to the results while there is a query.
    assert.equal(await page.locator('.mz-home__areas').count(), 0);
    await shot(page, 'results');
  });

  it('opens the item with its materials, and the title bar’s 返回 brings back the results', async () => {
    await page
      .locator('.mz-search-results__group[data-kind="item"] [data-testid="search-hit"]', {
        hasText: '内地居民结婚登记',
      })
      .click();
    await page.waitForURL(/packages\/halls\/pages\/service\/index\?code=MZ-HY-01/);
    await page.getByText('《申请结婚登记声明书》').first().waitFor();
    const bar = page.locator('#taro-navigation-bar');
    await bar.waitFor();
    assert.match((await bar.getAttribute('class')) ?? '', /taro-navigation-bar-show/);
    assert.match((await bar.getAttribute('class')) ?? '', /taro-navigation-bar-back-icon/);
    await shot(page, 'item');
    await page.locator('.taro-navigation-bar-back').click();
    await page.waitForURL((u) => !u.hash.includes('packages/'));
    await page.locator('[data-testid="search-results"]').waitFor();
    assert.equal(await input().inputValue(), '结婚');
  });

  it('finds by pinyin initials and says so when nothing is found', async () => {
    const initials = page.waitForResponse(isSearch('hydj'));
    await input().fill('hydj');
    await initials;
    await page.locator('[data-testid="search-hit"]', { hasText: '婚姻登记' }).first().waitFor();

    const none = page.waitForResponse(isSearch('查无此项zzqq'));
    await input().fill('查无此项zzqq');
    await none;
    await page.getByText('没有找到相关内容').waitFor();
  });

  it('tells the citizen when the search fails, and 重试 asks again', async () => {
    let fail = true;
    await page.route('**/api/search?*', (route) =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' } }),
          })
        : route.continue(),
    );
    await input().fill('低保');
    await page.getByText('搜索暂时不可用').waitFor();
    assert.equal(await page.locator('[data-testid="search-hit"]').count(), 0);
    fail = false;
    const again = page.waitForResponse(isSearch('低保'));
    await page.locator('.nut-button', { hasText: '重试' }).click();
    assert.equal((await again).status(), 200);
    await page.locator('[data-testid="search-hit"]', { hasText: '最低生活保障申请' }).first().waitFor();
    await page.unroute('**/api/search?*');
  });

  it('an area found by name opens its own page (社区治理: its picker of communities)', async () => {
    const answer = page.waitForResponse(isSearch('社区治理'));
    await input().fill('社区治理');
    await answer;
    const hit = page.locator('.mz-search-results__group[data-kind="area"] [data-testid="search-hit"]').first();
    assert.doesNotMatch((await hit.textContent()) ?? '', /即将上线/);
    await hit.click();
    await page.waitForURL(/packages\/community\/pages\/index\/index/);
    await page.locator('[data-testid="community-picker"]').getByText('北京市', { exact: true }).waitFor();
    assert.equal(await page.getByText('即将上线').count(), 0);
    await shot(page, 'area-page');
    await page.locator('.taro-navigation-bar-back').click();
    await page.locator('[data-testid="search-results"]').waitFor();
  });

  it('a shared link opened on its own has a title bar whose 首页 button leads home', async () => {
    const other = await browser.context.newPage();
    other.on('pageerror', (e) => pageErrors.push(e.message));
    await other.goto(`${server.url}/#/packages/halls/pages/service/index?code=MZ-HY-01`);
    await other.getByText('《申请结婚登记声明书》').first().waitFor();
    const bar = other.locator('#taro-navigation-bar');
    assert.match((await bar.getAttribute('class')) ?? '', /taro-navigation-bar-home-icon/);
    await other.locator('.taro-navigation-bar-home').click();
    await other.locator('.mz-home__search').waitFor();
    await other.close();
  });

  it('长辈模式 enlarges the tab bar’s labels', async () => {
    await page.goto(`${server.url}/#/pages/mine/index`);
    await page.locator('[data-testid="elderly-switch"] .nut-switch').waitFor();
    const before = await fontSize(page, '.weui-tabbar__label');
    await page.locator('[data-testid="elderly-switch"] .nut-switch').click();
    await page.locator('.mz-mine.mz-elderly').waitFor();
    await page.waitForFunction(() => document.documentElement.classList.contains('mz-elderly-tabbar'));
    const after = await fontSize(page, '.weui-tabbar__label');
    assert.ok(after >= 16 && after >= before * 1.4, `tab label ${before}px → ${after}px`);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('mz-elderly-tabbar'));
    await shot(page, 'elderly-tabbar');
    assert.deepEqual(pageErrors, []);
  });
});
