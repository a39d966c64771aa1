import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import request from 'supertest';
import { addMember, simAccount, syncNow } from '../../server/test/matrix/helpers';
import { adminOf } from '../../server/test/social-orgs/helpers';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

type Server = Awaited<ReturnType<typeof startServer>>;

const isArticles =
  (check: (q: URLSearchParams) => boolean = () => true) =>
  (r: Response) =>
    new URL(r.url()).pathname === '/api/matrix/articles' && check(new URL(r.url()).searchParams);
const COVER = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${fill}"/><stop offset="1" stop-color="#0b4fd6"/></linearGradient></defs><rect width="600" height="400" fill="url(#g)"/></svg>`;
/** a QR-looking picture: WeChat's QR service is not reachable from here */
const QR = `<svg xmlns="http://www.w3.org/2000/svg" width="210" height="210" viewBox="0 0 21 21" shape-rendering="crispEdges"><rect width="21" height="21" fill="#fff"/>${Array.from(
  { length: 21 * 21 },
  (_, i) => ((i * 7919) % 13 < 6 ? `<rect x="${i % 21}" y="${Math.floor(i / 21)}" width="1" height="1"/>` : ''),
).join(
  '',
)}<path d="M0 0h7v7H0zM14 0h7v7h-7zM0 14h7v7H0z" fill="#000"/><path d="M1 1h5v5H1zM15 1h5v5h-5zM1 15h5v5H1z" fill="#fff"/><path d="M2 2h3v3H2zM16 2h3v3h-3zM2 16h3v3H2z" fill="#000"/></svg>`;

