import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST_DIR,
  ensureWeappBuild,
  loadCompiledApp,
  type LoadedApp,
  MINIPROGRAM_DIR,
  type WxRequest,
  sleep,
  waitFor,
  text,
} from './simulate-env';

const QR =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const LINKS = {
  mine: [
    {
      id: 5,
      relation: 'parent',
      relationName: '父母',
      status: 'confirmed',
      statusName: '已绑定',
      elderName: '周**',
      requesterName: '周**',
      createdAt: '2026-12-06T08:00:00.000Z',
      confirmedBy: 'hall',
    },
  ],
  incoming: [
    {
      id: 9,
      relation: 'spouse',
      relationName: '配偶',
      status: 'pending',
      statusName: '待长辈确认',
      elderName: '周**',
      requesterName: '钱**',
      createdAt: '2026-12-06T09:00:00.000Z',
      confirmedBy: null,
    },
  ],
};
const MENU = {
  id: 31,
  placeId: 4,
  day: '2026-12-09',
  slot: 'lunch',
  slotName: '午餐',
  dishes: '清蒸鲈鱼、炒青菜、米饭',
  priceCents: 1500,
  portions: 20,
  remaining: 19,
  cutoffAt: '2026-12-09T01:30:00.000Z',
  open: true,
};
const ORDER = {
  id: 77,
  placeId: 4,
  placeName: '幸福助餐点',
  menuId: 31,
  day: '2026-12-09',
  slot: 'lunch',
  slotName: '午餐',
  dishes: MENU.dishes,
  dinerName: '周**',
  forFamily: true,
  priceCents: 1500,
  subsidyCents: 500,
  payCents: 1000,
  status: 'ordered',
  statusName: '已预订',
  cutoffAt: MENU.cutoffAt,
  cancellable: true,
  pickupCode: '77-3FA9C21B',
  pickupQr: QR,
  pickedUpAt: null,
};

const answer = (req: WxRequest) => {
  const url = new URL(req.url);
  const p = url.pathname;
  const ok = (data: unknown) => ({ statusCode: 200, data });
  if (p === '/api/site') return ok({ hotline: '96345', appName: '民政服务', areas: [] });
  if (p === '/api/auth/login')
    return ok({
      token: 't1',
      expiresAt: '2099-01-01T00:00:00Z',
      user: {
        id: 1,
        openidMasked: 'o***',
        name: '周*',
        idNumber: '110105********1234',
        phone: null,
        realNamed: true,
        phoneBound: false,
      },
    });
  if (p === '/api/elderly/family-links') return ok(LINKS);
  if (p === '/api/elderly/family-links/9/confirm' && req.method === 'POST')
    return ok({ ...LINKS.incoming[0], status: 'confirmed', statusName: '已绑定', confirmedBy: 'elder' });
  if (p === '/api/elderly/places/4/menus') return ok({ placeId: 4, placeName: '幸福助餐点', items: [MENU] });
  if (p === '/api/elderly/meal-orders') return ok({ items: [ORDER] });
  if (p === '/api/elderly/meals/quote')
    return ok({
      menuId: 31,
      dinerName: url.searchParams.get('linkId') === '5' ? '周**' : '周*',
      priceCents: 1500,
      subsidyCents: 500,
      payCents: 1000,
      subsidyNote: '年满60周岁的北京市朝阳区户籍老年人，每餐补贴5元',
    });
  if (p === '/api/elderly/places/7/assessment-slots')
    return ok({
      placeId: 7,
      placeName: '颐康养老院',
      items: [{ id: 3, placeId: 7, day: '2026-12-09', period: 'am', periodName: '上午', capacity: 3, remaining: 2 }],
    });
  if (p === '/api/elderly/assessments')
    return ok({
      items: [
        {
          number: 'PG-20261207-8KQ2',
          placeName: '颐康养老院',
          day: '2026-12-09',
          periodName: '上午',
          bookingCode: 'K7M2QX9P',
          subjectName: '周**',
          stage: 'assess',
          stageName: '待评估',
          status: 'open',
          level: null,
          levelName: null,
        },
      ],
    });
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
};

