import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginCitizen } from '../support/citizen';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

/**
 * A 救助管理站 officer in the console: reads a lead in the inbox (name masked), follows the
 * notice up from 有线索 to 线索核实 and closes it as 已团聚 — it leaves the public search; a
 * station of another city never sees it. A 地名 officer names a new place through the form and
 * finds it in the register of their district; a 海淀 officer's register does not show it.
 */
describe('Console in Chromium: a station follows up leads and closes a case; a place-name officer names a place', function () {
  this.timeout(300_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let noticeId: number;
  let adminToken: string;
  const tag = Date.now().toString(36);
  const station = { username: `fs.st${tag}`, password: 'Station-staff-2026' };
  const officer = { username: `pn.of${tag}`, password: 'Placename-off-2026' };
  const pageErrors: string[] = [];

  const account = (
    who: { username: string; password: string },
    displayName: string,
    roles: string[],
    divisions: string[],
  ) =>
    json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token: adminToken,
      body: { ...who, displayName, roles, scope: { divisions, halls: [] } },
    });

  const openNav = async (area: string, label: string) => {
    const nav = page.getByTestId('nav');
    const group = nav.locator('li.ant-menu-submenu', { hasText: area });
    await group.waitFor({ timeout: 60_000 });
    if (!(await group.evaluate((el) => el.classList.contains('ant-menu-submenu-open'))))
      await group.locator('.ant-menu-submenu-title').click();
    await nav.getByText(label).click();
  };

  before(async () => {
    ensureConsoleBuild();
    server = await startServer();
    adminToken = (
      await json(`${server.url}/api/staff/login`, {
        method: 'POST',
        body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      })
    ).token;
    await account(station, '朝阳站刘', ['station_staff'], ['110105']);
    await account(officer, '东城地名李', ['placename_officer'], ['110101']);
    const { token: stationToken } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: station });
    const notice = await json(`${server.url}/api/staff/family-search/notices`, {
      method: 'POST',
      token: stationToken,
      body: {
        sex: 'male',
        ageMin: 70,
        ageMax: 78,
        accent: '河北口音',
        features: '右耳后有疤',
        stationName: '朝阳区救助管理站',
        stationContact: '010-87654321',
        stationDivisionCode: '110105',
        foundDate: '2026-11-02',
        foundDivisionCode: '110105',
        foundPlace: '朝阳区团结湖公园东门',
      },
    });
    noticeId = notice.id;
    const witness = await loginCitizen(server.url);
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token: witness.token,
      body: { name: '孙见义', idNumber: withCheckDigit(`11010519790512${String(Date.now() % 1000).padStart(3, '0')}`) },
    });
    await json(`${server.url}/api/family-search/notices/${noticeId}/leads`, {
      method: 'POST',
      token: witness.token,
      body: { content: '像是河北涿州走失的老人，家属在找' },
    });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads the lead in the inbox, verifies it and closes the case as 已团聚', async () => {
    await signIn(page, server.url, station.username, station.password);
    await openNav('救助寻亲', '线索收件箱');
    const lead = page.getByTestId('inbox-lead').filter({ hasText: '河北涿州' });
    await lead.waitFor({ timeout: 60_000 });
    assert.match((await lead.textContent()) ?? '', /孙\*\*/);
    assert.match((await lead.textContent()) ?? '', /有线索/);
    await screenshot(page, 'family-search-inbox');

    await openNav('救助寻亲', '寻亲公告');
    const row = page.getByTestId(`notice-${noticeId}`);
    await row.waitFor({ timeout: 60_000 });
    await row.getByRole('button', { name: '改为线索核实' }).click();
    await row.getByText('线索核实', { exact: true }).waitFor({ timeout: 60_000 });
    await row.getByRole('button', { name: '已团聚' }).click();
    await page.getByRole('button', { name: '确认结案' }).click();
    await row.getByText('已结案').waitFor({ timeout: 60_000 });
    await screenshot(page, 'family-search-closed');
    const gone = await fetch(`${server.url}/api/family-search/notices/${noticeId}`);
    assert.equal(gone.status, 404);

    // Another city's station does not see it.
    const other = { username: `fs.sz${tag}`, password: 'Station-staff-2026' };
    await account(other, '深圳站', ['station_staff'], ['4403']);
    const { token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: other });
    const theirs = await json(`${server.url}/api/staff/family-search/notices`, { token });
    assert.ok(!theirs.items.some((n: { id: number }) => n.id === noticeId));
  });

  it('finds a pre-registered 易走失人员 at intake (masked) and reads the station’s statistics', async () => {
    const family = await loginCitizen(server.url);
    await json(`${server.url}/api/family-search/wanderers`, {
      method: 'POST',
      token: family.token,
      body: {
        name: '钱守田',
        sex: 'male',
        birthYear: 1949,
        accent: '河北口音',
        features: '右耳后有疤',
        condition: 'dementia',
        homeDivisionCode: '130681',
        homePlace: '涿州市范阳路8号',
        guardianName: '钱小梅',
        guardianPhone: '13822223333',
        consent: true,
      },
    });
    await openNav('救助寻亲', '易走失人员查寻');
    await page.getByLabel('估计年龄').fill('70');
    await page.getByLabel('至').fill('80');
    await page.getByLabel('体貌特征').fill('右耳后有疤');
    await page
      .getByRole('button', { name: '查 寻' })
      .or(page.getByRole('button', { name: '查寻' }))
      .click();
    const hit = page.getByTestId('wanderer-hit').first();
    await hit.waitFor({ timeout: 60_000 });
    const text = (await hit.textContent()) ?? '';
    assert.match(text, /钱\*\*/);
    assert.match(text, /138\*\*\*\*3333/);
    assert.match(text, /体貌特征相符：右耳后有疤/);
    assert.ok(!text.includes('13822223333'));
    await screenshot(page, 'family-search-wanderers');

    await openNav('救助寻亲', '寻亲统计');
    await page.getByTestId('stat-reunited').waitFor({ timeout: 60_000 });
    assert.match((await page.getByTestId('stat-reunited').textContent()) ?? '', /已团聚\s*1/);
    await screenshot(page, 'family-search-stats');
  });

  it('names a new place through the form and finds it in the district register', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/console\/signin$/);
    await signIn(page, server.url, officer.username, officer.password);
    await openNav('区划地名', '地名登记');
    await page.getByTestId('pn-new').click();
    const name = `景山前街${Date.now() % 1000}号院`;
    await page.getByTestId('pn-name').fill(name);
    await page.getByTestId('pn-category').click();
    await page.getByTitle('居民点').click();
    await page.getByTestId('pn-division').fill('110101');
    await page.getByTestId('pn-location').fill('东城区景山前街北侧');
    await page.getByTestId('pn-approval-body').fill('北京市东城区人民政府');
    await page.getByTestId('pn-approval-date').fill('2026-11-01');
    await page.getByRole('button', { name: '发布命名公告' }).click();
    await page.getByText('已发布地名命名公告').waitFor({ timeout: 60_000 });
    await page.getByTestId(`pn-${name}`).waitFor({ timeout: 60_000 });
    await screenshot(page, 'placenames-register');
    await openNav('区划地名', '备案公告');
    await page.getByText(name).first().waitFor({ timeout: 60_000 });

    const haidian = { username: `pn.hd${tag}`, password: 'Placename-off-2026' };
    await account(haidian, '海淀地名', ['placename_officer'], ['110108']);
    const { token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: haidian });
    const theirs = await json(`${server.url}/api/staff/place-names`, { token });
    assert.ok(!theirs.items.some((n: { name: string }) => n.name === name));
    assert.deepEqual(pageErrors, []);
  });
});
