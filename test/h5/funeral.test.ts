import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { setBeijingTime, staffAt } from '../../server/test/cases/support';
import { pngBytes } from '../../server/test/assistance/support';
import { demoPlaces } from '../../server/test/funeral/support';
import { loginCitizen } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { startServer } from '../support/server';
import { ARTIFACTS_DIR, openBrowser, type Browser } from './browser';
import { ensureFreshH5Build, screenshotWholePage } from './page-tools';

type Server = Awaited<ReturnType<typeof startServer>>;

const isApi =
  (p: string, method = 'GET') =>
  (r: Response) =>
    new URL(r.url()).pathname === p && r.request().method() === method;
const shot = (page: Page, name: string) =>
  screenshotWholePage(page, path.join(ARTIFACTS_DIR, `h5-funeral-${name}.png`));

/**
 * A son whose father died two days ago, in the H5 build: he reads the 殡仪馆's published fee list
 * (basic services at the government price with the 惠民 waivers, 12358), works through 身后一件事
 * — marks the 死亡证明 done and applies for 丧葬补助 in place —, and books 祭扫 for 冬至 for himself
 * and his mother, getting a pass (the page also says how the 绿色通道 works for those without a
 * phone); then he makes his father's 云祭扫 memorial page, lets a cousin's message through, lays a
 * flower and leaves his own message.
 */
