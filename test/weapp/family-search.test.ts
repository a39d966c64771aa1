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

const NOTICE = {
  id: 31,
  status: 'open',
  statusLabel: '寻亲中',
  sexLabel: '男',
  ageRange: '68–75岁',
  heightCm: 168,
  accent: '河南口音',
  features: '左手缺小指',
  clothing: null,
  foundDate: '2026-10-20',
  foundPlace: '朝阳区建国门外大街公交站',
  station: { name: '朝阳区救助管理站', contact: '010-12345678' },
  photo: null,
};

const registered: any[] = [
  {
    id: 5,
    name: '赵**',
    idNumber: '130602********0013',
    sexLabel: '男',
    birthYear: 1950,
    conditionLabel: '认知障碍（失智）',
    homeDivisionCode: '130602',
    homePlace: '保定市竞秀区东风路12号',
    guardian: { name: '赵**', phone: '139****5678' },
    hasPhoto: false,
    consentAt: '2026-12-01T02:00:00.000Z',
  },
];
const posted: any[] = [];
const searches: any[] = [];
/** The family's searches as the server lists them (GET /api/family-search/searches), and those withdrawn. */
const mine: any[] = [];
const withdrawn: number[] = [];

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
  if (p === '/api/place-names/8')
    return {
      statusCode: 200,
      data: {
        id: 8,
        name: '天安门广场',
        pinyin: "Tian'anmen Guangchang",
        category: 'memorial',
        categoryLabel: '纪念地旅游景点',
        divisionCode: '110101',
        divisionName: '北京市东城区',
        location: '东城区东长安街北侧',
        lng: 116.3975,
        lat: 39.9087,
        meaning: '因位于天安门前而得名',
        history: '明代为宫廷广场，1950年代扩建',
        approvalBody: '北京市人民政府',
        approvalDate: '2024-05-20',
        status: 'current',
        formerName: null,
        announcements: [],
        culture: [
          {
            id: 1,
            placeNameId: 8,
            title: '天安门广场的由来',
            body: '天安门广场因位于天安门前而得名。',
            source: '《北京地名志》',
            publishedAt: '2026-12-01T02:00:00.000Z',
          },
        ],
      },
    };
  if (p === '/api/family-search/notices') return { statusCode: 200, data: { items: [NOTICE], hasMore: false } };
  if (p === '/api/family-search/wanderers' && (req.method ?? 'GET') === 'GET')
    return { statusCode: 200, data: { items: registered } };
  if (p === '/api/family-search/wanderers' && req.method === 'POST') {
    const body = typeof req.data === 'string' ? JSON.parse(req.data) : req.data;
    posted.push(body);
    const item = {
      id: 6,
      name: '钱**',
      idNumber: null,
      sexLabel: '女',
      birthYear: body.birthYear,
      conditionLabel: '智力残疾',
      homeDivisionCode: body.homeDivisionCode,
      homePlace: body.homePlace,
      guardian: { name: '钱**', phone: '138****3333' },
      hasPhoto: false,
      consentAt: '2026-12-06T02:00:00.000Z',
    };
    registered.push(item);
    return { statusCode: 201, data: item };
  }
  if (p === '/api/family-search/searches' && req.method === 'POST') {
    const body = typeof req.data === 'string' ? JSON.parse(req.data) : req.data;
    searches.push(body);
    mine.unshift({ id: 12, ...body, createdAt: '2026-12-06T02:00:00.000Z' });
    return { statusCode: 201, data: { id: 12, lastSeenDivisionCode: body.lastSeenDivisionCode } };
  }
  if (p === '/api/family-search/searches' && (req.method ?? 'GET') === 'GET')
    return { statusCode: 200, data: { items: mine } };
  if (p === '/api/family-search/searches/12/photo' && req.method === 'POST')
    return { statusCode: 200, data: { hasPhoto: true } };
  if (p === '/api/family-search/searches/12' && req.method === 'DELETE') {
    withdrawn.push(12);
    mine.splice(0, mine.length);
    return { statusCode: 200, data: { withdrawn: true } };
  }
  if (p === '/api/family-search/searches/12/matches')
    return {
      statusCode: 200,
      data: {
        items: [
          {
            noticeId: 31,
            score: 86,
            reasons: ['性别、年龄段、口音相符', '走失地与发现地相距 120 公里'],
            summary: '男，约68–75岁，2026-10-20发现于朝阳区建国门外大街公交站',
          },
        ],
      },
    };
  if (p === '/api/divisions') {
    const parent = new URL(req.url).searchParams.get('parent') ?? '';
    const items = DIVISIONS[parent];
    if (items) return { statusCode: 200, data: { items } };
  }
  const photo = p.match(/^\/api\/family-search\/wanderers\/(\d+)\/photo$/);
  if (photo && req.method === 'POST') {
    const item = registered.find((w) => w.id === Number(photo[1]));
    if (item) item.hasPhoto = true;
    return { statusCode: 200, data: { hasPhoto: true } };
  }
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
};

