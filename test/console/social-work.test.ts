import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { orgBody } from '../../server/test/social-orgs/helpers';
import { loginCitizen } from '../support/citizen';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { clickUntil, ensureConsoleBuild, json, screenshot, signIn } from './console-tools';

/**
 * The 社会工作 officer in the console: sees the registry with its reminders, assigns a
 * citizen's request to a worker of the station, returns the worker's record with a reason,
 * and reads the statistics. And the registry's forms: registers a service organization by credit
 * code, sets up a station and edits it, registers a worker, edits the level and enters hours once,
 * each refusal shown in Chinese as the server gives it, and nothing saved by a refusal.
 */
describe('Console in Chromium: 社会工作 registry, inbox, supervision and statistics', function () {
  this.timeout(300_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let requestId: number;
  let workerToken: string;
  let adminToken: string;
  const tag = Date.now().toString(36);
  const officer = { username: `sw.off${tag}`, password: 'Social-work-2026' };
  const workerAccount = { username: `sw.wk${tag}`, password: 'Social-work-2026' };
  const pageErrors: string[] = [];

  before(async () => {
    ensureConsoleBuild();
    server = await startServer();
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    adminToken = token;
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...officer,
        displayName: '朝阳区社会工作科',
        roles: ['social_work_officer'],
        scope: { divisions: ['110105'], halls: [] },
      },
    });
    const { staff } = await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...workerAccount,
        displayName: '钱社工',
        roles: ['social_worker'],
        scope: { divisions: ['110105006'], halls: [] },
      },
    });
    const { station } = await json(`${server.url}/api/staff/social-work/stations`, {
      method: 'POST',
      token,
      body: {
        name: `香河园街道社工站${tag}`,
        divisionCode: '110105006',
        address: '北京市朝阳区香河园路1号',
        phone: '010-64000000',
        officeHours: '周一至周五 9:00-17:00',
        services: ['elderly', 'family'],
      },
    });
    await json(`${server.url}/api/staff/social-work/workers`, {
      method: 'POST',
      token,
      body: {
        name: '钱社工',
        level: 'assistant',
        certificateNo: `CON${tag}`,
        // Eleven months ago, not yet registered: the first registration is due within the year.
        certifiedOn: new Date(server.app.platform.clock.now() - 330 * 86_400_000).toISOString().slice(0, 10),
        divisionCode: '110105006',
        stationId: station.id,
        staffId: staff.id,
      },
    });
    const citizen = await loginCitizen(server.url);
    const asked = await json(`${server.url}/api/social-work/requests`, {
      method: 'POST',
      token: citizen.token,
      body: {
        category: 'family',
        divisionCode: '110105006',
        description: `夫妻矛盾需要调解${tag}`,
        contactName: '刘女士',
        phone: '13900139000',
      },
    });
    requestId = asked.request.id;
    workerToken = (await json(`${server.url}/api/staff/login`, { method: 'POST', body: workerAccount })).token;
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(item: string) {
    const nav = page.getByTestId('nav');
    if (!(await nav.getByText(item).isVisible())) await nav.getByText('社会工作', { exact: true }).click();
    await nav.getByText(item).click();
  }

  it('shows reminders, assigns a request, returns a record with a reason and counts it', async () => {
    await signIn(page, server.url, officer.username, officer.password);
    await open('社工名册');
    const row = page.getByTestId('sw-workers').locator('tr', { hasText: `CON${tag}` });
    await row.waitFor({ timeout: 60_000 });
    assert.match(await row.textContent(), /首次登记/);
    await screenshot(page, 'social-work-registry');

    await open('求助收件箱');
    const req = page.getByTestId('sw-inbox').locator('tr', { hasText: `夫妻矛盾需要调解${tag}` });
    await req.waitFor({ timeout: 60_000 });
    assert.match(await req.textContent(), /139\*\*\*\*9000/);
    await req.getByRole('combobox').click();
    await page.locator('.ant-select-item-option', { hasText: '钱社工' }).click();
    await page.getByText('已分派，求助人将收到通知').waitFor({ timeout: 60_000 });
    await screenshot(page, 'social-work-inbox');

    const { record } = await json(`${server.url}/api/staff/social-work/requests/${requestId}/records`, {
      method: 'POST',
      token: workerToken,
      body: {
        kind: 'visit',
        content: `上门了解家庭情况${tag}`,
        servedOn: server.app.platform.clock.today(),
        clientToken: `console-${tag}`,
      },
    });
    await open('服务记录督导');
    const rec = page.getByTestId('sw-records').locator('tr', { hasText: `上门了解家庭情况${tag}` });
    await rec.waitFor({ timeout: 60_000 });
    await rec.getByRole('button', { name: /退\s?回/ }).click();
    await page.getByPlaceholder('请填写理由').fill('请补充双方的诉求');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /退\s?回/ })
      .click();
    await page.getByText('已办理').waitFor({ timeout: 60_000 });
    const detail = await json(`${server.url}/api/staff/social-work/requests/${requestId}`, { token: workerToken });
    const saved = detail.records.find((r: { id: number }) => r.id === record.id);
    assert.equal(saved.status, 'rejected');
    assert.equal(saved.reviewReason, '请补充双方的诉求');

    await open('求助统计');
    await page.getByTestId('sw-categories-chart').locator('canvas').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('sw-stations').textContent(), new RegExp(`香河园街道社工站${tag}`));
    await screenshot(page, 'social-work-statistics');
    assert.deepEqual(pageErrors, []);
  });

  it('registers an organization, sets up and edits a station, registers and edits a worker, enters hours once', async () => {
    // A social service organization in the social organization register (its 登记 is another area's).
    const org = orgBody({ type: 'social_service', name: `北京市朝阳区暖心社会工作服务中心${tag}` });
    await json(`${server.url}/api/staff/social-orgs`, { method: 'POST', token: adminToken, body: org });
    await page.goto(`${server.url}/console/`);
    await open('社工站与机构');

    // 登记服务机构: a credit code not in the register is refused in Chinese; the right one links it.
    await page.getByTestId('sw-org-new').click();
    await page.getByTestId('sw-org-uscc').fill(`${org.uscc.slice(0, 10)}99999999`);
    await page.getByTestId('sw-org-save').click();
    await page.getByTestId('sw-org-error').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('sw-org-error').textContent(), /未找到|信用代码/);
    await page.getByTestId('sw-org-uscc').fill(org.uscc);
    await page.getByTestId('sw-org-save').click();
    await page.getByTestId('sw-orgs-table').getByText(org.name).waitFor({ timeout: 60_000 });

    // 设立社工站: a 乡镇 outside the officer's county is refused by the server; nothing is created.
    const stationName = `八里庄街道社工站${tag}`;
    await page.getByTestId('sw-station-new').click();
    await page.getByTestId('sw-station-name').fill(stationName);
    await page.getByTestId('sw-station-division').fill('110108001');
    await page.getByTestId('sw-station-address').fill('北京市朝阳区八里庄西里1号');
    await page.getByTestId('sw-station-phone').fill('010-85000000');
    await page.getByTestId('sw-station-services').getByText('困难老人').click();
    await page.getByTestId('sw-station-services').getByText('残疾人').click();
    await page.getByTestId('sw-station-save').click();
    await page.getByTestId('sw-station-error').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('sw-station-error').textContent(), /不在您的管辖范围内/);
    await page.getByTestId('sw-station-division').fill('110105008');
    await page
      .getByTestId('sw-station-form')
      .locator('.ant-form-item', { hasText: '运营机构' })
      .locator('.ant-select')
      .click();
    await page.locator('.ant-select-item-option', { hasText: org.name }).click();
    await page.getByTestId('sw-station-save').click();
    const stationRow = page.getByTestId('sw-stations-table').locator('tr', { hasText: stationName });
    await stationRow.waitFor({ timeout: 60_000 });
    assert.match(await stationRow.textContent(), new RegExp(`困难老人.*残疾人.*${org.name}`));

    // 编辑: a phone the server refuses is marked on its field; then corrected and saved.
    await stationRow.getByRole('button', { name: /编\s?辑/ }).click();
    await page.getByTestId('sw-station-phone').fill('abc');
    await page.getByTestId('sw-station-save').click();
    await page
      .getByTestId('sw-station-form')
      .locator('.ant-form-item-explain-error', { hasText: '联系电话格式不正确' })
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('sw-station-phone').fill('010-85000099');
    await page.getByTestId('sw-station-save').click();
    await stationRow.getByText('010-85000099').waitFor({ timeout: 60_000 });
    await screenshot(page, 'social-work-stations');

    // 登记社工: a certificate number the server refuses, shown on its field; then registered to the station.
    await open('社工名册');
    await page.getByTestId('sw-worker-new').click();
    await page.getByTestId('sw-worker-name').fill('郑社工');
    await page.getByTestId('sw-worker-cert').fill('证书#1');
    const today = server.app.platform.clock.today();
    await page.getByTestId('sw-worker-certified').fill(`${Number(today.slice(0, 4)) - 2}-03-01`);
    await page.getByTestId('sw-worker-registered').fill(`${Number(today.slice(0, 4)) - 2}-05-01`);
    await page.getByTestId('sw-worker-division').fill('110105008');
    await page
      .getByTestId('sw-worker-form')
      .locator('.ant-form-item', { hasText: '所属社工站' })
      .locator('.ant-select')
      .click();
    await page.locator('.ant-select-item-option', { hasText: stationName }).click();
    await page.getByTestId('sw-worker-save').click();
    await page
      .getByTestId('sw-worker-form')
      .locator('.ant-form-item-explain-error', { hasText: '证书编号应为6至40位字母或数字' })
      .waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('sw-worker-error').textContent(), /提交的信息有误/);
    await page.getByTestId('sw-worker-cert').fill(`ZJ${tag}`);
    await page.getByTestId('sw-worker-save').click();
    const workerRow = page.getByTestId('sw-workers').locator('tr', { hasText: `ZJ${tag}` });
    await workerRow.waitFor({ timeout: 60_000 });
    assert.match(await workerRow.textContent(), new RegExp(`郑社工.*助理社会工作师.*${stationName}`));

    // 编辑: the level changes to 中级, whose period asks 90 hours.
    await workerRow.getByRole('button', { name: /编\s?辑/ }).click();
    await page
      .getByTestId('sw-worker-form')
      .locator('.ant-form-item', { hasText: '职业水平等级' })
      .locator('.ant-select')
      .click();
    await page.locator('.ant-select-item-option', { hasText: '社会工作师（中级）' }).click();
    await page.getByTestId('sw-worker-save').click();
    await workerRow.getByText('社会工作师（中级）').waitFor({ timeout: 60_000 });
    assert.match(await workerRow.textContent(), /0\/90/);

    // 录入学时 once: the same course on the same day again is refused and counted once.
    for (let i = 0; i < 2; i++) {
      await workerRow.getByRole('button', { name: '录入学时' }).click();
      await page.getByTestId('sw-training-course').fill('社区社会工作实务');
      await page.getByTestId('sw-training-hours').fill('24');
      await page.getByTestId('sw-training-date').fill(today);
      await page.getByTestId('sw-step-save').click();
      if (i === 0) await workerRow.getByText('24/90').waitFor({ timeout: 60_000 });
    }
    await page.getByTestId('sw-step-error').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('sw-step-error').textContent(), /请勿重复录入/);
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /取\s?消/ })
      .click();
    await screenshot(page, 'social-work-worker-form');

    // What the server holds: one worker at the station, 中级, 24 hours; the station in 朝阳 only.
    const officerToken = (await json(`${server.url}/api/staff/login`, { method: 'POST', body: officer })).token;
    const { items } = await json(`${server.url}/api/staff/social-work/workers`, { token: officerToken });
    const saved = items.filter((w: { certificateNo: string }) => w.certificateNo === `ZJ${tag}`);
    assert.equal(saved.length, 1);
    assert.equal(saved[0].level, 'intermediate');
    assert.equal(saved[0].hoursInPeriod, 24);
    assert.equal(saved[0].stationName, stationName);
    const stations = await json(`${server.url}/api/staff/social-work/stations`, { token: officerToken });
    const mine = stations.items.filter((st: { name: string }) => st.name === stationName);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].divisionCode, '110105008');
    assert.equal(mine[0].phone, '010-85000099');
    assert.deepEqual(pageErrors, []);
  });

  it('publishes a social work project with its goals and area, then its results, listed publicly', async () => {
    await open('社工项目');
    const title = `困境儿童课后陪伴计划${tag}`;
    await page.getByTestId('sw-project-new').click({ timeout: 60_000 });
    await page.getByTestId('sw-project-title').fill(title);
    // An area outside the officer's county: the server refuses it and nothing is listed.
    await page.getByTestId('sw-project-division').fill('110108001');
    await page
      .getByTestId('sw-project-form')
      .locator('.ant-form-item', { hasText: '服务类别' })
      .locator('.ant-select')
      .click();
    await page.locator('.ant-select-item-option', { hasText: '困境儿童' }).click();
    await page.getByTestId('sw-project-goals').fill('为辖区20名困境儿童提供每周三次课后陪伴和学业辅导。');
    await page.getByTestId('sw-project-starts').fill('2026-09-01');
    await page.getByTestId('sw-project-ends').fill('2026-06-30');
    await page.getByTestId('sw-project-save').click();
    await page.getByTestId('sw-project-error').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('sw-project-error').textContent(), /不在您的管辖范围内/);
    await page.getByTestId('sw-project-division').fill('110105008');
    await page.getByTestId('sw-project-save').click();
    // The end before the start: refused with the server's words.
    await page
      .getByTestId('sw-project-error')
      .getByText(/结束日期不能早于开始日期/)
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('sw-project-ends').fill('2027-06-30');
    await page.getByTestId('sw-project-save').click();
    const row = page.getByTestId('sw-projects-table').locator('tr', { hasText: title });
    await row.waitFor({ timeout: 60_000 });
    assert.match((await row.textContent())!, /困境儿童/);
    assert.match((await row.textContent())!, /尚未填写/);

    await row.getByRole('button', { name: '填写成效' }).click();
    await page.getByTestId('sw-project-results-text').fill('已服务22名儿童，期末平均成绩提高8分。');
    await clickUntil(
      page.getByTestId('sw-project-results-save'),
      row.getByText('已服务22名儿童，期末平均成绩提高8分。'),
    );
    await screenshot(page, 'social-work-projects');

    // Listed publicly, as entered once.
    const { items } = await json(`${server.url}/api/social-work/projects?division=110105008`);
    const mine = items.filter((p: { title: string }) => p.title === title);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].goals, '为辖区20名困境儿童提供每周三次课后陪伴和学业辅导。');
    assert.equal(mine[0].results, '已服务22名儿童，期末平均成绩提高8分。');
    assert.equal(mine[0].endsOn, '2027-06-30');
    assert.deepEqual(pageErrors, []);
  });
});
