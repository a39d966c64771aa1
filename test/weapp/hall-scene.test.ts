import assert from 'node:assert/strict';
import { ensureWeappBuild, loadCompiledApp, type LoadedApp, type WxRequest, waitFor } from './simulate-env';

// What the server answers for a scene it made, and for one it did not (see server/test/halls).
const SCENE = 'h1.1.2.AbC_9x';
const HALL = {
  id: 1,
  name: '朝阳区婚姻登记处',
  divisionCode: '110105',
  divisionName: '北京市朝阳区',
  address: '北京市朝阳区测试路1号',
  location: { latitude: 39.92, longitude: 116.44 },
  phone: '010-12345678',
  hoursText: '09:00-12:00，13:30-17:00',
  now: { open: true, text: '办公中，12:00 前可取号', until: '12:00' },
  intro: null,
  hours: {
    sessions: [
      ['09:00', '12:00'],
      ['13:30', '17:00'],
    ],
    lunchBreak: ['12:00', '13:30'],
    text: '法定工作日 09:00-12:00，13:30-17:00',
  },
  closedWeekdays: [],
  today: { date: '2026-12-01', open: true, note: '正常办公' },
  windows: [
    {
      number: '1',
      name: '结婚登记窗口',
      priorityLane: false,
      services: [{ code: 'MZ-HY-01', name: '内地居民结婚登记' }],
    },
  ],
  services: [
    {
      code: 'MZ-HY-01',
      name: '内地居民结婚登记',
      area: 'marriage',
      areaName: '婚姻服务',
      type: '行政确认',
      bookable: true,
      visits: 1,
      promisedLimit: '当场办结',
      fee: '不收费',
    },
  ],
};

const answer = (req: WxRequest) => {
  const p = new URL(req.url).pathname;
  if (p === '/api/auth/login') {
    return {
      statusCode: 200,
      data: {
        token: 't1',
        expiresAt: '2099-01-01T00:00:00Z',
        user: {
          id: 1,
          openidMasked: 'o***',
          name: null,
          idNumber: null,
          phone: null,
          realNamed: false,
          phoneBound: false,
        },
      },
    };
  }
  // The compiled app launches once per process and keeps the first hotline: answer like home.test.ts.
  if (p === '/api/site') return { statusCode: 200, data: { hotline: '96345', appName: '民政服务', areas: [] } };
  if (p === `/api/scenes/${encodeURIComponent(SCENE)}`)
    return { statusCode: 200, data: { hallId: 1, windowNumber: '1', serviceCode: 'MZ-HY-01', hall: HALL } };
  if (p.startsWith('/api/scenes/'))
    return {
      statusCode: 404,
      data: {
        error: {
          code: 'SCENE_UNKNOWN',
          message: '无法识别该二维码，它可能不是本平台的办事大厅码。您可以在大厅列表中选择要去的大厅。',
        },
      },
    };
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } };
};

const text = (page: any, selector: string) => page.querySelector(selector)?.dom.textContent as string | undefined;

describe('compiled weapp hall page launched from a scanned code (scene) in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;

  before(() => {
    ensureWeappBuild();
    mp = loadCompiledApp(answer);
  });

  it('reads the URL-encoded scene, resolves it, and shows the hall with its services', async () => {
    const page = mp.renderPage('packages/halls/pages/hall/index', { scene: encodeURIComponent(SCENE) });
    const name = await waitFor(() => text(page, '.hl-head__name'), 'hall name');
    assert.equal(name, '朝阳区婚姻登记处');
    assert.ok(
      mp.wx.requests.some((r) => new URL(r.url).pathname === `/api/scenes/${encodeURIComponent(SCENE)}`),
      'asked the server about the scene',
    );
    assert.match(text(page, '.hl-badge') ?? '', /办公中/);
    const services = page.querySelectorAll('.hl-row__title').map((n: any) => n.dom.textContent);
    assert.ok(services.includes('内地居民结婚登记'));
    assert.match(page.dom.textContent, /1 号窗口附近/);
  });
  // The refusal page for a foreign or withdrawn scene is checked in Chromium (test/h5/hall-booking.test.ts):
  // miniprogram-simulate renders each compiled page once per process.
});
