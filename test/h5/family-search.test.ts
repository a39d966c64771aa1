import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { staffAt } from '../../server/test/cases/support';
import { startServer } from '../support/server';
import { openBrowser, type Browser } from './browser';
import { ensureFreshH5Build } from './page-tools';

/**
 * A passer-by opens 救助寻亲 in the H5 build and sees the notice a station just published, with
 * the station to call — Chromium against the real server.
 */
describe('H5 救助寻亲: the public list of 寻亲公告 in Chromium', function () {
  this.timeout(300_000);
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ensureFreshH5Build();
    server = await startServer();
    const station = await staffAt(server.url, ['110105'], ['station_staff']);
    await request(server.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send({
        sex: 'female',
        ageMin: 60,
        ageMax: 66,
        accent: '四川口音',
        features: '右手腕有烫伤疤痕',
        stationName: '朝阳区救助管理站',
        stationContact: '010-87654321',
        stationDivisionCode: '110105',
        foundDate: '2026-11-02',
        foundDivisionCode: '110105',
        foundPlace: '朝阳公园南门',
      })
      .expect(201);
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the notice with the station to call, and filters by sex', async () => {
    await page.goto(`${server.url}/#/packages/family-search/pages/index/index`);
    const card = page.locator('[data-testid="family-notice"]', { hasText: '朝阳公园南门' });
    await card.waitFor({ timeout: 90_000 });
    const text = await card.innerText();
    assert.match(text, /女，60–66岁，四川口音/);
    assert.match(text, /朝阳区救助管理站：010-87654321/);
    await page.locator('.mz-family__filters .nut-button').nth(1).click();
    await page.getByText('暂无寻亲公告').waitFor({ timeout: 60_000 });
  });
});
