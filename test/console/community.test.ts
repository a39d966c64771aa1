import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { loginCitizen } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn, navTo } from './console-tools';

/** 光华里社区, 建外街道, 朝阳区. */
const GUANGHUALI = '110105001027';

const PDF = Buffer.from(
  `%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n${'%'.repeat(40)}\n%%EOF\n`,
  'latin1',
);

/**
 * The 光华里社区居委会 in the console: publishes a 财务公开 with a PDF, confirms a citizen who
 * says she lives there, puts her proposal to a vote and closes it; the published counts are the
 * ballots cast through the API, and the resident the followers' notice reached reads the notice.
 */
describe('Console in Chromium: 社区治理 publish, confirm a resident, open and close a vote', function () {
  this.timeout(300_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let citizen: Awaited<ReturnType<typeof loginCitizen>>;
  let proposalId: number;
  const tag = Date.now().toString(36);
  const account = { username: `cm.ghl${tag}`, password: 'Community-2026-staff' };
  const pageErrors: string[] = [];
  const pdfFile = path.join(os.tmpdir(), `光华里收支${tag}.pdf`);

  before(async () => {
    ensureConsoleBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('console_community') });
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...account,
        displayName: '光华里社区居委会',
        roles: ['community_staff'],
        scope: { divisions: [GUANGHUALI], halls: [] },
      },
    });
    citizen = await loginCitizen(server.url);
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token: citizen.token,
      body: { name: '韩淑芬', idNumber: withCheckDigit(`11010519620${randomInt(1, 10)}15${randomInt(100, 999)}`) },
    });
    await json(`${server.url}/api/community/follows`, {
      method: 'POST',
      token: citizen.token,
      body: { code: GUANGHUALI },
    });
    await json(`${server.url}/api/community/communities/${GUANGHUALI}/residents`, {
      method: 'POST',
      token: citizen.token,
      body: { address: '光华里5号楼2门301' },
    });
    fs.writeFileSync(pdfFile, PDF);
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(pdfFile, { force: true });
  });

  const open = (item: string) => navTo(page, item, '社区治理');

  it('publishes a 财务公开 with a PDF, and the follower is told', async () => {
    await signIn(page, server.url, account.username, account.password);
    await open('居务公开');
    await page.getByText('暂无公开事项').waitFor({ timeout: 60_000 });
    await page.getByTestId('community-publish').click();
    const modal = page.locator('.ant-modal', { hasText: '发布居务/村务公开' });
    await modal.getByTestId('community-code').fill(GUANGHUALI);
    await modal.getByTestId('community-title').fill(`2026年第四季度财务收支${tag}`);
    await modal.getByTestId('community-body').fill('本季度收入12,000元，支出8,500元，明细见附件。');
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/staff/community/attachments'));
    await modal.locator('input[type=file]').setInputFiles(pdfFile);
    assert.equal((await uploaded).status(), 201);
    // The file's Chinese name survives the upload.
    await modal.locator('.ant-tag', { hasText: `光华里收支${tag}.pdf` }).waitFor();
    await modal.getByRole('button', { name: /发\s?布/ }).click();
    await page.getByText('已通知关注该村/社区的 1 位居民').waitFor({ timeout: 60_000 });
    const row = page.locator('tr', { hasText: `2026年第四季度财务收支${tag}` });
    await row.waitFor();
    assert.match((await row.textContent())!, /财务公开/);
    assert.match((await row.textContent())!, new RegExp(`光华里收支${tag}\\.pdf`));
    await screenshot(page, 'community-notices');

    const { items } = await json(`${server.url}/api/community/communities/${GUANGHUALI}/notices`);
    assert.equal(items.length, 1);
    assert.equal(items[0].attachments.length, 1);
    await server.app.platform.jobs.drain(); // followers are told by a job
    const messages = await json(`${server.url}/api/messages`, { token: citizen.token });
    assert.match(JSON.stringify(messages), new RegExp(`2026年第四季度财务收支${tag}`));
  });

  it('confirms the citizen as a resident (masked), once', async () => {
    await open('居民确认');
    const row = page.locator('tr', { hasText: '光华里5号楼2门301' });
    await row.waitFor({ timeout: 60_000 });
    assert.match((await row.textContent())!, /韩\*/);
    assert.doesNotMatch((await row.textContent())!, /韩淑芬/);
    await row.getByRole('button', { name: /^确\s?认$/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /^确\s?认$/ })
      .click();
    await page.getByText('已确认', { exact: true }).first().waitFor({ timeout: 60_000 });
    await page.getByText('暂无居民登记申请').waitFor();
    const { resident } = await json(`${server.url}/api/community/me/residence`, { token: citizen.token });
    assert.equal(resident.status, 'confirmed');
    await screenshot(page, 'community-residents');
  });

  it('opens a vote on the resident’s proposal and closes it: the counts are the ballots cast', async () => {
    const { proposal } = await json(`${server.url}/api/community/communities/${GUANGHUALI}/proposals`, {
      method: 'POST',
      token: citizen.token,
      body: { title: `加装电梯议题${tag}`, body: '5号楼老人多，提议加装电梯，费用按楼层分摊。' },
    });
    proposalId = proposal.id;
    await open('议事协商');
    const row = page.locator('tr', { hasText: `加装电梯议题${tag}` });
    await row.waitFor({ timeout: 60_000 });
    assert.match((await row.textContent())!, /讨论中/);
    await row.getByRole('button', { name: '发起投票' }).click();
    const modal = page.locator('.ant-modal', { hasText: '发起投票' });
    await modal.locator('textarea').fill('同意加装\n不同意\n弃权');
    await modal.getByRole('button', { name: /发\s?起/ }).click();
    await row.getByText('投票中').waitFor({ timeout: 60_000 });

    const cast = await json(`${server.url}/api/community/proposals/${proposalId}/votes`, {
      method: 'POST',
      token: citizen.token,
      body: { option: 0 },
    });
    assert.match(cast.ballot.receipt, /^[0-9a-f]{32}$/);
    await page.reload();
    await row.getByText('已投 1').waitFor({ timeout: 60_000 });

    await row.getByRole('button', { name: '结束投票' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '结束并公布' }).click();
    // The page says how the close went: a refusal's own words fail the story here, not a timeout.
    const said = page.locator('.ant-message-notice', { hasText: /已公布投票结果|失败|不|请/ }).first();
    await said.waitFor({ timeout: 60_000 });
    assert.match((await said.textContent())!, /已公布投票结果/);
    await row.getByText('已公布结果').waitFor({ timeout: 60_000 });
    assert.match((await row.textContent())!, /同意加装 1 \/ 不同意 0 \/ 弃权 0/);
    await row.getByRole('button', { name: `加装电梯议题${tag}` }).click();
    const drawer = page.locator('.ant-drawer');
    const published = await json(`${server.url}/api/community/proposals/${proposalId}/receipts`);
    assert.deepEqual(published.receipts, [{ receipt: cast.ballot.receipt, option: 0 }]);
    await drawer.getByText(published.receiptsHash).waitFor({ timeout: 60_000 });
    await screenshot(page, 'community-proposals');

    // A closed vote takes no more ballots.
    const late = await fetch(`${server.url}/api/community/proposals/${proposalId}/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}` },
      body: JSON.stringify({ option: 1 }),
    });
    assert.equal(late.status, 409);
    assert.deepEqual(pageErrors, []);
  });

  it('fills in the community page: committee, office hours, address and services, as residents see it', async () => {
    await page.goto(`${server.url}/console/`); // the proposal's drawer of the story before is left behind
    await open('村/社区信息');
    const card = page.getByTestId('community-profile');
    await card.getByText(/光华里社区居委会（社区）/).waitFor({ timeout: 60_000 });
    await card.getByTestId('profile-address').fill('北京市朝阳区光华里12号');
    await card.getByTestId('profile-hours').fill('周一至周五 8:30-17:30');
    await card.getByTestId('profile-phone').fill('010-65000027');
    const services = card.getByTestId('profile-services').locator('input');
    await services.fill('居住证明开具');
    await services.press('Enter');
    await services.fill('老年人优待证代办');
    await services.press('Enter');
    await card.getByTestId('profile-add-member').click();
    await card.getByTestId('profile-add-member').click();
    await card.getByTestId('profile-member-0').getByPlaceholder('姓名').fill('王淑琴');
    await card.getByTestId('profile-member-0').getByPlaceholder(/职务/).fill('主任');
    await card.getByTestId('profile-member-1').getByPlaceholder('姓名').fill('赵立国');
    // A member without a post is not sent: the form says what is missing.
    await card.getByTestId('profile-save').click();
    await card.getByText('请填写职务').waitFor({ timeout: 60_000 });
    await card.getByTestId('profile-member-1').getByPlaceholder(/职务/).fill('委员');
    await card.getByTestId('profile-save').click();
    await page.getByText('已保存光华里社区居委会的信息').waitFor({ timeout: 60_000 });
    await screenshot(page, 'community-profile');

    const { community } = await json(`${server.url}/api/community/communities/${GUANGHUALI}`);
    assert.equal(community.address, '北京市朝阳区光华里12号');
    assert.equal(community.officeHours, '周一至周五 8:30-17:30');
    assert.equal(community.phone, '010-65000027');
    assert.deepEqual(community.services, ['居住证明开具', '老年人优待证代办']);
    assert.deepEqual(community.committee, [
      { name: '王淑琴', role: '主任' },
      { name: '赵立国', role: '委员' },
    ]);
    // Opened again, the page shows what is on record.
    await page.reload();
    await page.getByTestId('profile-member-1').getByPlaceholder('姓名').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('profile-member-1').getByPlaceholder('姓名').inputValue(), '赵立国');
  });

  it('换届: the 选举公告, then the candidates, then the results of a term; the follower is told each', async () => {
    await open('换届选举');
    await page.getByText('本村/社区暂无换届选举记录').waitFor({ timeout: 60_000 });
    const announce = async () => {
      await page.getByTestId('election-announce').click();
      await page.getByTestId('election-term').fill('11');
      await page.getByTestId('election-title').fill('光华里社区第十一届居民委员会选举');
      await page.getByTestId('election-text').fill('定于2027年1月10日在社区活动室选举，请选民携带身份证参加。');
      await page.getByTestId('election-new-save').click();
    };
    await announce();
    const card = page.getByTestId('election-11');
    await card.getByText('已发布选举公告').waitFor({ timeout: 60_000 });
    // The same term twice: the server refuses it, in Chinese.
    await announce();
    await page
      .getByTestId('election-new-error')
      .getByText('该村/社区的这一届选举已经发布过')
      .waitFor({ timeout: 60_000 });
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /取\s?消/ })
      .click();

    await card.getByRole('button', { name: '公布候选人名单' }).click();
    const rows = page.getByTestId('election-candidates-form');
    await rows.getByTestId('candidates-row-0').getByPlaceholder('姓名').fill('王淑琴');
    await rows.getByTestId('candidates-row-0').getByPlaceholder(/职务/).fill('主任');
    await rows.getByTestId('candidates-row-0').getByPlaceholder(/简介/).fill('现任主任');
    await rows.getByTestId('candidates-add').click();
    await rows.getByTestId('candidates-row-1').getByPlaceholder('姓名').fill('赵立国');
    await rows.getByTestId('candidates-row-1').getByPlaceholder(/职务/).fill('委员');
    await page.getByTestId('election-candidates-save').click();
    await card.getByText('候选人名单（2人）').waitFor({ timeout: 60_000 });

    await card.getByRole('button', { name: '公布选举结果' }).click();
    const results = page.getByTestId('election-results-form');
    assert.equal(await results.getByTestId('results-row-1').getByPlaceholder('姓名').inputValue(), '赵立国');
    await results.getByTestId('results-row-0').getByPlaceholder('得票数').fill('812');
    await results.getByTestId('results-row-0').getByText('当选').click();
    await results.getByTestId('results-row-1').getByPlaceholder('得票数').fill('640');
    await results.getByTestId('results-row-1').getByText('当选').click();
    await page.getByTestId('election-results-save').click();
    await card.getByText('已公布选举结果').waitFor({ timeout: 60_000 });
    await card.getByText('812').waitFor();
    await screenshot(page, 'community-elections');

    const { items } = await json(`${server.url}/api/community/communities/${GUANGHUALI}/elections`);
    assert.equal(items.length, 1);
    assert.deepEqual(items[0].results, [
      { name: '王淑琴', role: '主任', votes: 812, elected: true },
      { name: '赵立国', role: '委员', votes: 640, elected: true },
    ]);
    await server.app.platform.jobs.drain();
    const messages = JSON.stringify(await json(`${server.url}/api/messages`, { token: citizen.token }));
    for (const stage of ['换届选举公告', '候选人名单', '选举结果'])
      assert.match(messages, new RegExp(`第11届${stage}`));
    assert.deepEqual(pageErrors, []);
  });
});
