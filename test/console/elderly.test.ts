import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { PlaceInput } from '../../server/src/modules/elderly';
import { openBrowser, type Browser } from '../h5/browser';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { loginCitizen } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD } from '../support/env';
import { startServer, type TestServer } from '../support/server';
import { ensureConsoleBuild, json, screenshot, signIn, navTo } from './console-tools';

/** An AntD InputNumber's input, whether the test id sits on the input or on its wrapper. */
const numberInput = (page: Page, id: string) =>
  page.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();

/** Beijing's date `days` from today ('YYYY-MM-DD'), whatever the machine's zone. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The staff of 建外街道's institutions keep vacancies and prices current in the console: they see
 * only their 街道's places, change free beds and the fee list, and the public directory shows it
 * at once; an edit on a copy someone else changed meanwhile is refused and nothing is lost.
 */
describe('Console in Chromium: institution staff update vacancies and prices, 助餐 menus and 能力评估', function () {
  this.timeout(300_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const staff = { username: `elderly.c${Date.now().toString(36)}`, password: 'Elderly-staff-2026' };
  const ids: number[] = [];
  const pageErrors: string[] = [];

  const place = (name: string, divisionCode: string, vacancies: number): PlaceInput => ({
    kind: 'institution',
    name,
    divisionCode,
    address: '北京市朝阳区建外街道测试路1号',
    lat: 39.9,
    lng: 116.45,
    phone: '010-65000000',
    hours: '全天24小时',
    beds: 60,
    vacancies,
    careLevels: ['intact', 'mild'],
    stars: 3,
    intro: '测试机构',
    fees: [{ item: '床位费', unit: '元/月', priceCents: 300_000 }],
  });

  before(async () => {
    ensureConsoleBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('console_elderly') });
    const api = server.app.modules.elderly;
    ids.push(await api.registerPlace(place('建外颐养院', '110105001003', 0)));
    ids.push(await api.registerPlace(place('永安里养老驿站', '110105001002', 2)));
    ids.push(await api.registerPlace(place('海淀某养老院', '110108019001', 5)));
    ids.push(await api.registerPlace({ ...place('建外社区助餐点', '110105001002', 0), kind: 'meal_point', beds: 0 }));
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...staff,
        displayName: '建外养老机构管理员',
        roles: ['elderly_staff'],
        scope: { divisions: ['110105001'], halls: [] },
      },
    });
    browser = await openBrowser({ desktop: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists only the places of their 街道, and saves free beds and a new fee', async () => {
    await signIn(page, server.url, staff.username, staff.password);
    // elderly_staff has three entries under 养老服务: open the group first.
    await navTo(page, '机构床位与收费', '养老服务');
    const table = page.getByTestId('places');
    await table.getByText('建外颐养院').waitFor({ timeout: 60_000 });
    await table.getByText('永安里养老驿站').waitFor();
    assert.equal(await table.getByText('海淀某养老院').count(), 0);
    await screenshot(page, 'elderly-places');

    await page.getByTestId(`edit-${ids[0]}`).click();
    const form = page.getByTestId('place-form');
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('空余床位').fill('61');
    await page.getByTestId('save-place').click();
    await form.getByText('空余床位数不能超过床位总数').waitFor();

    await form.getByLabel('空余床位').fill('4');
    await form.getByLabel('完全失能').check();
    await page.getByText('添加收费项目').click();
    await form.getByPlaceholder('收费项目').nth(1).fill('护理费（完全失能）');
    await form.getByPlaceholder('价格（元）').nth(1).fill('3800');
    await form.getByPlaceholder('说明（可选）').nth(1).fill('按月结算');
    await screenshot(page, 'elderly-edit');
    await page.getByTestId('save-place').click();
    await page.getByText('已更新，群众查询时立即可见').waitFor({ timeout: 30_000 });
    await table.locator('tr', { hasText: '建外颐养院' }).getByText('4', { exact: true }).waitFor();

    const pub = await json(`${server.url}/api/elderly/places/${ids[0]}`);
    assert.equal(pub.vacancies, 4);
    assert.deepEqual(pub.careLevels, ['intact', 'mild', 'total']);
    assert.deepEqual(
      pub.fees.map((f: { item: string; priceCents: number; note: string }) => [f.item, f.priceCents, f.note]),
      [
        ['床位费', 300_000, ''],
        ['护理费（完全失能）', 380_000, '按月结算'],
      ],
    );
  });

  it('refuses an edit on a copy changed meanwhile, with the reason, and keeps the other change', async () => {
    await page.getByTestId(`edit-${ids[1]}`).click();
    const form = page.getByTestId('place-form');
    await form
      .getByText('更新：永安里养老驿站')
      .or(page.getByText('更新：永安里养老驿站'))
      .first()
      .waitFor({ timeout: 30_000 });
    await form.getByPlaceholder('收费项目').first().waitFor({ timeout: 30_000 });
    assert.equal(await form.getByLabel('空余床位').inputValue(), '2', 'the form shows the place as read');
    // Someone else saves first (through the API, as another browser would).
    const { token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: staff });
    const current = await json(`${server.url}/api/staff/elderly/places/${ids[1]}`, { token });
    await json(`${server.url}/api/staff/elderly/places/${ids[1]}`, {
      method: 'PUT',
      token,
      body: {
        version: current.version,
        beds: 60,
        vacancies: 0,
        careLevels: ['intact'],
        fees: [{ item: '床位费', unit: '元/月', priceCents: 320_000 }],
      },
    });
    await form.getByLabel('空余床位').fill('9');
    await page.getByTestId('save-place').click();
    await page
      .getByTestId('save-error')
      .getByText('该机构信息已被他人更新，请刷新后重新填写')
      .waitFor({ timeout: 30_000 });
    const pub = await json(`${server.url}/api/elderly/places/${ids[1]}`);
    assert.equal(pub.vacancies, 0, 'the first change stands');
    // The refusal stays on screen until the clerk asks for the current copy, which fills the form.
    await page.getByTestId('reload-place').click();
    await page.getByTestId('save-error').waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await form.getByLabel('空余床位').inputValue(), '0', 'the form now shows the other change');
  });

  it("publishes a day's 助餐 menu, refuses a past day with the server's reason, and lists the day's orders masked", async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('place-form').waitFor({ state: 'detached', timeout: 30_000 });
    const day = beijingDay(3);
    await page.getByTestId('nav').getByText('助餐管理').click();
    await page.getByTestId('meal-place').getByText('建外社区助餐点').waitFor({ timeout: 60_000 });
    await page.getByTestId('meal-day').fill(day);
    await page.getByTestId('menu-lunch').getByText('午餐').click();
    await page.getByTestId('save-menu').click();
    await page.getByTestId('menu-error').getByText('请填写午餐的菜品、价格和份数').waitFor({ timeout: 30_000 });
    await page.getByTestId('dishes-lunch').fill('红烧鸡块、清炒西兰花、米饭');
    await numberInput(page, 'price-lunch').fill('15');
    await numberInput(page, 'portions-lunch').fill('30');
    await page.getByTestId('save-menu').click();
    await page.getByText('菜单已保存').waitFor({ timeout: 30_000 });

    const { token } = await json(`${server.url}/api/staff/login`, { method: 'POST', body: staff });
    const menu = await json(`${server.url}/api/staff/elderly/places/${ids[3]}/menus?day=${day}`, { token });
    assert.deepEqual(
      menu.items.map((m: { slot: string; priceCents: number; portions: number }) => [m.slot, m.priceCents, m.portions]),
      [['lunch', 1500, 30]],
    );
    const diner = await loginCitizen(server.url);
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token: diner.token,
      body: { name: '刘桂芬', idNumber: withCheckDigit(`11010519450610${String((Date.now() % 900) + 100)}`) },
    });
    await json(`${server.url}/api/elderly/meal-orders`, {
      method: 'POST',
      token: diner.token,
      body: { menuId: menu.items[0].id },
    });

    // The day list (刷新): the diner masked.
    await page.getByTestId('refresh-orders').click();
    const orders = page.getByTestId('meal-orders');
    await orders.getByText('刘**').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByText('刘桂芬').count(), 0, 'the name is masked');
    await screenshot(page, 'elderly-meals');

    // 核验取餐码 at the counter: the diner's code of this meal, scanned (typed) once.
    const code = (await json(`${server.url}/api/elderly/meal-orders`, { token: diner.token })).items[0].pickupCode;
    assert.match(code, /^\d+-[0-9A-F]{8}$/);
    const box = page.getByTestId('pickup-box');
    await page.getByTestId('pickup-code').fill(`${code.split('-')[0]}-00000000`);
    await page.getByTestId('pickup-verify').click();
    await box.getByText('取餐码无效').waitFor({ timeout: 30_000 });
    await page.getByTestId('pickup-code').fill(code);
    await page.getByTestId('pickup-code').press('Enter');
    await box.getByText('核验通过：午餐 · 刘**').waitFor({ timeout: 30_000 });
    await orders.getByText(/已取 \d\d:\d\d/).waitFor({ timeout: 30_000 });
    await page.getByTestId('pickup-code').fill(code);
    await page.getByTestId('pickup-verify').click();
    await box.getByText(/已于.*使用，每份餐只能取一次/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'elderly-pickup');

    // A past day: the server's reason, nothing saved.
    await page.getByTestId('meal-day').fill(beijingDay(-1));
    await page.getByTestId('menu-lunch').getByText('午餐').click();
    await page.getByTestId('dishes-lunch').fill('米饭');
    await numberInput(page, 'price-lunch').fill('5');
    await numberInput(page, 'portions-lunch').fill('3');
    await page.getByTestId('save-menu').click();
    await page.getByTestId('menu-error').getByText('只能发布今天及以后的菜单').waitFor({ timeout: 30_000 });
  });

  it('opens 能力评估 slots, confirms a booking and records the level', async () => {
    const day = beijingDay(3);
    await page.getByTestId('nav').getByText('能力评估').click();
    await page.getByTestId('slot-place').getByText('建外颐养院').waitFor({ timeout: 60_000 });
    await page.getByTestId('slot-day').fill(day);
    await page.getByTestId('save-slots').click();
    await page.getByTestId('slots-saved').getByText('上午4人（余4）').waitFor({ timeout: 30_000 });

    const slots = await json(`${server.url}/api/elderly/places/${ids[0]}/assessment-slots`);
    const citizen = await loginCitizen(server.url);
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token: citizen.token,
      body: { name: '孙玉兰', idNumber: withCheckDigit(`11010519420918${String((Date.now() % 900) + 100)}`) },
    });
    const { number } = await json(`${server.url}/api/elderly/assessments`, {
      method: 'POST',
      token: citizen.token,
      body: { slotId: slots.items[0].id },
    });
    await page.reload();
    await page.getByTestId(`open-${number}`).click({ timeout: 60_000 });
    const drawer = page.getByTestId('elderly-case');
    await drawer.getByText('待评估机构确认').first().waitFor({ timeout: 30_000 });
    await drawer.getByTestId('case-actions').getByText('确认预约').click();
    await page.getByTestId('submit-action').click();
    await page.getByText('已办理：确认预约').waitFor({ timeout: 30_000 });
    await drawer.getByTestId('case-actions').getByText('录入评估结果').click();
    await page.getByTestId('submit-action').click();
    await page.getByText('请选择评估结果等级').waitFor({ timeout: 30_000 });
    await page.getByTestId('level').click();
    await page.locator('.ant-select-item-option', { hasText: '中度失能' }).click();
    await page.getByTestId('submit-action').click();
    await page.getByText('已办理：录入评估结果').waitFor({ timeout: 30_000 });
    await screenshot(page, 'elderly-assessment');
    const mine = await json(`${server.url}/api/elderly/assessments`, { token: citizen.token });
    assert.deepEqual([mine.items[0].stageName, mine.items[0].levelName], ['已评估', '中度失能']);
    await page.keyboard.press('Escape');
  });

  it('an officer approves a 高龄津贴 an elder confirmed with one tap', async () => {
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const officer = { username: `elderly.o${Date.now().toString(36)}`, password: 'Elderly-officer-2026' };
    await json(`${server.url}/api/staff/accounts`, {
      method: 'POST',
      token,
      body: {
        ...officer,
        displayName: '朝阳区养老服务科',
        roles: ['elderly_officer'],
        scope: { divisions: ['110105'], halls: [] },
      },
    });
    const elder = await loginCitizen(server.url);
    const idNumber = withCheckDigit(`11010519400315${String((Date.now() % 900) + 100)}`);
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token: elder.token,
      body: { name: '王德福', idNumber },
    });
    const { number } = await json(`${server.url}/api/elderly/age-allowance`, {
      method: 'POST',
      token: elder.token,
      body: {},
    });

    // The staff member signs out.
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await signIn(page, server.url, officer.username, officer.password);
    // The officer's entries (审核, 助餐补贴规则, 亲属绑定窗口确认) sit under the 养老服务 group.
    await navTo(page, '养老补贴审核', '养老服务');
    await page.getByTestId(`open-${number}`).click({ timeout: 60_000 });
    const drawer = page.getByTestId('elderly-case');
    await drawer.getByText('县级审核').first().waitFor({ timeout: 30_000 });
    await drawer.getByTestId('case-actions').getByText('审核通过').click();
    await page.getByTestId('submit-action').click();
    await page.getByText('已办理：审核通过').waitFor({ timeout: 30_000 });
    await drawer.getByText('已批准，按月发放').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'elderly-case');
    const mine = await json(`${server.url}/api/elderly/applications`, { token: elder.token });
    assert.equal(mine.items[0].stageName, '已批准，按月发放');
  });

  it("keeps 朝阳's 助餐补贴 rule: adds it, changes it, and is refused another district's", async () => {
    await page.keyboard.press('Escape');
    await page
      .locator('.ant-drawer-mask')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch(() => undefined);
    await page.getByTestId('nav').getByText('助餐补贴规则').click();
    await page.getByTestId('rules-card').getByText('辖区内尚未设置助餐补贴规则').waitFor({ timeout: 60_000 });
    await page.getByTestId('rule-prefix').fill('110105');
    await numberInput(page, 'rule-age').fill('65');
    await numberInput(page, 'rule-per-meal').fill('5');
    await numberInput(page, 'rule-assessed').fill('8');
    await page.getByTestId('rule-save').click();
    const row = page.getByTestId('rules-table').locator('tr', { hasText: '110105' });
    await row.getByText('65周岁').waitFor({ timeout: 30_000 });
    await row.getByText('8 元').waitFor();

    await page.getByTestId('edit-110105').click();
    assert.equal(await numberInput(page, 'rule-age').inputValue(), '65', 'the form shows the rule as read');
    await numberInput(page, 'rule-age').fill('60');
    await page.getByTestId('rule-save').click();
    await row.getByText('60周岁').waitFor({ timeout: 30_000 });
    await screenshot(page, 'elderly-meal-rules');

    // 海淀 is not this officer's: refused in Chinese, nothing saved.
    await page.getByTestId('rule-prefix').fill('110108');
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-error').getByText('未找到该地区').waitFor({ timeout: 30_000 });
    const { token } = await json(`${server.url}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const rules = await json(`${server.url}/api/staff/elderly/meal-rules`, { token });
    assert.deepEqual(
      rules.items.map((r: { prefix: string; minAge: number; perMealCents: number }) => [
        r.prefix,
        r.minAge,
        r.perMealCents,
      ]),
      [['110105', 60, 500]],
    );
  });

  it("confirms at the window a son's link for his mother without a phone, after checking her ID card", async () => {
    const son = await loginCitizen(server.url);
    await json(`${server.url}/api/me/identity`, {
      method: 'PUT',
      token: son.token,
      body: { name: '钱志强', idNumber: withCheckDigit(`11010519720808${String((Date.now() % 900) + 100)}`) },
    });
    const motherId = withCheckDigit(`11010519360402${String((Date.now() % 900) + 100)}`);
    await json(`${server.url}/api/elderly/family-links`, {
      method: 'POST',
      token: son.token,
      body: { name: '钱秀英', idNumber: motherId, relation: 'parent' },
    });

    await page.getByTestId('nav').getByText('亲属绑定窗口确认').click();
    await page.getByTestId('hall-id').fill(motherId);
    await page.getByTestId('hall-name').fill('钱秀芳');
    await page.getByTestId('hall-look').click();
    const link = page.getByTestId('hall-link');
    await link.getByText('钱** 申请绑定长辈 钱**（父母）').waitFor({ timeout: 30_000 });
    // The name on the card is not the one the son gave: refused, nothing confirmed.
    await link.getByTestId('hall-confirm').click();
    await page
      .getByTestId('hall-error')
      .getByText(/姓名或身份证号与绑定申请不符/)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('hall-name').fill('钱秀英');
    await link.getByTestId('hall-confirm').click();
    await page
      .getByTestId('hall-done')
      .getByText(/已为长辈钱\*\*确认/)
      .waitFor({ timeout: 30_000 });
    await page.getByText('这位长辈没有待确认的亲属绑定').waitFor({ timeout: 30_000 });
    await screenshot(page, 'elderly-hall-link');
    const mine = await json(`${server.url}/api/elderly/family-links`, { token: son.token });
    assert.deepEqual([mine.mine[0].status, mine.mine[0].confirmedBy], ['confirmed', 'hall']);
    assert.deepEqual(pageErrors, []);
  });
});
