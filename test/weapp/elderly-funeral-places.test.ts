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
  waitFor,
  text,
} from './simulate-env';

const ELDERLY_PLACE = {
  id: 7,
  kind: 'institution',
  kindName: '养老机构',
  name: '朝阳区建外颐养院',
  divisionCode: '110105001003',
  address: '北京市朝阳区建外街道测试路1号',
  lat: 39.9,
  lng: 116.45,
  phone: '010-65000000',
  hours: '全天24小时',
  beds: 60,
  vacancies: 4,
  careLevels: ['severe', 'total'],
  careLevelNames: ['重度失能', '完全失能'],
  priceFromCents: 310_000,
  stars: 4,
  intro: '',
  updatedAt: '2026-12-06T08:00:00.000Z',
  fees: [
    { id: 1, item: '床位费（双人间）', unit: '元/月', priceCents: 310_000, note: '' },
    { id: 2, item: '押金', unit: '元/次', priceCents: 500_000, note: '退住时结清退还' },
  ],
};

const FUNERAL_PLACE = {
  place: {
    id: 3,
    kind: 'funeral_home',
    kindName: '殡仪馆',
    name: '朝阳区惠民殡仪馆（演示）',
    divisionCode: '110105',
    address: '北京市朝阳区演示路1号',
    phone: '010-85000000',
    hours: '全天24小时',
    services: ['遗体接运', '火化'],
    priceComplaintLine: '12358',
    waiverCaps: { local: 154_000 },
  },
  fees: [
    {
      code: 'cremation',
      name: '遗体火化',
      feeClass: 'basic',
      feeClassName: '基本服务（政府定价）',
      unit: 'body',
      unitName: '具',
      priceCents: 25_000,
      legalBasis: '《殡葬管理条例》（2026年修订）',
      waivers: [{ kind: 'local', name: '本地户籍火化基本殡葬服务费减免', maxQuantity: null }],
    },
    {
      code: 'storage',
      name: '遗体冷藏存放',
      feeClass: 'basic',
      feeClassName: '基本服务（政府定价）',
      unit: 'day',
      unitName: '天',
      priceCents: 8_000,
      legalBasis: '《殡葬管理条例》（2026年修订）',
      waivers: [{ kind: 'local', name: '本地户籍火化基本殡葬服务费减免', maxQuantity: 3 }],
    },
    {
      code: 'urn_fine',
      name: '精品骨灰盒',
      feeClass: 'optional',
      feeClassName: '选择性服务（政府指导价）',
      unit: 'piece',
      unitName: '个',
      priceCents: 120_000,
      legalBasis: '选择性殡葬服务政府指导价',
      waivers: [],
    },
  ],
};

const answer = (req: WxRequest) => {
  const p = new URL(req.url).pathname;
  if (p === '/api/site') return { statusCode: 200, data: { hotline: '96345', appName: '民政服务', areas: [] } };
  if (p === '/api/elderly/places/7') return { statusCode: 200, data: ELDERLY_PLACE };
  if (p === '/api/funeral/places/3') return { statusCode: 200, data: FUNERAL_PLACE };
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
};

/**
 * The compiled weapp's 养老机构 page and 殡仪馆 page, rendered from their real templates in
 * miniprogram-simulate: beds, levels and the fee list of a care home; the published fee list of
 * a funeral home split into 基本服务 and 选择性服务 with the 惠民 waivers and 12358.
 */
describe('compiled weapp 养老机构 and 殡仪馆 pages in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;

  before(() => {
    ensureWeappBuild();
    // a build from before these subpackages had their pages: build again
    if (
      !fs.existsSync(path.join(DIST_DIR, 'packages/elderly/pages/place/index.wxml')) ||
      !fs.existsSync(path.join(DIST_DIR, 'packages/funeral/pages/place/index.wxml'))
    )
      execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
    mp = loadCompiledApp(answer);
  });
  after(() => {
    mp.wx.navigateTo.length = 0;
  });

  it('shows a care home: free beds, the levels it accepts and its fee list', async () => {
    const page = mp.renderPage('packages/elderly/pages/place/index', { id: '7' });
    const name = await waitFor(() => page.querySelector('.el-place__name'), 'the place');
    assert.equal(text(name), '朝阳区建外颐养院');
    const rows = page.querySelectorAll('.el-row').map(text);
    assert.ok(rows.includes('空余床位4张'), rows.join('|'));
    assert.deepEqual(page.querySelectorAll('.el-level').map(text), ['重度失能', '完全失能']);
    const fees = page.querySelectorAll('.el-fee').map(text);
    assert.equal(fees.length, 2);
    assert.match(fees[0], /床位费（双人间）.*3100元\/月/);
    assert.match(fees[1], /押金.*退住时结清退还/);
  });

  it('shows a funeral home’s published fee list by class, with the waivers and 12358', async () => {
    const page = mp.renderPage('packages/funeral/pages/place/index', { id: '3' });
    const name = await waitFor(() => page.querySelector('.fu-place__name'), 'the place');
    assert.equal(text(name), '朝阳区惠民殡仪馆（演示）');
    assert.equal(text(page.querySelector('.fu-complaint-line')), '价格投诉举报电话：12358');
    assert.deepEqual(page.querySelectorAll('.fu-section__title').map(text), [
      '基本服务（政府定价）',
      '选择性服务（政府指导价）',
    ]);
    const fees = page.querySelectorAll('.fu-fee').map(text);
    assert.equal(fees.length, 3);
    assert.match(fees[0], /遗体火化.*250\.00元\/具.*惠民减免：本地户籍火化基本殡葬服务费减免/);
    assert.match(fees[1], /遗体冷藏存放.*80\.00元\/天.*（限3天）/);
    assert.doesNotMatch(fees[2], /惠民减免/);
  });
});
