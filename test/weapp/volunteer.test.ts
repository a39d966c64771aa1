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

const ACTIVITY = {
  id: 41,
  title: '社区助老读报',
  type: 'elderly',
  typeName: '关爱老人',
  org: { id: 5, name: '朝阳区阳光志愿服务队', contact: '010-65000000' },
  description: '为社区独居老人读报、聊天',
  tasks: '读报、陪伴',
  requirements: '有耐心',
  risks: '无特殊风险',
  insurance: true,
  quota: 10,
  placesLeft: 3,
  address: '北京市朝阳区某社区活动室',
  lat: 39.921,
  lng: 116.443,
  startsAt: '2026-12-20T01:00:00.000Z',
  endsAt: '2026-12-20T04:00:00.000Z',
  signupDeadline: '2026-12-19T10:00:00.000Z',
  status: 'published',
  statusName: '招募中',
};
const FAR_ACTIVITY = {
  ...ACTIVITY,
  id: 42,
  title: '海淀公园清洁',
  placesLeft: 0,
  address: '北京市海淀区某公园',
  lat: 39.959,
  lng: 116.298,
};
const RECORD = {
  volunteer: { number: 'ZY20260000042', name: '林**', idNumber: '110105********1234' },
  approvedHours: 3.5,
  manualHours: 1,
  star: 0,
  activities: [],
  entries: [
    {
      id: 1,
      activityTitle: '社区助老读报',
      kindName: '扫码记录',
      manual: false,
      hours: 2.5,
      startAt: '2026-12-20T01:00:00Z',
      reason: null,
    },
    {
      id: 2,
      activityTitle: '社区助老读报',
      kindName: '补录',
      manual: true,
      hours: 1,
      startAt: '2026-12-20T03:00:00Z',
      reason: '设备故障',
    },
  ],
};
const CERTIFICATES = [
  {
    id: 9,
    number: 'ZM2026000000091A2B',
    status: 'issued',
    statusName: '有效',
    purpose: '学校综合素质评价',
    revokeReason: null,
  },
  { id: 8, number: null, status: 'requested', statusName: '待开具', purpose: '单位评优', revokeReason: null },
];
const MEMBERSHIPS = [
  {
    id: 3,
    orgId: 5,
    orgName: '朝阳区阳光志愿服务队',
    status: 'refused',
    statusName: '未通过',
    note: null,
    reason: '本队暂只招募朝阳区居民',
  },
];
const joined: unknown[] = [];
let pdfStatus = 200;
/** What the activity search answers (the map's markers come from it). */
let found: (typeof ACTIVITY)[] = [ACTIVITY, FAR_ACTIVITY];
/** `n` open activities around 朝阳, for a crowded map. */
const many = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    ...ACTIVITY,
    id: 100 + i,
    title: `社区活动${i + 1}`,
    lat: 39.92 + i / 1000,
    lng: 116.44 + i / 1000,
  }));

const answer = (req: WxRequest) => {
  const p = new URL(req.url).pathname;
  if (p === '/api/site') return { statusCode: 200, data: { hotline: '96345', appName: '民政服务', areas: [] } };
  if (p === '/api/auth/login')
    return {
      statusCode: 200,
      data: {
        token: 'weapp-token',
        expiresAt: '2099-01-01T00:00:00Z',
        user: {
          id: 1,
          openidMasked: 'o***',
          name: '林*',
          idNumber: null,
          phone: null,
          realNamed: true,
          phoneBound: false,
        },
      },
    };
  if (p === '/api/volunteer/activities') return { statusCode: 200, data: { items: found } };
  if (p === '/api/volunteer/activities/41') return { statusCode: 200, data: { activity: ACTIVITY } };
  if (p === '/api/volunteer/me/activities/41')
    return {
      statusCode: 200,
      data: { signup: { id: 7, status: 'approved', statusName: '已录用', reason: null }, attendance: null },
    };
  if (p === '/api/volunteer/me/record') return { statusCode: 200, data: RECORD };
  if (p === '/api/volunteer/me/certificates') return { statusCode: 200, data: { items: CERTIFICATES } };
  if (p === '/api/volunteer/me/certificates/9/pdf') return { statusCode: pdfStatus, data: '' };
  if (p === '/api/volunteer/orgs')
    return {
      statusCode: 200,
      data: { items: [{ id: 5, name: '朝阳区阳光志愿服务队', divisionCode: '110105', contact: '010-65000000' }] },
    };
  if (p === '/api/volunteer/me/orgs') return { statusCode: 200, data: { items: MEMBERSHIPS } };
  if (p === '/api/volunteer/orgs/5/join' && req.method === 'POST') {
    joined.push(typeof req.data === 'string' ? JSON.parse(req.data) : req.data);
    MEMBERSHIPS[0] = { ...MEMBERSHIPS[0], status: 'pending', statusName: '待审核', reason: null as never };
    return { statusCode: 201, data: { member: MEMBERSHIPS[0] } };
  }
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
};