/** The levels the picker walks (GET /api/divisions?parent=…&deep=1), as the server answers them. */
const DIVISIONS: Record<string, { code: string; name: string; level: number; hasChildren: boolean }[]> = {
  '': [
    { code: '110000', name: '北京市', level: 1, hasChildren: true },
    { code: '130000', name: '河北省', level: 1, hasChildren: true },
  ],
  '130000': [{ code: '130600', name: '保定市', level: 2, hasChildren: true }],
  '130600': [{ code: '130681', name: '涿州市', level: 3, hasChildren: true }],
  '130681': [{ code: '130681001', name: '双塔街道', level: 4, hasChildren: true }],
  '130681001': [{ code: '130681001001', name: '范阳路社区', level: 5, hasChildren: false }],
};

/**
 * The compiled weapp's 救助寻亲 pages in miniprogram-simulate: the notices list with the entry to
 * 易走失人员登记, and the registration page — my registrations (masked), a form refused in Chinese
 * without consent (nothing sent), then sent with consent and listed.
 */
describe('compiled weapp 救助寻亲 and 易走失人员登记 pages in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;

  before(() => {
    ensureWeappBuild();
    if (
      !fs.existsSync(path.join(DIST_DIR, 'packages/family-search/pages/wanderers/index.wxml')) ||
      !fs.existsSync(path.join(DIST_DIR, 'packages/divisions/pages/place/index.wxml'))
    )
      execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
    mp = loadCompiledApp(answer);
  });
  after(() => {
    mp.wx.navigateTo.length = 0;
  });

  it('lists the notices with the station to call, and offers 易走失人员登记', async () => {
    const page = mp.renderPage('packages/family-search/pages/index/index');
    const card = await waitFor(() => page.querySelector('.mz-family__card'), 'a notice');
    assert.match(text(card), /男，68–75岁，河南口音/);
    assert.match(text(card), /朝阳区救助管理站：010-12345678/);
    const entry = page.querySelectorAll('.nut-button').find((n: any) => text(n) === '登记易走失家人');
    assert.ok(entry, 'the entry button');
    entry.dispatchEvent('tap');
    await waitFor(() => mp.wx.navigateTo.length > 0, 'navigation');
    assert.match(mp.wx.navigateTo.at(-1)!, /packages\/family-search\/pages\/wanderers\/index/);
  });

  it('shows my registrations masked; refuses without consent in Chinese; sends with consent and lists it', async () => {
    const page = mp.renderPage('packages/family-search/pages/wanderers/index');
    const item = await waitFor(() => page.querySelector('.mz-wanderers__item'), 'my registration');
    assert.match(text(item), /赵\*\*（男，1950年生）/);
    assert.match(text(item), /139\*\*\*\*5678/);
    assert.ok(!text(item).includes('13912345678'));

    const inputOf = (label: string) => {
      const fieldNode = page
        .querySelectorAll('.mz-field')
        .find((n: any) => n.dom.querySelector('[class*="mz-field__label"]')?.textContent.trim() === label);
      assert.ok(fieldNode, `field ${label}`);
      const input = page.querySelectorAll('.nut-input-native').find((i: any) => fieldNode.dom.contains(i.dom));
      assert.ok(input, `the input of ${label}`);
      return input;
    };
    const type = async (label: string, value: string) => {
      inputOf(label).dispatchEvent('input', { detail: { value } });
      await sleep(30);
    };
    const tap = async (label: string) => {
      const node = await waitFor(
        () => page.querySelectorAll('.nut-button').find((n: any) => text(n) === label),
        `button ${label}`,
      );
      node.dispatchEvent('tap');
      await sleep(60);
    };

    await type('姓名', '钱秀兰');
    await type('出生年份', '1948');
    await tap('女');
    await tap('智力残疾');
    // The home is picked level by level, not typed: 河北省 → 保定市 → 涿州市 → 双塔街道.
    await tap('选择');
    for (const name of ['河北省', '保定市', '涿州市', '双塔街道']) {
      const item = await waitFor(
        () =>
          page
            .querySelectorAll('.mz-division-picker__item')
            .find((n: any) => n.dom.querySelector('[class*="mz-division-picker__name"]')?.textContent === name),
        name,
      );
      item.dispatchEvent('tap');
      await sleep(60);
    }
    // The chosen path shows after the re-render the tap starts: waited for, not slept (a loaded machine renders late).
    const chosen = '河北省 / 保定市 / 涿州市 / 双塔街道';
    await waitFor(
      () => text(page.querySelector('.fs-division__chosen')) === chosen,
      `the chosen home ${chosen}`,
      10_000,
    ).catch(() => undefined);
    assert.equal(text(page.querySelector('.fs-division__chosen')), chosen);
    await type('居住地址', '涿州市范阳路8号');
    await tap('添加照片');
    await waitFor(() => page.querySelector('.fs-photo__preview'), 'the photo preview');
    await type('监护人姓名', '钱小梅');
    await type('监护人手机', '13822223333');
    await tap('提交登记');
    const warn = await waitFor(
      () => page.querySelectorAll('.mz-wanderers__warn').find((n: any) => text(n) === '请阅读并同意登记授权'),
      'the consent warning',
    );
    assert.ok(warn);
    assert.equal(posted.length, 0, 'nothing sent without consent');

    page.querySelector('.mz-wanderers__consent').dispatchEvent('tap');
    await sleep(60);
    await tap('提交登记');
    await waitFor(() => posted.length === 1, 'the registration sent');
    assert.deepEqual(
      {
        name: posted[0].name,
        sex: posted[0].sex,
        birthYear: posted[0].birthYear,
        condition: posted[0].condition,
        consent: posted[0].consent,
      },
      { name: '钱秀兰', sex: 'female', birthYear: 1948, condition: 'intellectual', consent: true },
    );
    assert.equal(posted[0].homeDivisionCode, '130681001', 'the 街道 picked, not a typed code');
    // The photo goes up after the registration, by wx.uploadFile (POST, field file) to its id.
    const upload = await waitFor(() => mp.wx.uploads.at(-1), 'the photo upload');
    assert.match(upload.url, /\/api\/family-search\/wanderers\/6\/photo$/);
    assert.equal(upload.name, 'file');
    assert.equal(upload.filePath, mp.wx.chosenImages.at(-1));
    await waitFor(() => page.querySelectorAll('.mz-wanderers__item').length === 2, 'the new registration listed');
    const done = await waitFor(() => page.querySelector('.mz-wanderers__notice'), 'the confirmation');
    assert.match(text(done), /已登记/);
    await waitFor(
      () =>
        page
          .querySelectorAll('.mz-wanderers__item')
          .map((n: any) => /照片：(已上传|未上传)/.exec(text(n))?.[1])
          .join() === '未上传,已上传',
      'the new registration listed with its photo',
    );
  });

  it('registers a family’s search with the same person fields and shows the ranked notices with their reasons', async () => {
    const page = mp.renderPage('packages/family-search/pages/search/index');
    await waitFor(
      () => page.querySelectorAll('.mz-empty').find((n: any) => text(n).includes('尚未登记寻找对象')),
      'the empty state',
    );
    const inputOf = (label: string) => {
      const fieldNode = page
        .querySelectorAll('.mz-field')
        .find((n: any) => n.dom.querySelector('[class*="mz-field__label"]')?.textContent.trim() === label);
      assert.ok(fieldNode, `field ${label}`);
      return page.querySelectorAll('.nut-input-native').find((i: any) => fieldNode.dom.contains(i.dom));
    };
    const type = async (label: string, value: string) => {
      inputOf(label).dispatchEvent('input', { detail: { value } });
      await sleep(30);
    };
    const tap = async (label: string) => {
      const node = await waitFor(
        () => page.querySelectorAll('.nut-button').find((n: any) => text(n) === label),
        `button ${label}`,
      );
      node.dispatchEvent('tap');
      await sleep(60);
    };
    await tap('男');
    await type('口音', '河北保定口音');
    await type('体貌特征', '左手缺小指');
    await type('走失时年龄（最小）', '70');
    await type('走失时年龄（最大）', '76');
    await type('走失日期', '2026-10-01');
    await tap('登记并查找');
    assert.equal(searches.length, 0, 'nothing sent without the place');
    await tap('选择');
    for (const name of ['河北省', '保定市', '涿州市']) {
      const item = await waitFor(
        () =>
          page
            .querySelectorAll('.mz-division-picker__item')
            .find((n: any) => n.dom.querySelector('[class*="mz-division-picker__name"]')?.textContent === name),
        name,
      );
      item.dispatchEvent('tap');
      await sleep(60);
    }
    await type('走失地点', '涿州火车站');
    await tap('添加照片');
    await waitFor(() => page.querySelector('.fs-photo__preview'), 'the photo preview');
    await tap('登记并查找');
    await waitFor(() => searches.length === 1, 'the search sent');
    assert.deepEqual(JSON.parse(JSON.stringify(searches[0])), {
      sex: 'male',
      accent: '河北保定口音',
      features: '左手缺小指',
      ageMin: 70,
      ageMax: 76,
      lastSeenDate: '2026-10-01',
      lastSeenDivisionCode: '130681',
      lastSeenPlace: '涿州火车站',
    });
    // The photo follows the registration, by wx.uploadFile to the new search's id.
    const upload = await waitFor(
      () => mp.wx.uploads.find((u: any) => /\/api\/family-search\/searches\/12\/photo$/.test(u.url)),
      'the search photo upload',
    );
    assert.equal(upload.name, 'file');
    const said = await waitFor(() => page.querySelector('.mz-fsearch__notice'), 'the confirmation');
    assert.match(text(said), /^已登记。/);
    const match = await waitFor(() => page.querySelector('.mz-fsearch__match'), 'a ranked notice');
    assert.match(text(match), /相似度 86/);
    assert.match(text(match), /性别、年龄段、口音相符；走失地与发现地相距 120 公里/);

    // The search is listed from the server (not the phone); withdrawing it asks first, then it is gone.
    const listed = await waitFor(
      () => page.querySelectorAll('.mz-fsearch__mine .nut-button').find((n: any) => /70–76岁/.test(text(n))),
      'my search listed',
    );
    assert.match(text(listed), /男，70–76岁，2026-10-01走失/);
    const g = globalThis as any;
    const asked: string[] = [];
    g.wx.showModal = (opts: any) => {
      asked.push(opts.title);
      const res = { confirm: true, cancel: false, errMsg: 'showModal:ok' };
      setTimeout(() => {
        opts.success?.(res);
        opts.complete?.(res);
      }, 0);
    };
    await tap('撤回此登记');
    await waitFor(() => withdrawn.length === 1, 'the search withdrawn');
    assert.deepEqual(asked, ['撤回寻亲登记']);
    await waitFor(
      () => page.querySelectorAll('.mz-empty').find((n: any) => text(n).includes('尚未登记寻找对象')),
      'no search left',
    );
  });

  it('shows a standard name’s page with its 地名文化 article and a map pin at its coordinates', async () => {
    const page = mp.renderPage('packages/divisions/pages/place/index', { id: '8' });
    const name = await waitFor(() => page.querySelector('.mz-place__name'), 'the name');
    assert.equal(text(name), '天安门广场');
    assert.equal(text(page.querySelector('.mz-place__pinyin')), "Tian'anmen Guangchang");
    const article = page.querySelector('.mz-place__article');
    assert.match(text(article), /天安门广场的由来/);
    assert.match(text(article), /资料来源：《北京地名志》/);
    const map = page.querySelector('.mz-place__map');
    assert.ok(map, 'the native map');
    assert.ok(!page.querySelector('.mz-place__static-map'), 'no H5 fallback in the weapp');
  });
});
