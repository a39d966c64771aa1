import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { clickUntil, ensureConsoleBuild, json, screenshot, signIn, navTo } from './console-tools';

describe('Console in Chromium: an editor runs the content matrix — syncing, curating, distributing', function () {
  this.timeout(240_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  const editor = { username: 'matrix.anhui', password: 'Anhui-matrix-2026' };
  const pageErrors: string[] = [];
  const accounts: Array<{ appid: string; secret: string; name: string; id?: number }> = [
    { appid: '', secret: '', name: '安徽民政' },
    { appid: '', secret: '', name: '合肥民政' },
    { appid: '', secret: '', name: '芜湖民政' },
  ];
  const [anhui, hefei, wuhu] = accounts;

  before(async () => {
    ensureConsoleBuild();
    server = await startServer();
    const admin = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token: admin.token,
      body: { ...editor, displayName: '安徽宣传', roles: ['editor'], scope: { divisions: ['34'], halls: [] } },
    });
    ({ token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: editor }));
    // Member accounts point their 服务器配置 at us: publish results come back as events.
    await json(`${server.url}/__wechat__/dev/freepublish/push-target`, {
      method: 'POST',
      body: { url: `${server.url}/wechat/matrix/{appid}`, token: 'devtoken' },
    });
    for (const [i, acc] of accounts.entries()) {
      acc.appid = `wxmx${randomBytes(6).toString('hex')}`;
      acc.secret = `secret${randomBytes(12).toString('hex')}`;
      await json(`${server.url}/__wechat__/dev/apps`, {
        method: 'POST',
        body: { appid: acc.appid, secret: acc.secret, type: 'mp' },
      });
      const { member } = await json(`${server.url}/api/matrix/admin/members`, {
        method: 'POST',
        token,
        body: {
          name: acc.name,
          appid: acc.appid,
          secret: acc.secret,
          level: i === 0 ? 'provincial' : 'municipal',
          divisionCode: ['340000', '340100', '340200'][i],
          category: '民政部门',
        },
      });
      acc.id = member.id;
    }
    await json(`${server.url}/__wechat__/dev/freepublish/articles`, {
      method: 'POST',
      body: {
        appid: anhui.appid,
        articles: [{ title: '安徽省养老服务补贴申领指南' }, { title: '安徽省社会救助条例解读' }],
      },
    });
    await json(`${server.url}/__wechat__/dev/freepublish/articles`, {
      method: 'POST',
      body: { appid: hefei.appid, articles: [{ title: '合肥市婚姻登记预约开通' }] },
    });
    // 芜湖 is over its daily quota when asked for its articles.
    await json(`${server.url}/__wechat__/dev/faults`, {
      method: 'POST',
      body: { path: '/cgi-bin/freepublish/batchget', errcode: 45009, appid: wuhu.appid, times: 5 },
    });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const member = async (id: number) =>
    (await json(`${server.url}/api/matrix/admin/members/${id}`, { token })).member as {
      sync: { failures: number; lastError: string | null };
    };

  it('lists the members, syncs them on request, and shows which one fails and why', async () => {
    await signIn(page, server.url, editor.username, editor.password);
    await page.getByTestId('home-areas').waitFor();
    await navTo(page, '成员账号', '内容矩阵');
    const table = page.getByTestId('matrix-members');
    await table.getByText('芜湖民政').waitFor();
    assert.equal(await table.getByText('尚未同步').count(), 3);

    await page.getByTestId('matrix-sync').click();
    await page.getByText('已安排 3 个成员账号立即同步').waitFor();
    await server.app.platform.jobs.drain();
    await page.reload();
    await table.getByTestId('sync-error').waitFor();
    const wuhuRow = table.locator('tr', { hasText: '芜湖民政' });
    assert.match((await wuhuRow.getByTestId('sync-error').textContent()) ?? '', /45009/);
    await wuhuRow.getByText('同步失败（连续 1 次）').waitFor();
    await table.locator('tr', { hasText: '合肥民政' }).getByText('正常').waitFor();
    assert.equal((await member(wuhu.id!)).sync.failures, 1);
    await screenshot(page, 'matrix-members');
  });

  it('pins, hides and tags articles; a tag the server refuses is explained and changes nothing', async () => {
    await page.getByTestId('nav').getByText('文章聚合').click();
    const table = page.getByTestId('matrix-articles');
    await table.getByText('合肥市婚姻登记预约开通').waitFor();
    const row = (title: string) => table.locator('tr', { hasText: title });

    await row('安徽省社会救助条例解读').getByRole('button', { name: '置顶' }).click();
    await row('安徽省社会救助条例解读').getByText('置顶', { exact: true }).waitFor();
    await row('合肥市婚姻登记预约开通').getByRole('button', { name: '隐藏' }).click();
    await row('合肥市婚姻登记预约开通').getByText('已隐藏').waitFor();

    await row('安徽省养老服务补贴申领指南').getByRole('button', { name: '标签' }).click();
    const tags = page.getByTestId('tags-input');
    await tags.locator('input').fill('养老服务');
    await tags.locator('input').press('Enter');
    await tags.locator('input').fill('这是一个超过十六个字的标签名称用来测试服务器');
    await tags.locator('input').press('Enter');
    await page.getByTestId('tags-save').click();
    await page.getByTestId('tags-error').getByText('标签最多16个字').waitFor();
    const before = (await json(`${server.url}/api/matrix/admin/articles?q=养老服务补贴`, { token })).items[0];
    assert.deepEqual(before.tags, []);
    await tags.locator('.ant-select-selection-item-remove').last().click();
    await page.getByTestId('tags-save').click();
    await row('安徽省养老服务补贴申领指南').getByText('养老服务', { exact: true }).waitFor();

    // What citizens see: the pinned article first, the hidden one gone, the tag searchable.
    const feed = await json(`${server.url}/api/matrix/articles`);
    assert.equal(feed.items[0].title, '安徽省社会救助条例解读');
    assert.ok(!feed.items.some((a: { title: string }) => a.title === '合肥市婚姻登记预约开通'));
    const tagged = await json(`${server.url}/api/matrix/articles?tag=${encodeURIComponent('养老服务')}`);
    assert.deepEqual(
      tagged.items.map((a: { title: string }) => a.title),
      ['安徽省养老服务补贴申领指南'],
    );
    await screenshot(page, 'matrix-articles');
  });

  it('distributes an article to members with progress per member, and retries only the failed one', async () => {
    // 芜湖's draft is refused once (quota).
    await json(`${server.url}/__wechat__/dev/faults`, {
      method: 'POST',
      body: { path: '/cgi-bin/draft/add', errcode: 45009, appid: wuhu.appid, times: 1 },
    });
    const table = page.getByTestId('matrix-articles');
    await table.locator('tr', { hasText: '安徽省养老服务补贴申领指南' }).getByRole('button', { name: '分发' }).click();
    // None chosen: the form says so and nothing is created.
    await clickUntil(page.getByTestId('distribute-submit'), page.getByText('请至少选择一个成员账号'));
    const members = page.getByTestId('distribute-members');
    for (const name of ['合肥民政', '芜湖民政']) await members.getByText(name).click();
    await page.getByTestId('distribute-submit').click();

    await page.getByRole('heading', { name: '分发任务' }).waitFor();
    const card = page.locator('[data-testid^="distribution-"]').first();
    await card.getByText('已发布 1 / 2').waitFor({ timeout: 30_000 });
    const wuhuRow = card.locator('tr', { hasText: '芜湖民政' });
    await wuhuRow.getByText('失败').waitFor();
    assert.match((await wuhuRow.textContent()) ?? '', /45009/);
    await screenshot(page, 'matrix-distribution-failed');

    await card.getByTestId('distribution-retry').click();
    await card.getByText('已发布 2 / 2').waitFor({ timeout: 30_000 });
    await wuhuRow.getByText('已发布').waitFor();
    assert.equal((await wuhuRow.locator('td').nth(2).textContent())?.trim(), '2');
    const { items } = await json(`${server.url}/api/matrix/admin/distributions`, { token });
    assert.deepEqual(items[0].counts, { pending: 0, submitted: 0, published: 2, failed: 0 });
    await screenshot(page, 'matrix-distribution');
  });

  it('adds a member whose credentials WeChat accepts — a wrong AppSecret is refused and adds nothing — and turns one off', async () => {
    const acc = { appid: `wxmx${randomBytes(6).toString('hex')}`, secret: `secret${randomBytes(12).toString('hex')}` };
    await json(`${server.url}/__wechat__/dev/apps`, { method: 'POST', body: { ...acc, type: 'mp' } });
    const count = async () => (await json(`${server.url}/api/matrix/admin/members`, { token })).items.length;
    await page.getByTestId('nav').getByText('成员账号').click();
    await page.getByTestId('matrix-members').getByText('芜湖民政').waitFor();
    await page.getByTestId('member-new').click();
    await page.getByTestId('member-name').fill('蚌埠民政');
    await page.getByTestId('member-appid').fill(acc.appid);
    await page.getByTestId('member-secret').fill(`wrong${acc.secret}`);
    await page.getByTestId('member-division').fill('340300');
    await page.getByTestId('member-category').fill('民政部门');
    await page.getByTestId('member-save').click();
    await page
      .getByTestId('member-error')
      .getByText(/公众号凭据校验未通过/)
      .waitFor();
    assert.equal(await count(), 3);

    await page.getByTestId('member-secret').fill(acc.secret);
    await page.getByTestId('member-save').click();
    const row = page.getByTestId('matrix-members').locator('tr', { hasText: '蚌埠民政' });
    await row.getByText('尚未同步').waitFor();
    assert.equal(await count(), 4);

    await row.getByTestId('member-active').click();
    await row.getByText('已停用').waitFor();
    const { items } = await json(`${server.url}/api/matrix/admin/members`, { token });
    assert.equal(items.find((m: { name: string }) => m.name === '蚌埠民政').active, false);
    assert.deepEqual(pageErrors, []);
  });

  it('edits a member: renames it keeping its AppSecret, and a new wrong AppSecret is refused and changes nothing', async () => {
    const row = page.getByTestId('matrix-members').locator('tr', { hasText: '蚌埠民政' });
    await row.getByTestId('member-edit').click();
    // The form opens with what is saved; the secret field is empty and may stay so.
    assert.equal(await page.getByTestId('member-name').inputValue(), '蚌埠民政');
    assert.equal(await page.getByTestId('member-secret').inputValue(), '');
    await page.getByTestId('member-secret').fill('wrong-secret-0000000000000');
    await page.getByTestId('member-save').click();
    await page
      .getByTestId('member-error')
      .getByText(/公众号凭据校验未通过/)
      .waitFor();
    const before = (await json(`${server.url}/api/matrix/admin/members`, { token })).items.find(
      (m: { name: string }) => m.name === '蚌埠民政',
    );
    assert.ok(before, 'nothing was changed by the refused edit');

    await page.getByTestId('member-secret').fill('');
    await page.getByTestId('member-name').fill('蚌埠市民政局');
    await page.getByTestId('member-save').click();
    await page.getByTestId('matrix-members').getByText('蚌埠市民政局').waitFor();
    const after = (await json(`${server.url}/api/matrix/admin/members`, { token })).items.find(
      (m: { id: number }) => m.id === before.id,
    );
    assert.equal(after.name, '蚌埠市民政局');
    assert.equal(after.appid, before.appid);
    assert.deepEqual(pageErrors, []);
  });
});