describe('H5 殡葬服务: fee list → 身后一件事 → 祭扫 booking → 云祭扫, in Chromium', function () {
  this.timeout(300_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let places: Awaited<ReturnType<typeof demoPlaces>>;
  let token = '';
  const pageErrors: string[] = [];
  const call = async (p: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${server.url}${p}`, {
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: await res.json() };
  };

  before(async () => {
    ensureFreshH5Build();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    // Its own database: the story counts the seats left on the demo cemetery's 冬至 morning,
    // which the console's and the server's funeral stories book too.
    server = await startServer({ DATABASE_URL: await ownDatabase('h5_funeral') });
    setBeijingTime(server, '2026-12-20');
    places = await demoPlaces(server);
    const gate = await staffAt(server.url, ['110105'], ['funeral_staff'], '福园公墓');
    const opened = await fetch(`${server.url}/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...gate.auth },
      body: JSON.stringify({ date: '2026-12-22', from: '08:00', to: '10:00', capacity: 20, greenCapacity: 4 }),
    });
    assert.equal(opened.status, 201);
    browser = await openBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a 殡仪馆 and its published fee list with the 惠民 waivers and 12358', async () => {
    const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
    await page.goto(`${server.url}/#/packages/funeral/pages/index/index`);
    token = (await (await login).json()).token;
    const home = page.locator('.fu-place', { hasText: '朝阳区惠民殡仪馆（演示）' });
    await home.waitFor({ timeout: 60_000 });
    await home.click();
    const basic = page.locator('[data-testid="fees-basic"]');
    await basic.getByText('遗体火化').waitFor({ timeout: 30_000 });
    assert.match((await basic.textContent()) ?? '', /基本服务（政府定价）/);
    assert.match((await basic.textContent()) ?? '', /本地户籍火化基本殡葬服务费减免/);
    await page.getByText('价格投诉举报电话：12358').waitFor();
    await shot(page, 'fees');
  });

  it('身后一件事: marks the certificate done and applies for 丧葬补助 from the checklist', async () => {
    const started = await call('/api/funeral/checklists', {
      method: 'POST',
      body: { deceasedName: '赵永年', deathDate: '2026-12-18', deathPlace: 'hospital', divisionCode: '110105001001' },
    });
    assert.equal(started.status, 201);
    await page.goto(`${server.url}/#/packages/funeral/pages/checklist/index?id=${started.body.checklist.id}`);
    const cert = page.locator('[data-testid="step-death_cert"]');
    await cert.getByText('1. 开具死亡证明').waitFor({ timeout: 60_000 });
    assert.match((await cert.textContent()) ?? '', /办理机构：.*医/);
    await page
      .locator('[data-testid="step-hukou"]')
      .getByText(/请在 \d{4}-\d{2}-\d{2} 前办理/)
      .waitFor();
    await cert.locator('taro-button-core', { hasText: '标记已办' }).click();
    await cert.getByText('已办结').waitFor({ timeout: 30_000 });

    const subsidy = page.locator('[data-testid="step-subsidy"]');
    await subsidy.locator('input[placeholder="申请人姓名"]').fill('赵小军');
    const applied = page.waitForResponse(isApi(`/api/funeral/checklists/${started.body.checklist.id}/subsidy`, 'POST'));
    await subsidy.locator('taro-button-core', { hasText: '在线申请丧葬补助' }).click();
    assert.equal((await applied).status(), 201);
    await subsidy.getByText('县级民政部门审核', { exact: true }).waitFor({ timeout: 30_000 });
    await subsidy.getByText(/申请编号：SZ-/).waitFor();
    await shot(page, 'checklist');
  });

  it('books 祭扫 for 冬至 with one companion and gets a pass', async () => {
    await page.goto(`${server.url}/#/packages/funeral/pages/visit/index?id=${places.chaoyangCemetery}&date=2026-12-22`);
    const slot = page.locator('[data-testid="slot"]', { hasText: '08:00-09:00' });
    await slot.waitFor({ timeout: 60_000 });
    assert.match((await slot.textContent()) ?? '', /余16/, '4 of 20 are held for the 绿色通道');
    assert.match((await slot.textContent()) ?? '', /绿色通道余4/);
    // 60+ or disabled visitors without a phone: staff book them at the gate, and the page says how.
    const green = page.locator('[data-testid="green-channel"]');
    await green.getByText(/年满60周岁的老人或持残疾人证/).waitFor();
    await green.getByText(/由工作人员现场登记预约/).waitFor();
    await green.getByText(/咨询电话：\S+/).waitFor();
    await slot.click();
    await page.locator('input[placeholder="逝者姓名"]').fill('赵永年');
    await page.getByText('随行1人', { exact: true }).click();
    const booked = page.waitForResponse(isApi('/api/funeral/visits', 'POST'));
    await page.locator('[data-testid="book"]').click();
    assert.equal((await booked).status(), 201);
    const pass = page.locator('[data-testid="pass"]');
    await pass.waitFor({ timeout: 30_000 });
    assert.match((await pass.textContent()) ?? '', /2026-12-22 08:00-09:00/);
    assert.match((await pass.textContent()) ?? '', /祭扫对象：赵\*\* · 共2人/);
    const mine = await call('/api/funeral/visits');
    assert.equal(mine.body.items.length, 1);
    assert.ok((await pass.textContent())?.includes(mine.body.items[0].code));
    await shot(page, 'visit-pass');
    assert.deepEqual(pageErrors, []);
  });

  it('云祭扫: his father’s memorial page — a cousin’s message shown after he lets it through, a flower, his own message', async () => {
    const made = await call('/api/funeral/memorials', {
      method: 'POST',
      body: { deceasedName: '赵永年', bornOn: '1944-03-08', diedOn: '2026-12-18', biography: '退休教师，教书四十年。' },
    });
    assert.equal(made.status, 201);
    const code = made.body.memorial.code as string;
    const cousin = await loginCitizen(server.url);
    const left = await fetch(`${server.url}/api/funeral/memorials/${code}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...cousin.auth },
      body: JSON.stringify({ signature: '侄女 赵敏', content: '三叔，您教我写的第一个字我一直记得。' }),
    });
    assert.equal(left.status, 201);

    await page.goto(`${server.url}/#/packages/funeral/pages/memorial/index`);
    const card = page.locator(`[data-testid="memorial-${code}"]`);
    await card.getByText('有1条留言待您审核', { exact: false }).waitFor({ timeout: 60_000 });
    await card.click();
    const waiting = page.locator('[data-testid="waiting"]');
    await waiting.getByText(/侄女 赵敏：三叔/).waitFor({ timeout: 30_000 });
    const messages = page.locator('[data-testid="messages"]');
    assert.equal(await messages.getByText(/三叔/).count(), 0, 'not shown before the family lets it through');
    await waiting.locator('taro-button-core', { hasText: '显示' }).first().click();
    await messages.getByText(/三叔，您教我写的第一个字/).waitFor({ timeout: 30_000 });

    await page.locator('[data-testid="flower"]').click();
    await page.locator('[data-testid="flowers"]').getByText('亲友献花 1 次').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="flower"]').getByText('今日已献花').waitFor();

    await page
      .locator('[data-field="signature"] input, input[placeholder="署名，如：孙女 小红"]')
      .first()
      .fill('儿子 赵小军');
    await page.locator('[data-testid="message-form"] textarea').fill('爸，妈妈身体很好，您放心。');
    const sent = page.waitForResponse(isApi(`/api/funeral/memorials/${code}/messages`, 'POST'));
    await page.locator('[data-testid="message-send"]').click();
    assert.equal((await sent).status(), 201);
    await messages.getByText('爸，妈妈身体很好，您放心。').waitFor({ timeout: 30_000 });
    const seen = await fetch(`${server.url}/api/funeral/memorials/${code}`, { headers: cousin.auth });
    const body = await seen.json();
    assert.deepEqual(
      body.messages.map((m: { signature: string }) => m.signature),
      ['儿子 赵小军', '侄女 赵敏'],
    );
    await shot(page, 'memorial');
    assert.deepEqual(pageErrors, []);
  });

  it('云祭扫: he corrects his father’s life and sees the photo, then withdraws the page — its code says 「已撤下」', async () => {
    const made = await call('/api/funeral/memorials', {
      method: 'POST',
      body: { deceasedName: '赵永年', bornOn: '1944-03-08', diedOn: '2026-12-18', biography: '退休教师。' },
    });
    const code = made.body.memorial.code as string;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await pngBytes())], { type: 'image/png' }), 'father.png');
    const photo = await fetch(`${server.url}/api/funeral/memorials/${code}/photo`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    assert.equal(photo.status, 200);

    await page.goto(`${server.url}/#/packages/funeral/pages/memorial/index?code=${code}`);
    await page.reload(); // the same page with another ?code: load it afresh
    const manage = page.locator('[data-testid="manage"]');
    await manage.waitFor({ timeout: 60_000 });
    // The photo shows (Taro's <Image> holds an <img>; it has loaded when it has a width).
    const img = page.locator('[data-testid="memorial"] img').first();
    await img.waitFor({ state: 'attached', timeout: 30_000 });
    for (let i = 0; i < 60 && !(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)); i++)
      await page.waitForTimeout(500);
    assert.ok(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), 'the photo loaded');
    assert.match(String(await img.getAttribute('src')), new RegExp(`/api/funeral/memorials/${code}/photo\\?v=1$`));

    await page.locator('[data-testid="edit"]').click();
    await page.locator('[data-testid="edit-form"] textarea').fill('退休教师，教书四十年，爱下象棋。');
    const saved = page.waitForResponse(isApi(`/api/funeral/memorials/${code}`, 'PUT'));
    await page.locator('[data-testid="edit-save"]').click();
    assert.equal((await saved).status(), 200);
    await page
      .locator('[data-testid="memorial"]')
      .getByText('退休教师，教书四十年，爱下象棋。')
      .waitFor({ timeout: 30_000 });

    await page.locator('[data-testid="withdraw"]').click();
    const withdrawn = page.waitForResponse(isApi(`/api/funeral/memorials/${code}`, 'DELETE'));
    await page.locator('.taro-modal__foot .taro-model__btn', { hasText: '撤下' }).click();
    assert.equal((await withdrawn).status(), 200);
    // The page goes back to the list by itself; opening the code before that redirect lands would
    // be overtaken by it.
    await page.waitForURL((url) => !url.hash.includes(`code=${code}`), { timeout: 30_000 });

    await page.goto(`${server.url}/#/packages/funeral/pages/memorial/index?code=${code}`);
    await page.reload();
    await page.locator('[data-testid="error"]').getByText('纪念页已撤下').waitFor({ timeout: 60_000 });
    await page
      .locator('[data-testid="error"]')
      .getByText(/已由家属撤下/)
      .waitFor();
    await shot(page, 'memorial-withdrawn');
    assert.deepEqual(pageErrors, []);
  });
});
