import assert from 'node:assert/strict';
import { ensureWeappBuild, loadCompiledApp, type LoadedApp, type WxRequest, waitFor } from './simulate-env';

const AREA_NAMES = [
  '养老服务',
  '社会救助',
  '社会组织',
  '社会工作',
  '志愿服务',
  '救助寻亲',
  '社区治理',
  '婚姻服务',
  '殡葬服务',
  '区划地名',
];

const answer = (req: WxRequest) => {
  const p = new URL(req.url).pathname;
  if (p === '/api/site') return { statusCode: 200, data: { hotline: '96345', appName: '民政服务', areas: [] } };
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
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } };
};

describe('compiled weapp 首页 in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;
  let page: any;

  before(() => {
    ensureWeappBuild();
    mp = loadCompiledApp(answer);
    page = mp.renderPage('pages/index/index');
  });

  it('renders the ten area names from the real templates', async () => {
    const names = await waitFor(() => {
      const nodes = page.querySelectorAll('.mz-area-grid__name');
      return nodes.length === 10 && nodes.map((n: any) => n.dom.textContent);
    }, 'ten area tiles');
    assert.deepEqual(names, AREA_NAMES);
  });

  it('logs in with wx.login and shows the hotline from /api/site', async () => {
    await waitFor(
      () =>
        mp.wx.requests.some(
          (r) => r.url === 'http://localhost:3000/api/auth/login' && r.data?.code === 'simulate-code',
        ),
      'login',
    );
    const hotline = await waitFor(() => {
      const node = page.querySelector('.mz-hotline__number');
      return node && node.dom.textContent === '96345' && node.dom.textContent;
    }, 'hotline 96345');
    assert.equal(hotline, '96345');
  });

  it('a tap on an area calls wx.navigateTo with its subpackage path', async () => {
    const tiles = page.querySelectorAll('.mz-area-grid__item');
    const funeral = tiles.find((t: any) => t.dom.textContent.includes('殡葬服务'));
    assert.ok(funeral, 'the 殡葬服务 tile');
    funeral.dispatchEvent('tap');
    await waitFor(() => mp.wx.navigateTo.length > 0, 'navigateTo');
    assert.deepEqual(mp.wx.navigateTo, ['/packages/funeral/pages/index/index']);
  });
});
