import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { setBeijingTime, staffAt } from '../../server/test/cases/support';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-social-work-${name}.png`));

/**
 * 社会工作 in the H5 build, as a daughter whose father lives alone uses it: she finds the 社工站 of
 * his 街道 among those offering help with 生活困难, asks it for help, follows the steps as the
 * station assigns a worker and the service is recorded and closed, rates it, and then complains
 * that the worker came only once — the complaint is filed in the existing complaint flow: 我的投诉
 * shows it and the county's 投诉举报 inbox has it.
 */
describe('H5 社会工作: find a station → ask for help → progress → rate → complain, in Chromium', function () {
  this.timeout(360_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let citizenToken: string | null = null;
  const pageErrors: string[] = [];
  const tag = String(randomInt(100000, 999999));
  const stationName = `六里屯街道社工站${tag}`;
  const division = '110105019';

  before(async () => {
    ensureFreshH5Build();
    server = await startServer({ DATABASE_URL: await ownDatabase('h5_social_work') });
    setBeijingTime(server, '2026-12-20', '10:00');
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('response', async (r) => {
      if (new URL(r.url()).pathname === '/api/auth/login' && r.ok()) citizenToken = (await r.json()).token;
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the station by what it offers, asks for help, follows the steps, rates and complains', async () => {
    const officer = await staffAt(server.url, ['110105'], ['social_work_officer'], '朝阳区社会工作科');
    const made = await request(server.url)
      .post('/api/staff/social-work/stations')
      .set(officer.auth)
      .send({
        name: stationName,
        divisionCode: division,
        address: '北京市朝阳区六里屯北里8号',
        phone: '010-65010019',
        officeHours: '周一至周五 9:00-17:00',
        services: ['poverty', 'elderly'],
      })
      .expect(201);
    const stationId = made.body.station.id;
    const account = await staffAt(server.url, [division], ['social_worker'], '冯社工');
    const registered = await request(server.url)
      .post('/api/staff/social-work/workers')
      .set(officer.auth)
      .send({
        name: '冯社工',
        level: 'intermediate',
        certificateNo: `H5SW${tag}`,
        certifiedOn: '2024-06-01',
        registeredOn: '2024-08-01',
        divisionCode: division,
        stationId,
        staffId: account.id,
      })
      .expect(201);
    const workerId = registered.body.worker.id;

    // Find: the stations offering help with 生活困难, then the station's page.
    await page.goto(`${server.url}/#/packages/social-work/pages/index/index`);
    await page.getByText('生活困难', { exact: true }).click({ timeout: 60_000 });
    const card = page.locator('.sw-card', { hasText: stationName });
    await card.waitFor({ timeout: 60_000 });
    assert.match(await card.textContent(), /服务：生活困难、困难老人/);
    await shot(page, 'stations');
    await card.click();
    await page.getByText('向本站求助').waitFor({ timeout: 60_000 });
    await page.getByText('电话：010-65010019（点击拨打）').waitFor();

    // Ask: the form says what is missing before anything is sent; then the request is filed.
    await page.locator('taro-button-core', { hasText: '向本站求助' }).click();
    await page.getByText('求助类别').waitFor({ timeout: 60_000 });
    await page.locator('taro-button-core', { hasText: '提交求助' }).click();
    await page.getByText('请选择求助类别').waitFor();
    await page.locator('[data-field="category"]').getByText('困难老人', { exact: true }).click();
    await page.locator('[data-field="description"] textarea').fill(`父亲独居，腿脚不便，需要有人定期上门看看${tag}`);
    await page.locator('[data-field="contactName"] input').fill('吴晓梅');
    await page.locator('[data-field="phone"] input').fill('13611136111');
    await page.locator('taro-button-core', { hasText: '提交求助' }).click();
    const mine = page.locator('.sw-card', { hasText: `父亲独居，腿脚不便，需要有人定期上门看看${tag}` });
    await mine.waitFor({ timeout: 60_000 });
    assert.match(await mine.textContent(), /困难老人 · 待社工站受理/);
    assert.match(await mine.textContent(), new RegExp(stationName));
    assert.ok(citizenToken, 'the page signed the citizen in');
    const citizen = { authorization: `Bearer ${citizenToken}` };
    const { items } = (await request(server.url).get('/api/social-work/me/requests').set(citizen).expect(200)).body;
    assert.equal(items.length, 1);
    const requestId = items[0].id;

    // The station assigns 冯社工, who records a visit; the supervisor approves; the worker closes.
    await request(server.url)
      .post(`/api/staff/social-work/requests/${requestId}/assign`)
      .set(account.auth)
      .send({ workerId })
      .expect(200);
    const rec = await request(server.url)
      .post(`/api/staff/social-work/requests/${requestId}/records`)
      .set(account.auth)
      .send({
        kind: 'visit',
        content: '上门探访，了解老人起居',
        servedOn: '2026-12-20',
        clientToken: `h5-${tag}-visit`,
      })
      .expect(201);
    await request(server.url)
      .post(`/api/staff/social-work/records/${rec.body.record.id}/approve`)
      .set(officer.auth)
      .expect(200);
    await request(server.url)
      .post(`/api/staff/social-work/requests/${requestId}/close`)
      .set(account.auth)
      .send({ summary: '已上门探访，链接助餐服务' })
      .expect(200);

    // Progress: the steps, in Chinese, with the worker by surname.
    await page.reload();
    await mine.getByText('困难老人 · 已结案').waitFor({ timeout: 60_000 });
    const steps = await mine.textContent();
    for (const label of [
      '已提交求助',
      '社工站已安排社工',
      '走访（2026-12-20）',
      '服务已结案',
      '结案小结：已上门探访，链接助餐服务',
    ])
      assert.ok(steps?.includes(label), `shows ${label}`);
    assert.match(steps ?? '', /冯社工/);

    // Rate: four stars and a word.
    await mine.locator('.sw-star').nth(3).click();
    await mine.locator('textarea').first().fill('社工很耐心');
    await mine.locator('taro-button-core', { hasText: '提交评价' }).click();
    await mine.getByText('您的评价：★★★★ 社工很耐心').waitFor({ timeout: 60_000 });
    await shot(page, 'rated');

    // Complain: a reason is needed; then it is filed and the request links to it.
    await mine.locator('taro-button-core', { hasText: '投诉本次服务' }).click();
    await mine.locator('taro-button-core', { hasText: '提交投诉' }).click();
    await mine.getByText('请选择投诉原因').waitFor();
    await mine.locator('[data-field="reason"]').getByText('未按约定提供服务', { exact: true }).click();
    await mine.locator('.sw-complaint textarea').fill('说好每周来一次，结案前只来过一次，打电话也没人接');
    await mine.locator('taro-button-core', { hasText: '提交投诉' }).click();
    const filed = mine.locator('.sw-link', { hasText: '已投诉（编号' });
    await filed.waitFor({ timeout: 60_000 });
    const trackingNo = /编号 (\S+)）/.exec((await filed.textContent()) ?? '')?.[1];
    assert.ok(trackingNo, 'shows the tracking number');
    await shot(page, 'complained');

    // 我的投诉's page for it: the same complaint flow.
    await filed.click();
    await page.getByText(`投诉编号 ${trackingNo}`).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.so-cdetail__target').textContent(), stationName);
    assert.match(
      (await page.locator('.so-cdetail__content').textContent()) ?? '',
      /【社会工作服务 求助SG\d+·未按约定提供服务】服务社工：冯社工；说好每周来一次/,
    );
    await shot(page, 'complaint-detail');

    // The county's complaint inbox has it, and the request keeps one complaint.
    const orgOfficer = await staffAt(server.url, ['110105'], ['org_officer'], '朝阳区社会组织管理科');
    const inbox = await request(server.url).get('/api/staff/social-orgs/complaints').set(orgOfficer.auth).expect(200);
    const found = inbox.body.items.find((c: { trackingNo: string }) => c.trackingNo === trackingNo);
    assert.ok(found, 'in the 朝阳区 投诉举报 inbox');
    await request(server.url)
      .post(`/api/staff/social-orgs/complaints/${found.id}/accept`)
      .set(orgOfficer.auth)
      .expect(200);
    await request(server.url)
      .post(`/api/social-work/me/requests/${requestId}/complaint`)
      .set(citizen)
      .send({ reason: 'quality', content: '再投诉一次看看会不会重复', idempotencyKey: `again-${tag}` })
      .expect(409);
    assert.deepEqual(pageErrors, []);
  });
});
