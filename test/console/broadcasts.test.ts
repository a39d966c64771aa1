import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn, navTo } from './console-tools';

describe('Console in Chromium: a broadcast composed by one person is approved by another, and goes out', function () {
  this.timeout(240_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let broadcastId: number;
  const editor = { username: 'news.chaoyang', password: 'Chaoyang-news-2026' };
  const approver = { username: 'review.chaoyang', password: 'Chaoyang-review-2026' };
  const pageErrors: string[] = [];
  const openids = Array.from({ length: 3 }, () => `o_con_${randomBytes(6).toString('hex')}`);

  before(async () => {
    ensureConsoleBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('console_broadcasts') });
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    // The editor also holds the approver role: still, nobody approves their own broadcast.
    for (const [who, roles] of [
      [editor, ['editor', 'approver']],
      [approver, ['approver']],
    ] as const)
      await json(`${server.url}/api/staff/accounts`, {
        method: 'POST',
        token,
        body: {
          ...who,
          displayName: who === editor ? '朝阳区宣传' : '朝阳区审核',
          roles,
          scope: { divisions: ['110105'], halls: [] },
        },
      });
    // Three followers through a campaign QR code of 朝阳; one cannot be reached this time.
    const { scene } = await json(`${server.url}/api/staff/mp/scenes`, {
      method: 'POST',
      token,
      body: { kind: 'campaign', title: '冬季救助宣传', divisionCode: '110105', days: 7 },
    });
    for (const openid of openids)
      await json(`${server.url}/__wechat__/dev/mp/scan`, { method: 'POST', body: { openid, ticket: scene.ticket } });
    await json(`${server.url}/__wechat__/dev/mp/undeliverable`, { method: 'POST', body: { openid: openids[2] } });
    await server.app.platform.jobs.drain();
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the editor composes for 朝阳: the reach is counted and the message shown on a phone as WeChat will cut it', async () => {
    await signIn(page, server.url, editor.username, editor.password);
    await page.getByTestId('home-areas').waitFor();
    await navTo(page, '群发通知', '公众号与通知');
    await page.getByTestId('empty').getByText('暂无群发通知').waitFor();
    await page.getByTestId('broadcast-new').click();
    await page.getByTestId('compose-division').fill('110105');
    await page.getByTestId('compose-count').getByText('将发送给 3 位关注者').waitFor();
    await page.getByTestId('compose-title').fill('冬季临时救助申请提醒');
    await page
      .getByTestId('compose-content')
      .fill('今冬遇到突发困难的家庭，可向所在街道申请临时救助，也可在小程序中在线申请');
    await page.getByTestId('compose-date').fill('2026-12-10 09:00');
    // Over 20 characters: the phone shows what WeChat will show.
    await page.getByTestId('phone-content').getByText('今冬遇到突发困难的家庭，可向所在街道申…').waitFor();
    // Another region is outside the editor's scope: the server says so, before anything is sent.
    await page.getByTestId('compose-division').fill('4403');
    await page
      .getByTestId('compose-count')
      .getByText(/不在|范围|未找到/)
      .waitFor();
    await page.getByTestId('compose-division').fill('110105');
    await page.getByTestId('compose-count').getByText('将发送给 3 位关注者').waitFor();
    await screenshot(page, 'broadcast-compose');
    await page.getByTestId('compose-submit').click();
    await page.getByTestId('broadcast-status').getByText('待审核').waitFor();
    broadcastId = Number(/broadcasts\/(\d+)$/.exec(page.url())![1]);
  });

  it('the same editor cannot approve it: the server refuses and the page says why; nothing is sent', async () => {
    await page.getByTestId('broadcast-approve').click();
    await page.getByTestId('broadcast-error').getByText('群发通知须由撰写人以外的审核人批准').waitFor();
    await page.getByTestId('broadcast-status').getByText('待审核').waitFor();
    await screenshot(page, 'broadcast-own-approval');
    const { token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: editor });
    const { broadcast } = await json(`${server.url}/api/staff/notices/broadcasts/${broadcastId}`, { token });
    assert.equal(broadcast.status, 'pending');
    assert.equal(broadcast.counts.queued + broadcast.counts.delivered, 0);
  });

  it('another approver approves; the counts follow the delivery live; the outbox shows the failure and its class', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await signIn(page, server.url, approver.username, approver.password);
    await page.getByTestId('user-menu').getByText('朝阳区审核').waitFor();
    await page.goto(`${server.url}/console/notices/broadcasts/${broadcastId}`);
    await page.getByTestId('broadcast-approve').click();
    const counts = page.getByTestId('broadcast-counts');
    // Two delivered, one failed, without reloading the page.
    await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid=broadcast-counts]')?.textContent ?? '';
        return /已送达2/.test(text) && /失败1/.test(text);
      },
      undefined,
      { timeout: 90_000 },
    ); // delivery is queued work: on a busy machine it takes a while
    assert.match((await counts.textContent()) ?? '', /推送人数3/);
    const outbox = page.getByTestId('outbox');
    await outbox
      .getByTestId('failure-class')
      .getByText(/暂时未送达/)
      .waitFor();
    assert.equal(await outbox.getByText('已送达').count(), 2);
    await screenshot(page, 'broadcast-sent');
  });

  it('cancels a broadcast still waiting for approval', async () => {
    const { token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: editor });
    const { broadcast } = await json(`${server.url}/api/staff/notices/broadcasts`, {
      method: 'POST',
      token,
      body: {
        templateKey: 'notices.broadcast',
        data: { title: '测试取消', content: '这条通知将被取消', date: '2026-12-11 09:00' },
        segment: { kind: 'region', divisionCode: '110105' },
      },
    });
    await page.goto(`${server.url}/console/notices/broadcasts/${broadcast.id}`);
    await page.getByTestId('broadcast-cancel').click();
    // The confirmation's own button (the page's button has the same name): waits for it to open.
    await page.locator('.ant-popconfirm-buttons').getByRole('button', { name: '取消群发' }).click();
    await page.getByTestId('broadcast-status').getByText('已取消').waitFor();
    const { broadcast: after } = await json(`${server.url}/api/staff/notices/broadcasts/${broadcast.id}`, { token });
    assert.equal(after.status, 'cancelled');
    await page.goto(`${server.url}/console/notices/broadcasts`);
    await page.getByTestId('broadcasts').getByText('已取消').waitFor();
    await page
      .getByTestId('broadcasts')
      .getByText('已发送')
      .or(page.getByTestId('broadcasts').getByText('发送中'))
      .first()
      .waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('the editor keeps a keyword reply: a follower’s message gets it, and no longer once it is turned off', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await signIn(page, server.url, editor.username, editor.password);
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${server.url}/console/notices/replies`);
    await page.getByTestId('replies').getByText('暂无关键词回复').waitFor();
    await page.getByTestId('reply-new').click();
    await page.getByTestId('reply-keywords').locator('input').fill('临时救助');
    await page.keyboard.press('Enter');
    await page.getByTestId('reply-question').fill('如何申请临时救助？');
    await page
      .getByTestId('reply-answer')
      .fill('遇到突发困难可向户籍或居住地街道（乡镇）申请临时救助，也可在小程序「社会救助」中在线申请。');
    await page.getByTestId('reply-save').click();
    await page.getByTestId('replies').getByText('如何申请临时救助？').waitFor();
    await screenshot(page, 'replies');
    const ask = async () =>
      (await json(`${server.url}/__wechat__/dev/mp/text`, {
        method: 'POST',
        body: { openid: openids[0], content: '请问临时救助怎么申请' },
      })) as Record<string, unknown>;
    assert.match(JSON.stringify(await ask()), /也可在小程序「社会救助」中在线申请/);
    await page.getByTestId('reply-enabled').click();
    await page.getByText('已停用').waitFor();
    // Staff edits reach the answering process at once (this one) — the kept reply is gone.
    assert.doesNotMatch(JSON.stringify(await ask()), /也可在小程序「社会救助」中在线申请/);
    assert.deepEqual(pageErrors, []);
  });
});
