import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST_DIR,
  ensureWeappBuild,
  loadCompiledApp,
  MINIPROGRAM_DIR,
  type LoadedApp,
  type WxRequest,
  sleep,
  text,
  waitFor,
} from './simulate-env';

const ROUTE = 'packages/social-orgs/pages/index/index';

const org = (i: number, creditStatus: 'normal' | 'abnormal' | 'serious') => ({
  uscc: `53110105MJ000000${i}X`,
  name: ['北京市朝阳区书法家协会', '北京市朝阳区养老服务中心', '北京市朝阳区青少年发展基金会'][i],
  type: 'social_group',
  typeName: '社会团体',
  divisionCode: '110105',
  divisionName: '北京市朝阳区',
  authority: '北京市朝阳区民政局',
  status: 'active',
  statusName: '正常',
  creditStatus,
  creditStatusName: { normal: '正常', abnormal: '活动异常', serious: '严重违法失信' }[creditStatus],
  registeredAt: '2015-03-18',
});

const WARNING = {
  message: '您查询的名称与民政部门公布的涉嫌非法社会组织相符，请勿参加其活动或向其缴纳任何费用，如有线索请投诉举报。',
  matches: [{ id: 9, name: '中国国学文化研究总会', authority: '民政部', publishedAt: '2026-05-20', source: null }],
};

const answer = (req: WxRequest) => {
  const url = new URL(req.url);
  const p = url.pathname;
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
  if (p === '/api/social-orgs') {
    const q = url.searchParams.get('q');
    if (q === '国学文化研究总会')
      return { statusCode: 200, data: { items: [], total: 0, page: 1, pageSize: 10, warning: WARNING } };
    return {
      statusCode: 200,
      data: { items: [org(0, 'normal'), org(1, 'abnormal'), org(2, 'serious')], total: 3, page: 1, pageSize: 10 },
    };
  }
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } };
};

describe('compiled weapp 社会组织查询 in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;
  let page: any;

  before(() => {
    ensureWeappBuild();
    // a build from before this subpackage had its pages: build again
    if (!fs.existsSync(path.join(DIST_DIR, 'packages/social-orgs/pages/detail/index.wxml'))) {
      execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
    }
    mp = loadCompiledApp(answer);
    page = mp.renderPage(ROUTE);
  });
  // the app (and its recorder) is shared with the other weapp suites: leave no navigations behind
  after(() => {
    mp.wx.navigateTo.length = 0;
  });

  it('renders the results with their credit badges from the real templates', async () => {
    const names = await waitFor(() => {
      const nodes = page.querySelectorAll('.so-org__name');
      return nodes.length === 3 && nodes.map(text);
    }, 'three results');
    assert.deepEqual(names, ['北京市朝阳区书法家协会', '北京市朝阳区养老服务中心', '北京市朝阳区青少年发展基金会']);
    const badges = page.querySelectorAll('.so-org .so-credit');
    assert.deepEqual(badges.map(text), ['正常', '活动异常', '严重违法失信']);
    assert.ok(page.querySelector('.so-credit--normal'), 'green badge');
    assert.ok(page.querySelector('.so-credit--abnormal'), 'amber badge');
    assert.ok(page.querySelector('.so-credit--serious'), 'red badge');
    assert.equal(text(page.querySelector('.so-search__count')), '共找到 3 家社会组织');
    const search = mp.wx.requests.find((r) => new URL(r.url).pathname === '/api/social-orgs')!;
    assert.equal(new URL(search.url).searchParams.get('pageSize'), '10');
  });

  it('searches what is typed and shows the illegal-organization warning', async () => {
    const input = page.querySelector('.nut-searchbar-input');
    assert.ok(input, 'the search input');
    input.dispatchEvent('input', { detail: { value: '国学文化研究总会' } });
    await sleep(50);
    page.querySelector('.so-search__go').dispatchEvent('tap');
    const banner = await waitFor(() => page.querySelector('.so-warning'), 'the warning banner');
    assert.match(text(banner), /涉嫌非法社会组织预警/);
    assert.equal(text(page.querySelector('.so-warning__name')), '中国国学文化研究总会');
    const last = mp.wx.requests.filter((r) => new URL(r.url).pathname === '/api/social-orgs').at(-1)!;
    assert.equal(new URL(last.url).searchParams.get('q'), '国学文化研究总会');
  });

  it('a tap on 举报 opens the complaint form for that listed organization', async () => {
    const before = mp.wx.navigateTo.length;
    page.querySelector('.so-warning__report').dispatchEvent('tap');
    await waitFor(() => mp.wx.navigateTo.length > before, 'navigateTo');
    assert.equal(
      mp.wx.navigateTo.at(-1),
      `/packages/social-orgs/pages/complaint/index?illegalOrgId=9&name=${encodeURIComponent('中国国学文化研究总会')}`,
    );
  });
});