/** The 动态 page: the matrix feed seeded through the simulator and a sync, in Chromium. */
describe('H5 社会组织动态 and 矩阵成员 in Chromium', function () {
  this.timeout(180_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let guangdong: { id: number };
  const pageErrors: string[] = [];
  const tag = randomBytes(2).toString('hex').toUpperCase();
  const national = [
    `民政部部署${tag}社会组织年检工作`,
    `${tag}打击整治非法社会组织专项行动取得阶段性成效`,
    `${tag}全国性社会组织信用信息公开指引发布`,
  ];

  before(async () => {
    ensureFreshH5Build();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = await startServer();
    const admin = await adminOf(server.url);
    const member = async (name: string, level: string, divisionCode: string, category: string, articles: object) => {
      const acc = await simAccount(server.url);
      await request(server.url)
        .post('/__wechat__/dev/freepublish/articles')
        .send({ appid: acc.appid, ...articles })
        .expect(200);
      return addMember(server.url, admin.auth, {
        name,
        appid: acc.appid,
        secret: acc.secret,
        level,
        divisionCode,
        category,
        originalId: `gh_${randomBytes(6).toString('hex')}`,
      });
    };
    await member(`中国社会组织动态${tag}`, 'national', '100000', '登记管理机关', {
      articles: national.map((title) => ({ title, digest: `${title}，请各地社会组织登记管理机关认真贯彻落实。` })),
    });
    guangdong = await member(`广东社会组织${tag}`, 'provincial', '440000', `省级机关${tag}`, {
      count: 22,
      titlePrefix: `广东社会组织${tag}动态`,
    });
    await syncNow(server, admin.auth);

    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    let n = 0;
    const fills = ['#4dabf7', '#63e6be', '#ffa94d', '#b197fc'];
    await browser.context.route('https://mmbiz.qpic.cn/**', (route) =>
      route.fulfill({ contentType: 'image/svg+xml', body: COVER(fills[n++ % fills.length]) }),
    );
    await browser.context.route('https://open.weixin.qq.com/**', (route) =>
      route.fulfill({ contentType: 'image/svg+xml', body: QR }),
    );
    await browser.context.route('https://mp.weixin.qq.com/**', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<h1>文章</h1>' }),
    );
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const titles = () => page.locator('.so-news__hero-title, .so-article__title').allTextContents();

  it('shows the seeded articles newest first, with covers', async () => {
    const first = page.waitForResponse(isArticles());
    await page.goto(`${server.url}/#/packages/social-orgs/pages/news/index`);
    assert.equal((await first).status(), 200);
    await page.locator('.so-news__hero').waitFor();
    const cover = page.locator('.so-news__hero-img img, img.so-news__hero-img').first();
    await page.waitForFunction(() => {
      const img = document.querySelector('.so-news__hero img, img.so-news__hero-img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    assert.ok(await cover.count());
    await page.locator('[data-filter="category"] [data-value="登记管理机关"]').waitFor();
    await screenshotWholePage(page, path.join(ARTIFACTS_DIR, 'h5-matrix-news.png'));
  });

  it('filters by category and searches by keyword', async () => {
    const answer = page.waitForResponse(isArticles((q) => q.get('category') === '登记管理机关'));
    await page.locator('[data-filter="category"] [data-value="登记管理机关"]').click();
    await answer;
    await page.locator('.so-article__title, .so-news__hero-title', { hasText: national[0] }).first().waitFor();
    const shown = await titles();
    assert.ok(
      national.every((t) => shown.some((s) => s.includes(t))),
      shown.join(' | '),
    );
    assert.ok(!shown.some((s) => s.includes(`广东社会组织${tag}`)));

    await page.locator('.so-news__search input').fill(`${tag}打击整治`);
    const searched = page.waitForResponse(isArticles((q) => q.get('q') === `${tag}打击整治`));
    await page.locator('[data-testid="news-search"]').click();
    await searched;
    await page.waitForFunction(() => document.querySelectorAll('.so-article').length === 1);
    assert.deepEqual(
      (await titles()).map((t) => t.trim()),
      [national[1]],
    );
  });

  it('loads further pages as the citizen scrolls (one account, 22 articles)', async () => {
    await page.locator('.so-news__search input').fill('');
    const cleared = page.waitForResponse(isArticles((q) => !q.get('q') && q.get('category') === '登记管理机关'));
    await page.locator('[data-testid="news-search"]').click();
    await cleared;
    const p1 = page.waitForResponse(isArticles((q) => q.get('category') === `省级机关${tag}` && q.get('page') === '1'));
    await page.locator(`[data-filter="category"] [data-value="省级机关${tag}"]`).click();
    await p1;
    await page.waitForFunction(() => document.querySelectorAll('.so-news__hero, .so-article').length === 10);
    for (const [next, count] of [
      ['2', 20],
      ['3', 22],
    ] as const) {
      let arrived = false;
      const more = page.waitForResponse(isArticles((q) => q.get('page') === next)).then(() => {
        arrived = true;
      });
      // Scroll as a citizen does, again if the first flick came before the list had grown. Taro
      // fires onReachBottom only on the way into the bottom zone: after the 1-item search the page
      // sat at its bottom, so the flick goes up first and lets a frame pass there (two settings of
      // scrollTop in one task make one scroll event, at the bottom, and nothing fired).
      for (let i = 0; i < 40 && !arrived; i++) {
        await page.evaluate(async () => {
          const shown = Array.from(document.querySelectorAll('.taro_page')).filter(
            (p) => getComputedStyle(p).display !== 'none',
          );
          const scroller = (shown[shown.length - 1] as HTMLElement) ?? document.scrollingElement!;
          scroller.scrollTop = 0;
          window.scrollTo(0, 0);
          // (inline: a named helper here would be compiled with esbuild's __name, unknown in the page)
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          scroller.scrollTop = scroller.scrollHeight;
          window.scrollTo(0, document.body.scrollHeight);
        });
        await page.waitForTimeout(250);
      }
      await more;
      await page.waitForFunction((n) => document.querySelectorAll('.so-news__hero, .so-article').length === n, count);
    }
    await page.locator('[data-testid="load-more"]', { hasText: '没有更多了' }).waitFor();
    assert.equal(new Set(await titles()).size, 22);
  });

  it('opens an article in a new tab', async () => {
    const popup = browser.context.waitForEvent('page');
    await page.locator('.so-article').first().click();
    const tab = await popup;
    await tab.waitForLoadState();
    assert.match(tab.url(), /^https:\/\/mp\.weixin\.qq\.com\/s\//);
    await tab.close();
  });

  it('lists the member accounts with a follow QR each', async () => {
    const members = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/matrix/members');
    await page.goto(`${server.url}/#/packages/social-orgs/pages/matrix-members/index`);
    await members;
    const gd = page.locator(`[data-member="${guangdong.id}"]`);
    await gd.waitFor();
    assert.match((await gd.textContent())!, new RegExp(`广东社会组织${tag}`));
    const qr = await gd.locator('img').first().getAttribute('src');
    assert.match(qr!, /^https:\/\/open\.weixin\.qq\.com\/qr\/code\?username=gh_/);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.so-members__qr img, img.so-members__qr')).every(
        (i) => (i as HTMLImageElement).naturalWidth > 0,
      ),
    );
    await screenshotWholePage(page, path.join(ARTIFACTS_DIR, 'h5-matrix-members.png'));
    assert.deepEqual(pageErrors, []);
  });

  it('shows a quiet placeholder, not a broken picture, where a cover does not load', async () => {
    // WeChat's picture addresses expire: every cover now answers 404.
    await page.route('https://mmbiz.qpic.cn/**', (route) => route.fulfill({ status: 404, body: '' }));
    try {
      await page.goto(`${server.url}/#/packages/social-orgs/pages/news/index`);
      await page.reload();
      await page.locator('.so-news__hero [data-cover="fallback"]').waitFor();
      await page.locator('.so-article [data-cover="fallback"]').first().waitFor();
      const broken = await page.evaluate(
        () =>
          // (a lazy picture not yet in view has no address yet: it is not broken)
          Array.from(document.querySelectorAll<HTMLImageElement>('.so-news__hero img, .so-article img')).filter(
            (i) => i.getAttribute('src') && i.complete && i.naturalWidth === 0,
          ).length,
      );
      assert.equal(broken, 0, 'no broken-image box is left on the page');
      assert.equal(await page.locator('.so-news__hero [data-cover="fallback"]').textContent(), '民政');
      // The title bar has room for the whole title (Taro's own style cut it to 「社会组…」).
      const title = page.locator('.taro-navigation-bar-title');
      assert.equal((await title.textContent())?.trim(), '社会组织动态');
      assert.ok(await title.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the title is not cut off');
      await screenshotWholePage(page, path.join(ARTIFACTS_DIR, 'h5-matrix-news-no-covers.png'));
    } finally {
      await page.unroute('https://mmbiz.qpic.cn/**');
    }
    assert.deepEqual(pageErrors, []);
  });
});
