import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { openBrowser, type Browser } from '../h5/browser';
import { ensureConsoleBuild, json, screenshot, signIn, navTo } from './console-tools';

describe('Console in Chromium: an editor edits the public account’s menu, saves it and pushes it to WeChat', function () {
  this.timeout(240_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const editor = { username: 'menu.editor', password: 'Menu-editor-2026' };
  const pageErrors: string[] = [];
  const wechatMenu = async () => (await json(`${server.url}/__wechat__/dev/mp/state`)).menu;
  const savedMenu = async (token: string) => json(`${server.url}/api/staff/mp/menu`, { token });

  before(async () => {
    ensureConsoleBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('console_menu') });
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: { ...editor, displayName: '公众号编辑', roles: ['editor'], scope: { divisions: [''], halls: [] } },
    });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('edits the tree within WeChat’s limits; a name the server refuses is marked on its field and nothing is saved', async () => {
    await signIn(page, server.url, editor.username, editor.password);
    await page.getByTestId('home-areas').waitFor();
    await navTo(page, '自定义菜单', '公众号与通知');
    await page.getByTestId('menu-state').getByText('尚未保存过：下面是系统默认菜单').waitFor();
    // The default menu has three buttons already: a fourth cannot be added.
    await page.getByTestId('menu-button-2').waitFor();
    assert.ok(await page.getByTestId('menu-add').isDisabled());
    await page.getByTestId('menu-add').getByText('一级菜单最多 3 个').waitFor();

    // 服务指南 has 3 sub-buttons: two more, then no more.
    const group = page.getByTestId('menu-button-2');
    await group.getByTestId('menu-add-sub-2').click();
    await group.getByTestId('menu-add-sub-2').click();
    assert.ok(await group.getByTestId('menu-add-sub-2').isDisabled());
    await group.getByText('子菜单最多 5 项').waitFor();
    const fourth = page.getByTestId('menu-sub-2-3');
    await fourth.getByTestId('menu-sub-name').fill('婚姻登记');
    await fourth.getByLabel('菜单键').fill('MARRIAGE');
    const fifth = page.getByTestId('menu-sub-2-4');
    await fifth.getByTestId('menu-sub-name').fill('困难群众临时救助在线申请与办理进度查询服务');
    await fifth.getByLabel('类型').click();
    await page.locator('.ant-select-item-option', { hasText: '打开网页' }).click();
    await fifth.getByLabel('网页地址').fill('https://mz.example.gov.cn/jiuzhu');
    await page.getByTestId('menu-state').getByText('有未保存的修改（推送前请先保存）').waitFor();
    assert.ok(await page.getByTestId('menu-push').isDisabled());

    await page.getByTestId('menu-save').click();
    await fifth.getByText('子菜单名称最多 20 个汉字（60 字节）').waitFor();
    await page.getByTestId('menu-error').getByText('子菜单名称最多 20 个汉字（60 字节）').waitFor();
    const { token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: editor });
    assert.equal((await savedMenu(token)).saved, false);

    await fifth.getByTestId('menu-sub-name').fill('临时救助');
    await page.getByTestId('menu-save').click();
    await page.getByTestId('menu-state').getByText('已保存，尚未推送到微信').waitFor();
    const saved = await savedMenu(token);
    assert.deepEqual(saved.menu.button[2].sub_button.slice(3), [
      { type: 'click', name: '婚姻登记', key: 'MARRIAGE' },
      { type: 'view', name: '临时救助', url: 'https://mz.example.gov.cn/jiuzhu' },
    ]);
    assert.equal(await wechatMenu(), null);
    await screenshot(page, 'mp-menu');
  });

  it('pushes the saved menu: a WeChat failure is explained and changes nothing, the next push reaches WeChat', async () => {
    await json(`${server.url}/__wechat__/dev/faults`, {
      method: 'POST',
      body: { path: '/cgi-bin/menu/create', errcode: 45009, times: 1 },
    });
    await page.getByTestId('menu-push').click();
    await page.getByTestId('menu-push-confirm').click();
    await page
      .getByTestId('menu-error')
      .getByText(/推送未成功，微信上的菜单没有变化/)
      .waitFor();
    assert.equal(await wechatMenu(), null);
    await page.getByTestId('menu-state').getByText('已保存，尚未推送到微信').waitFor();

    await page.getByTestId('menu-push').click();
    await page.getByTestId('menu-push-confirm').click();
    await page
      .getByTestId('menu-state')
      .getByText(/推送到微信$/)
      .waitFor();
    await page
      .getByTestId('menu-state')
      .getByText(/^已于 /)
      .waitFor();
    const menu = await wechatMenu();
    assert.equal(menu.button.length, 3);
    assert.deepEqual(
      menu.button[2].sub_button.map((b: { name: string }) => b.name),
      ['常见问题', '办公时间', '服务热线', '婚姻登记', '临时救助'],
    );
    await screenshot(page, 'mp-menu-pushed');
    assert.deepEqual(pageErrors, []);
  });
});