/**
 * The compiled weapp's 志愿服务 pages in miniprogram-simulate: the activity page (organizer,
 * time, risks, insurance, my sign-up and the scan buttons WeChat shows), 我的志愿记录 with 补录
 * marked and a certificate opened through wx.downloadFile (with the session token) and
 * wx.openDocument, and the organizations page where a refused volunteer sees why and applies again.
 */
describe('compiled weapp 志愿服务 pages in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;

  before(() => {
    ensureWeappBuild();
    if (!fs.existsSync(path.join(DIST_DIR, 'packages/volunteer/pages/orgs/index.wxml')))
      execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
    mp = loadCompiledApp(answer);
    mp.wx.storage.set('mz.token', 'weapp-token');
  });

  const tapButton = async (page: any, label: string) => {
    const node = await waitFor(
      () => page.querySelectorAll('.nut-button').find((n: any) => text(n).includes(label)),
      `the button ${label}`,
    );
    node.dispatchEvent('tap');
  };

  it('shows an activity: organizer, time, risks, insurance, my sign-up and the scan buttons', async () => {
    const page = mp.renderPage('packages/volunteer/pages/activity/index', { id: '41' });
    const title = await waitFor(() => page.querySelector('.vo-title'), 'the activity');
    assert.equal(text(title), '社区助老读报');
    const lines = page.querySelectorAll('.vo-line').map(text).join('|');
    assert.match(lines, /2026-12-20 09:00/, 'Beijing time');
    assert.match(lines, /风险提示：无特殊风险/);
    assert.match(lines, /组织方为志愿者购买保险/);
    await waitFor(() => page.querySelectorAll('.vo-line').some((n: any) => /已录用/.test(text(n))), 'my sign-up');
    const buttons = page.querySelectorAll('.nut-button').map(text);
    assert.ok(
      buttons.some((b: string) => b.includes('扫码签到')),
      buttons.join('|'),
    );
    assert.equal(page.querySelector('.vo-input'), undefined, 'WeChat scans; no code to type');
  });

  it('shows my record with 补录 marked, and opens an issued certificate’s PDF in WeChat', async () => {
    const page = mp.renderPage('packages/volunteer/pages/record/index');
    await waitFor(() => page.querySelector('.vo-hours'), 'the record');
    assert.equal(text(page.querySelector('.vo-hours')), '3.5 小时');
    assert.equal(text(page.querySelector('.vo-manual')), '补录');
    const certs = await waitFor(() => {
      const lines = page.querySelectorAll('.vo-line').filter((n: any) => /ZM2026|待开具/.test(text(n)));
      return lines.length === 2 && lines;
    }, 'the certificates');
    assert.equal(certs.length, 2);
    const buttons = page.querySelectorAll('.nut-button').map(text);
    assert.equal(buttons.filter((b: string) => b.includes('查看证明 PDF')).length, 1, 'only the issued one has a PDF');

    await tapButton(page, '查看证明 PDF');
    await waitFor(() => mp.wx.documents.length === 1, 'the document opened');
    const download = mp.wx.downloads.at(-1)!;
    assert.match(download.url, /\/api\/volunteer\/me\/certificates\/9\/pdf$/);
    assert.equal(download.header?.Authorization, 'Bearer weapp-token');
    assert.deepEqual(mp.wx.documents[0], { filePath: 'wxfile://tmp_1.pdf', fileType: 'pdf' });

    // The server refuses (say, the certificate is not ready): a Chinese message, nothing opened.
    pdfStatus = 409;
    await sleep(50);
    await waitFor(() => !page.querySelector('.nut-button-loading'), 'the button to be ready again');
    await tapButton(page, '查看证明 PDF');
    await waitFor(
      () => page.querySelectorAll('.vo-warn').some((n: any) => text(n) === '证明暂时无法下载，请稍后再试'),
      'the message',
    );
    assert.equal(mp.wx.documents.length, 1);
    pdfStatus = 200;
  });

  it('shows why joining was refused and applies again with a note', async () => {
    const page = mp.renderPage('packages/volunteer/pages/orgs/index');
    const why = await waitFor(
      () => page.querySelectorAll('.vo-warn').find((n: any) => text(n).startsWith('未通过原因')),
      'the reason',
    );
    assert.equal(text(why), '未通过原因：本队暂只招募朝阳区居民');
    await tapButton(page, '重新申请');
    const note = await waitFor(() => page.querySelector('.vo-note'), 'the note');
    note.dispatchEvent('input', { detail: { value: '家住朝阳区，周末有空' } });
    await tapButton(page, '提交申请');
    await waitFor(() => joined.length === 1, 'the application');
    assert.deepEqual(joined[0], { note: '家住朝阳区，周末有空' });
    await waitFor(
      () => page.querySelectorAll('.vo-line').some((n: any) => text(n) === '朝阳区阳光志愿服务队 · 待审核'),
      'pending again',
    );
  });
  it('shows the activities found on the native map, one marker each, a marker opening its activity', async () => {
    const page = mp.renderPage('packages/volunteer/pages/index/index');
    await waitFor(() => page.querySelectorAll('.vo-card').length === 2, 'the list');
    const mapTab = page.querySelectorAll('.vo-tab').find((n: any) => text(n) === '地图');
    mapTab.dispatchEvent('tap');
    const map = await waitFor(() => page.querySelector('.vo-map__native'), 'the map');
    assert.equal(page.querySelectorAll('.vo-card').length, 0, 'the map instead of the list');
    assert.equal(page.querySelector('[data-testid="activity-pin"]'), undefined, 'no H5 pin board in WeChat');
    const markers = map.toJSON().attrs.find((a: any) => a.name === 'markers').value;
    assert.deepEqual(
      markers.map((m: any) => [m.id, m.latitude, m.longitude, m.callout.content, m.callout.display]),
      [
        [41, 39.921, 116.443, '社区助老读报\n剩余名额 3/10', 'ALWAYS'],
        [42, 39.959, 116.298, '海淀公园清洁\n剩余名额 0/10', 'ALWAYS'],
      ],
      'two markers: their callouts always shown',
    );
    assert.match(text(page.querySelector('.vo-map__legend')), /共 2 个活动/);
    map.dispatchEvent('markertap', { detail: { markerId: 42 } });
    await waitFor(() => mp.wx.navigateTo.at(-1)?.includes('activity/index?id=42'), 'the activity opened');
  });

  it('shows callouts always for up to 5 markers and on a tap for more, where they would cover each other', async () => {
    const calloutsOf = async (n: number) => {
      found = many(n);
      const page = mp.renderPage('packages/volunteer/pages/index/index');
      await waitFor(() => page.querySelectorAll('.vo-card').length === n, `the list of ${n}`);
      page
        .querySelectorAll('.vo-tab')
        .find((t: any) => text(t) === '地图')
        .dispatchEvent('tap');
      const map = await waitFor(() => page.querySelector('.vo-map__native'), 'the map');
      const markers = map.toJSON().attrs.find((a: any) => a.name === 'markers').value;
      assert.equal(markers.length, n);
      return [...new Set(markers.map((m: any) => m.callout.display))];
    };
    try {
      assert.deepEqual(await calloutsOf(5), ['ALWAYS'], '5 markers: callouts always shown');
      assert.deepEqual(await calloutsOf(6), ['BYCLICK'], '6 markers: a callout on a tap');
      assert.deepEqual(await calloutsOf(12), ['BYCLICK'], '12 markers: a callout on a tap');
    } finally {
      found = [ACTIVITY, FAR_ACTIVITY];
    }
  });

  it('asks only for activities with places left when 只看有名额 is on, and for all again when it is off', async () => {
    const page = mp.renderPage('packages/volunteer/pages/index/index');
    await waitFor(() => page.querySelectorAll('.vo-card').length === 2, 'the list');
    const searches = () =>
      mp.wx.requests.filter((r) => new URL(r.url).pathname === '/api/volunteer/activities').map((r) => r.url);
    const before = searches().length;
    const toggle = () => page.querySelector('.vo-open-only');
    assert.equal(text(toggle()), '只看有名额');
    toggle().dispatchEvent('tap');
    await waitFor(() => searches().length === before + 1, 'a search');
    assert.equal(new URL(searches().at(-1)!).searchParams.get('openOnly'), 'true');
    await waitFor(() => text(toggle()) === '✓ 只看有名额', 'the switch on');
    assert.match(toggle().dom.className, /vo-tab--on/);
    toggle().dispatchEvent('tap');
    await waitFor(() => searches().length === before + 2, 'another search');
    assert.equal(new URL(searches().at(-1)!).searchParams.has('openOnly'), false);
    await waitFor(() => text(toggle()) === '只看有名额', 'the switch off');
  });
});
