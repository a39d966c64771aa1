import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import request from 'supertest';
import { staffAt } from '../../server/test/cases/support';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { loginCitizen, loginStaff } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

/** 秀水社区, 建外街道, 朝阳区. */
const XIUSHUI = '110105001029';

const isApi =
  (p: string, method = 'GET') =>
  (r: Response) =>
    new URL(r.url()).pathname === p && r.request().method() === method;
const shot = (page: Page, name: string) =>
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-community-${name}.png`));
const idNumber = () =>
  withCheckDigit(`1101051958${String(randomInt(1, 13)).padStart(2, '0')}1${randomInt(1, 9)}${randomInt(100, 999)}`);

const PDF = Buffer.from(
  `%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n${'%'.repeat(40)}\n%%EOF\n`,
  'latin1',
);

/**
 * 社区治理 in the H5 build, as a resident of 秀水社区 uses it: she finds her community level by
 * level down to 建外街道's list, reads its committee, hours and 社工站, follows it, opens a
 * 财务公开 and its PDF; she cannot propose until she is real-named and confirmed (told why, in
 * Chinese), then proposes, comments, votes once and keeps the receipt, and after the close finds
 * the counts, the published sha256 and her receipt in the recount on her phone; and reads the
 * 换届 results. Its own database: it counts followers, ballots and notices.
 */
describe('H5 社区治理: find my community → follow → 公开 → propose → vote → verify the result, in Chromium', function () {
  this.timeout(360_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let staff: Awaited<ReturnType<typeof staffAt>>;
  let token = '';
  let auth: Record<string, string> = {};
  let noticeId = 0;
  let proposalId = 0;
  const tag = Date.now().toString(36);
  const pageErrors: string[] = [];
  const tapButton = (text: string) => page.locator('taro-button-core:visible', { hasText: text }).first().click();
  /** Opens a page afresh (a full load, so no page of an earlier story is left hidden in the DOM). */
  const visit = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/packages/community/pages/${hash}`);
  };

  before(async () => {
    ensureFreshH5Build();
    server = await startServer({ DATABASE_URL: await ownDatabase('h5_community') });
    staff = await staffAt(server.url, [XIUSHUI], ['community_staff'], '秀水社区居委会');
    await request(server.url)
      .put(`/api/staff/community/communities/${XIUSHUI}/profile`)
      .set(staff.auth)
      .send({
        address: '北京市朝阳区秀水街3号',
        officeHours: '周一至周五 8:30-17:30',
        phone: '010-85000029',
        services: ['居住证明开具', '老年人优待证代办'],
        committee: [
          { name: '高秀英', role: '主任' },
          { name: '孙立新', role: '委员' },
        ],
      })
      .expect(200);
    const upload = await request(server.url)
      .post('/api/staff/community/attachments')
      .set(staff.auth)
      .attach('file', PDF, { filename: '2026年第四季度收支明细.pdf', contentType: 'application/pdf' })
      .expect(201);
    const notice = await request(server.url)
      .post(`/api/staff/community/communities/${XIUSHUI}/notices`)
      .set(staff.auth)
      .send({
        category: 'finance',
        title: `2026年第四季度财务收支公开${tag}`,
        body: '本季度收入12,000元，支出8,500元，明细见附件。',
        attachments: [upload.body.attachment.id],
      })
      .expect(201);
    noticeId = notice.body.notice.id;
    const election = await request(server.url)
      .post(`/api/staff/community/communities/${XIUSHUI}/elections`)
      .set(staff.auth)
      .send({ term: 12, title: '秀水社区第十二届居民委员会选举', announcement: '定于2026年12月20日在社区活动室选举。' })
      .expect(201);
    const candidates = [
      { name: '高秀英', role: '主任', intro: '现任主任' },
      { name: '孙立新', role: '委员', intro: '' },
    ];
    await request(server.url)
      .put(`/api/staff/community/elections/${election.body.election.id}/candidates`)
      .set(staff.auth)
      .send({ candidates })
      .expect(200);
    await request(server.url)
      .put(`/api/staff/community/elections/${election.body.election.id}/results`)
      .set(staff.auth)
      .send({
        results: [
          { name: '高秀英', role: '主任', votes: 812, elected: true },
          { name: '孙立新', role: '委员', votes: 640, elected: true },
        ],
      })
      .expect(200);
    const admin = await loginStaff(server.url, 'admin', TEST_ADMIN_PASSWORD);
    await request(server.url)
      .post('/api/staff/social-work/stations')
      .set(admin.auth)
      .send({
        name: `建外街道社工站${tag}`,
        divisionCode: '110105001',
        address: '北京市朝阳区建外街道1号',
        phone: '010-65000000',
        officeHours: '周一至周五 9:00-17:00',
        services: ['elderly', 'family'],
      })
      .expect(201);

    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds 秀水社区 level by level, down to 建外街道’s list, and reads its page', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
    await page.goto(`${server.url}/#/packages/community/pages/index/index`);
    token = (await (await login).json()).token;
    auth = { authorization: `Bearer ${token}` };
    await page.getByText('尚未登记为村/社区居民').waitFor({ timeout: 60_000 });
    const picker = page.getByTestId('community-picker');
    await picker.getByText('北京市', { exact: true }).click({ timeout: 30_000 });
    await picker.locator('.cm-crumb', { hasText: '北京市' }).waitFor();
    await picker.locator('.cm-pick').first().waitFor();
    if (!(await picker.getByText('朝阳区', { exact: true }).count())) {
      await picker.locator('.cm-pick').first().click();
      await picker.locator('.cm-pick', { hasText: '朝阳区' }).waitFor();
    }
    await picker.getByText('朝阳区', { exact: true }).click();
    const street = page.waitForResponse(isApi('/api/community/streets/110105001/communities'));
    await picker.getByText('建外街道', { exact: true }).click();
    assert.equal((await street).status(), 200);
    await picker.locator(`[data-code="${XIUSHUI}"]`).getByText('社区 查看').waitFor();
    await shot(page, 'picker');
    await picker.getByText('秀水社区居委会', { exact: true }).click();

    const head = page.getByTestId('community-head');
    await head.getByText('秀水社区居委会', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByTestId('community-info').getByText('办公时间：周一至周五 8:30-17:30').waitFor();
    await page.getByTestId('community-info').getByText('便民服务：居住证明开具、老年人优待证代办').waitFor();
    const committee = page.getByTestId('community-committee');
    await committee.getByText('居民委员会成员').waitFor();
    await committee.getByText('高秀英').waitFor();
    await committee.getByText('主任').waitFor();
    await page.getByTestId('community-station').getByText(`建外街道社工站${tag}`).waitFor({ timeout: 30_000 });
    await page.getByTestId('community-notices').getByText(`2026年第四季度财务收支公开${tag}`).waitFor();
  });

  it('follows the community, and unfollows and follows again', async () => {
    const followed = page.waitForResponse(isApi('/api/community/follows', 'POST'));
    await tapButton('关注本村/社区');
    assert.equal((await followed).status(), 200);
    await page.locator('taro-button-core', { hasText: '已关注 · 取消关注' }).waitFor();
    const unfollowed = page.waitForResponse(isApi(`/api/community/follows/${XIUSHUI}`, 'DELETE'));
    await tapButton('已关注 · 取消关注');
    assert.equal((await unfollowed).status(), 200);
    assert.deepEqual((await request(server.url).get('/api/community/follows').set(auth).expect(200)).body.items, []);
    await tapButton('关注本村/社区');
    await page.locator('taro-button-core', { hasText: '已关注 · 取消关注' }).waitFor();
    const { body } = await request(server.url).get('/api/community/follows').set(auth).expect(200);
    assert.deepEqual(
      body.items.map((f: { code: string }) => f.code),
      [XIUSHUI],
    );
    await shot(page, 'page');
  });

  it('opens the 财务公开 and its PDF attachment', async () => {
    await page.getByTestId('community-notices').getByText(`2026年第四季度财务收支公开${tag}`).click();
    await page.getByTestId('notice-body').getByText('本季度收入12,000元').waitFor({ timeout: 60_000 });
    const row = page.getByTestId('notice-attachments').locator('.cm-attachment');
    await row.getByText('2026年第四季度收支明细.pdf').waitFor();
    const { body } = await request(server.url).get(`/api/community/notices/${noticeId}`).expect(200);
    const file = await request(server.url)
      .get(`/api/community/attachments/${body.notice.attachments[0].id}`)
      .expect(200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    // Tapping it asks the browser for the file (a new tab, which downloads the PDF).
    const fetched = page.context().waitForEvent('request', {
      predicate: (r) => r.url().includes('/api/community/attachments/'),
      timeout: 30_000,
    });
    const popup = page.context().waitForEvent('page', { timeout: 30_000 });
    await row.click();
    assert.match((await fetched).url(), new RegExp(`/api/community/attachments/${body.notice.attachments[0].id}$`));
    await (await popup).close();
    await shot(page, 'notice');
    // The category list: one 财务公开, nothing under 选举公告.
    await visit(`notices/index?code=${XIUSHUI}`);
    await page.locator('.cm-notice', { hasText: `2026年第四季度财务收支公开${tag}` }).waitFor({ timeout: 60_000 });
    await page.locator('.cm-tab', { hasText: '选举公告' }).click();
    await page.getByText('本村/社区暂未发布选举公告').waitFor();
  });

  it('may not propose before she is a confirmed resident, and is told why in Chinese', async () => {
    await visit(`propose/index?code=${XIUSHUI}`);
    await page.getByText('只有本村/社区确认的居民可以提出议题').waitFor({ timeout: 60_000 });
    await page.getByText(/您还没有登记为本村\/社区居民/).waitFor();
    const refused = await request(server.url)
      .post(`/api/community/communities/${XIUSHUI}/proposals`)
      .set(auth)
      .send({ title: '试提议题', body: '内容' })
      .expect(403);
    assert.equal(refused.body.error.code, 'NOT_RESIDENT');

    // Registering needs a real name first: the page says so and offers the way there.
    await tapButton('去村/社区页面');
    const residence = page.getByTestId('community-residence');
    await residence.locator('[data-field="address"] input').fill('秀水街3号院2号楼501');
    const applied = page.waitForResponse(isApi(`/api/community/communities/${XIUSHUI}/residents`, 'POST'));
    await tapButton('申请登记为本村/社区居民');
    assert.equal((await applied).status(), 403);
    await residence.getByText('请先在「我的」完成实名认证，再申请成为社区居民').waitFor();
    await residence.locator('taro-button-core', { hasText: '去实名认证' }).waitFor();

    await request(server.url)
      .put('/api/me/identity')
      .set(auth)
      .send({ name: '罗桂芝', idNumber: idNumber() })
      .expect(200);
    const again = page.waitForResponse(isApi(`/api/community/communities/${XIUSHUI}/residents`, 'POST'));
    await tapButton('申请登记为本村/社区居民');
    assert.equal((await again).status(), 201);
    await residence.getByText(/待社区确认/).waitFor();
    await visit(`propose/index?code=${XIUSHUI}`);
    await page.getByText('您的居民登记正在等待村/居委会确认，确认后即可提出议题。').waitFor({ timeout: 60_000 });
  });

  it('once confirmed, proposes and comments', async () => {
    const { body } = await request(server.url).get('/api/staff/community/residents?status=pending').set(staff.auth);
    assert.equal(body.items.length, 1);
    await request(server.url)
      .post(`/api/staff/community/residents/${body.items[0].id}/confirm`)
      .set(staff.auth)
      .expect(200);

    await page.reload();
    await page.locator('[data-field="title"] input').fill(`加装电梯议题${tag}`, { timeout: 60_000 });
    await page.locator('[data-field="body"] textarea').fill('2号楼老人多，提议加装电梯，费用按楼层分摊。');
    const sent = page.waitForResponse(isApi(`/api/community/communities/${XIUSHUI}/proposals`, 'POST'));
    await tapButton('提交议题');
    const res = await sent;
    assert.equal(res.status(), 201, await res.text());
    proposalId = (await res.json()).proposal.id;
    await page.getByTestId('proposal-status').getByText('讨论中').waitFor({ timeout: 60_000 });
    await page
      .getByText(/罗\*+（居民）/)
      .first()
      .waitFor();

    const comments = page.getByTestId('comments');
    await comments.locator('textarea').fill('支持，一楼住户也愿意分摊一部分。');
    const commented = page.waitForResponse(isApi(`/api/community/proposals/${proposalId}/comments`, 'POST'));
    await tapButton('发表意见');
    assert.equal((await commented).status(), 201);
    await comments.getByText('支持，一楼住户也愿意分摊一部分。').waitFor();
    await comments.getByText('居民意见（1）').waitFor();
  });

  it('votes once and keeps the receipt; after the close, the counts, the hash and her receipt check out', async () => {
    await request(server.url)
      .post(`/api/staff/community/proposals/${proposalId}/open-vote`)
      .set(staff.auth)
      .send({ options: ['同意', '不同意', '弃权'] })
      .expect(200);
    // A neighbour, also confirmed, votes 不同意.
    const neighbour = await loginCitizen(server.url);
    await request(server.url)
      .put('/api/me/identity')
      .set(neighbour.auth)
      .send({ name: '周建民', idNumber: idNumber() })
      .expect(200);
    const applied = await request(server.url)
      .post(`/api/community/communities/${XIUSHUI}/residents`)
      .set(neighbour.auth)
      .send({ address: '秀水街3号院1号楼101' })
      .expect(201);
    await request(server.url)
      .post(`/api/staff/community/residents/${applied.body.resident.id}/confirm`)
      .set(staff.auth)
      .expect(200);
    const theirs = await request(server.url)
      .post(`/api/community/proposals/${proposalId}/votes`)
      .set(neighbour.auth)
      .send({ option: 1 })
      .expect(201);

    await page.reload();
    const box = page.getByTestId('vote');
    await box.getByText('居民投票（已投1票）').waitFor({ timeout: 60_000 });
    await box.locator('.cm-option', { hasText: '同意' }).first().click();
    await tapButton('投票');
    const cast = page.waitForResponse(isApi(`/api/community/proposals/${proposalId}/votes`, 'POST'));
    await page.locator('.taro__modal .taro-model__confirm').click();
    const res = await cast;
    assert.equal(res.status(), 201);
    const receipt = (await res.json()).ballot.receipt as string;
    const card = page.getByTestId('my-receipt');
    await card.getByText(receipt).waitFor();
    await card.getByText('您的选择：同意').waitFor();
    await shot(page, 'receipt');
    // Once: a second ballot is refused and nothing changes.
    const twice = await request(server.url)
      .post(`/api/community/proposals/${proposalId}/votes`)
      .set(auth)
      .send({ option: 2 })
      .expect(409);
    assert.equal(twice.body.error.code, 'ALREADY_VOTED');

    await request(server.url)
      .post(`/api/staff/community/proposals/${proposalId}/close-vote`)
      .set(staff.auth)
      .expect(200);
    const { body } = await request(server.url).get(`/api/community/proposals/${proposalId}`).expect(200);
    const published = body.proposal.result as { total: number; receiptsHash: string };
    assert.equal(published.total, 2);
    await page.reload();
    const result = page.getByTestId('result');
    await result.getByText('投票结果（共2票）').waitFor({ timeout: 60_000 });
    await result.locator('[data-option="0"]').getByText('同意：1票（50%）').waitFor();
    await result.locator('[data-option="1"]').getByText('不同意：1票（50%）').waitFor();
    await result.locator('[data-option="2"]').getByText('弃权：0票').waitFor();
    assert.equal((await page.getByTestId('receipts-hash').textContent())?.trim(), published.receiptsHash);
    await page.getByTestId('my-receipt').getByText(receipt).waitFor();
    assert.equal(
      await page.getByText(theirs.body.ballot.receipt).count(),
      0,
      'a neighbour’s receipt is not shown as mine',
    );

    const list = page.waitForResponse(isApi(`/api/community/proposals/${proposalId}/receipts`));
    await tapButton('核对结果');
    assert.equal((await list).status(), 200);
    const recount = page.getByTestId('recount');
    await recount.getByText('✓ 按回执清单逐张计票：同意1票，不同意1票，弃权0票，与公布的票数一致').waitFor();
    await recount.getByText('✓ 在本机计算的回执清单哈希与公布值一致').waitFor();
    await recount.getByText('✓ 您的回执在清单中，记为「同意」').waitFor();
    await shot(page, 'result');
  });

  it('reads the 换届 terms, candidates and results, and every page follows 长辈模式', async () => {
    await visit(`elections/index?code=${XIUSHUI}`);
    const term = page.locator('.cm-election[data-term="12"]');
    await term.getByText('第12届 · 秀水社区第十二届居民委员会选举').waitFor({ timeout: 60_000 });
    await term.getByText('已公布选举结果').waitFor();
    await term.getByText('候选人名单（2人）').waitFor();
    await term.getByTestId('election-results').getByText('812票 · 当选').waitFor();

    await page.goto('about:blank');
    await page.goto(`${server.url}/#/pages/mine/index`);
    await page.locator('[data-testid="elderly-switch"] .nut-switch').click({ timeout: 60_000 });
    await page.locator('.mz-mine.mz-elderly').waitFor();
    for (const [p, root] of [
      ['index/index', '.cm-home'],
      [`community/index?code=${XIUSHUI}`, '.cm-community'],
      [`notices/index?code=${XIUSHUI}`, '.cm-notices'],
      [`notice/index?id=${noticeId}`, '.cm-notice-detail'],
      [`proposals/index?code=${XIUSHUI}`, '.cm-proposals'],
      [`propose/index?code=${XIUSHUI}`, '.cm-propose'],
      [`proposal/index?id=${proposalId}`, '.cm-proposal-detail'],
      [`elections/index?code=${XIUSHUI}`, '.cm-elections'],
    ]) {
      await visit(p);
      await page.locator(`${root}.mz-elderly`).waitFor({ timeout: 60_000 });
    }
    await shot(page, 'elections-elderly');
    assert.deepEqual(pageErrors, []);
  });
  it('withdraws her registration on the community page after being told what it means; then may not propose (长辈模式 on)', async () => {
    await visit(`community/index?code=${XIUSHUI}`);
    const residence = page.getByTestId('community-residence');
    await residence.getByText(/已确认为本社区居民/).waitFor({ timeout: 60_000 });
    await tapButton('撤回居民登记');
    // First the dialog says what withdrawing means; 再想想 changes nothing.
    await page
      .locator('.taro__modal')
      .getByText(/不能再在秀水社区居委会提出议题、发表意见或投票/)
      .waitFor();
    await page.locator('.taro__modal .taro-model__cancel').click();
    let mine = await request(server.url).get('/api/community/me/residence').set(auth).expect(200);
    assert.equal(mine.body.resident.status, 'confirmed');

    await tapButton('撤回居民登记');
    const withdrawn = page.waitForResponse(isApi('/api/community/me/residence', 'DELETE'));
    await page.locator('.taro__modal .taro-model__confirm').click();
    assert.equal((await withdrawn).status(), 200);
    await page
      .getByTestId('residence-withdrawn')
      .getByText(/已撤回您在秀水社区居委会的居民登记/)
      .waitFor();
    // The form to apply again is there; the API no longer counts her as a resident.
    await page.locator('taro-button-core:visible', { hasText: '申请登记为本村/社区居民' }).waitFor();
    mine = await request(server.url).get('/api/community/me/residence').set(auth).expect(200);
    assert.equal(mine.body.resident, null);
    const refused = await request(server.url)
      .post(`/api/community/communities/${XIUSHUI}/proposals`)
      .set(auth)
      .send({ title: '撤回后提议', body: '内容' })
      .expect(403);
    assert.equal(refused.body.error.code, 'NOT_RESIDENT');
    await visit(`propose/index?code=${XIUSHUI}`);
    await page.getByText(/您还没有登记为本村\/社区居民/).waitFor({ timeout: 60_000 });
    assert.deepEqual(pageErrors, []);
  });
});
