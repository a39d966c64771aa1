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

const ROUTE = 'packages/social-work/pages/requests/index';

const REQUEST = {
  id: 42,
  number: 'SG20261220000042',
  category: 'elderly',
  categoryName: '困难老人',
  status: 'closed',
  statusName: '已结案',
  stationName: '建外街道社工站',
  stationPhone: '010-65000001',
  workerName: '李社工',
  description: '母亲独居，行动不便，需要定期探访',
  createdAt: '2026-12-18T02:00:00.000Z',
  closedAt: '2026-12-20T02:00:00.000Z',
  closingSummary: '已探访并链接居家养老服务',
  rating: 4,
  ratingComment: '很耐心',
  canRate: false,
  complaintTrackingNo: null,
  canComplain: true,
  steps: [
    { at: '2026-12-18T02:00:00.000Z', label: '已提交求助' },
    { at: '2026-12-18T03:00:00.000Z', label: '社工站已安排社工' },
    { at: '2026-12-19T03:00:00.000Z', label: '走访（2026-12-19）' },
    { at: '2026-12-20T02:00:00.000Z', label: '服务已结案' },
  ],
};

const complaints: any[] = [];
const answer = (req: WxRequest) => {
  const p = new URL(req.url).pathname;
  if (p === '/api/site') return { statusCode: 200, data: { hotline: '96345', appName: '民政服务', areas: [] } };
  if (p === '/api/auth/login')
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
  if (p === '/api/social-work/me/requests') return { statusCode: 200, data: { items: [REQUEST] } };
  if (p === '/api/social-work/me/requests/42/complaint' && req.method === 'POST') {
    complaints.push(typeof req.data === 'string' ? JSON.parse(req.data) : req.data);
    return {
      statusCode: 201,
      data: { complaint: { trackingNo: 'TS20261220ABCD', targetName: '建外街道社工站' }, replayed: false },
    };
  }
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } };
};

/**
 * 我的求助 as WeChat runs it: the compiled page in miniprogram-simulate shows a closed request's
 * steps and rating; 投诉本次服务 asks for a reason before sending, sends the reason, the text and
 * one idempotency key to the complaint route, then links to the complaint's page in 我的投诉.
 */
describe('compiled weapp 社会工作 我的求助 page (progress and complaint) in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;
  let page: any;
  const tapText = async (selector: string, label: string) => {
    const node = await waitFor(
      () => page.querySelectorAll(selector).find((n: any) => text(n) === label),
      `${selector} ${label}`,
    );
    node.dispatchEvent('tap');
    await sleep(50);
  };

  before(() => {
    ensureWeappBuild();
    // a build from before the complaint form: build again
    const built = path.join(DIST_DIR, 'packages/social-work/pages/requests/index.js');
    if (!fs.existsSync(built) || !fs.readFileSync(built, 'utf8').includes('sw-complaint'))
      execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
    mp = loadCompiledApp(answer);
    mp.wx.navigateTo.length = 0;
    page = mp.renderPage(ROUTE);
  });
  after(() => {
    mp.wx.navigateTo.length = 0;
  });

  it('shows the steps, refuses a complaint without a reason, files it and links to it', async () => {
    const title = await waitFor(() => page.querySelector('.sw-title'), 'the request');
    assert.equal(text(title), '困难老人 · 已结案');
    const steps = page.querySelectorAll('.sw-step').map(text);
    assert.equal(steps.length, 4);
    assert.match(steps[2], /走访（2026-12-19）/);
    assert.ok(
      page
        .querySelectorAll('.sw-ok')
        .map(text)
        .some((t: string) => /您的评价：★★★★ 很耐心/.test(t)),
    );

    await tapText('.nut-button', '投诉本次服务');
    await tapText('.nut-button', '提交投诉');
    const warns = page.querySelectorAll('.sw-warn').map(text);
    assert.ok(warns.includes('请选择投诉原因'), warns.join('|'));
    assert.equal(complaints.length, 0, 'nothing sent without a reason');

    await tapText('.sw-tab', '服务态度差');
    const textarea = await waitFor(() => page.querySelector('.sw-complaint .sw-textarea'), 'the complaint text');
    textarea.dispatchEvent('input', { detail: { value: '社工上门时态度生硬，不愿听老人说完' } });
    await sleep(30);
    await tapText('.nut-button', '提交投诉');
    const link = await waitFor(() => page.querySelector('.sw-link'), 'the filed complaint');
    assert.equal(text(link), '已投诉（编号 TS20261220ABCD），查看办理进度 ›');
    assert.equal(complaints.length, 1);
    assert.equal(complaints[0].reason, 'attitude');
    assert.equal(complaints[0].content, '社工上门时态度生硬，不愿听老人说完');
    assert.match(complaints[0].idempotencyKey, /^[A-Za-z0-9_-]{8,64}$/);

    link.dispatchEvent('tap');
    await waitFor(() => mp.wx.navigateTo.length > 0, 'navigation');
    assert.equal(
      mp.wx.navigateTo.at(-1),
      '/packages/social-orgs/pages/complaint-detail/index?trackingNo=TS20261220ABCD',
    );
  });
});