/**
 * The compiled weapp's 亲属绑定, 助餐 and 能力评估 pages, from their real templates in
 * miniprogram-simulate: a link the window confirmed and a request to confirm; a station's menu
 * for a linked parent with the server's 您应付, and the parent's order with its pickup QR and code;
 * an institution's slots and the booking made for the parent.
 */
describe('compiled weapp 亲属绑定, 助餐 and 能力评估 pages in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;

  before(() => {
    ensureWeappBuild();
    if (!fs.existsSync(path.join(DIST_DIR, 'packages/elderly/pages/meals/index.wxml')))
      execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
    mp = loadCompiledApp(answer);
  });

  it('亲属绑定: shows the link confirmed at the window and confirms an incoming request', async () => {
    const page = mp.renderPage('packages/elderly/pages/family/index', {});
    const cases = await waitFor(() => {
      const all = page.querySelectorAll('.el-case');
      return all.length >= 2 ? all : undefined;
    }, 'the links');
    const texts = cases.map(text);
    assert.ok(
      texts.some((t: string) => /钱\*\* 申请绑定您为其配偶/.test(t)),
      texts.join('|'),
    );
    assert.ok(
      texts.some((t: string) => /父母 周\*\*.*已绑定（窗口工作人员核对身份证后确认）/.test(t)),
      texts.join('|'),
    );
    const confirm = page.querySelectorAll('.nut-button').find((b: any) => text(b) === '确认绑定');
    assert.ok(confirm, 'the 确认绑定 button');
    const before = mp.wx.requests.length;
    confirm.dispatchEvent('tap');
    await waitFor(
      () => mp.wx.requests.slice(before).find((r) => r.url.endsWith('/api/elderly/family-links/9/confirm')),
      'the confirmation request',
    );
  });

  it('助餐: orders for the linked parent at the server’s price and shows her pickup QR and code', async () => {
    const page = mp.renderPage('packages/elderly/pages/meals/index', { placeId: '4' });
    const meal = await waitFor(() => page.querySelector('.el-meal'), 'the menu');
    assert.match(text(meal), /午餐.*15元.*清蒸鲈鱼.*剩余19份/);
    const code = await waitFor(() => page.querySelector('.el-pickup__code'), 'the pickup code');
    assert.equal(text(code), '取餐码 77-3FA9C21B');
    const qr = page.querySelector('.el-pickup__qr');
    // miniprogram-simulate renders <image> without reflecting its src (the H5 story checks the data URL).
    assert.equal(qr.dom.tagName.toLowerCase(), 'wx-image');
    assert.match(text(page.querySelector('.el-case')), /用餐人 周\*\*（我为家人订）/);

    const forMother = await waitFor(
      () => page.querySelectorAll('.el-chip').find((c: any) => text(c) === '父母 周**'),
      'the confirmed parent among 为谁办理',
    );
    forMother.dispatchEvent('tap');
    await sleep(50);
    meal.dispatchEvent('tap');
    const pay = await waitFor(() => page.querySelector('.el-pay__amount'), 'the quote');
    assert.equal(text(pay), '您应付 10元');
    const asked = mp.wx.requests.filter((r) => r.url.includes('/api/elderly/meals/quote'));
    assert.match(asked[asked.length - 1].url, /menuId=31.*linkId=5|linkId=5.*menuId=31/);
  });

  it('能力评估: lists the slots and the booking made for the parent', async () => {
    const page = mp.renderPage('packages/elderly/pages/assessment/index', { placeId: '7' });
    const slot = await waitFor(() => page.querySelector('.el-fee'), 'the slots');
    assert.match(text(slot), /2026-12-09 上午.*预约（余2）/);
    const booking = await waitFor(() => page.querySelector('.el-case'), 'my bookings');
    assert.match(text(booking), /周\*\* · 颐康养老院.*2026-12-09 上午 · 待评估.*PG-20261207-8KQ2/);
    // The appointment is a booking of 我的预约: its code, which opens the booking there.
    assert.match(text(booking), /预约码 K7M2QX9P（在「我的预约」中查看）/);
  });
});
