import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { loginCitizen } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { ensureWeappBuild, forwardTo, loadCompiledApp, type LoadedApp, sleep, waitFor, text } from './simulate-env';

/**
 * The compiled weapp's 养老服务 pages in miniprogram-simulate, every request answered by the real
 * server: a daughter narrows the directory to places that take 完全失能 elders and have a free
 * bed, opens the one left and reads its fee list; then her 86-year-old father, real-named, is
 * offered 高龄津贴 and confirms it with one tap — the server then holds his case at 县级审核.
 */
describe('compiled weapp 养老服务 directory → place fees, and 高龄津贴 one tap, through the real server', function () {
  this.timeout(180_000);
  let server: TestServer;
  let mp: LoadedApp;
  const openid = `o_weapp_elderly_${randomInt(1e9)}`;
  const tag = String(randomInt(1000, 9999));
  const full = `测试护理院${tag}`;
  const free = `测试照料中心${tag}`;
  let freeId = 0;
  const g = globalThis as any;
  let showModal: unknown;
  /** URLs the server has answered, in the order the answers came back */
  const answered: string[] = [];
  /** an answer to hold back until a later search has been answered (a slow network) */
  let holdBack: ((url: string) => boolean) | null = null;

  before(async () => {
    ensureWeappBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('weapp_elderly') });
    const api = server.app.modules.elderly;
    const base = {
      kind: 'institution' as const,
      divisionCode: '110105001003',
      address: '北京市朝阳区建外街道测试路1号',
      lat: 39.9,
      lng: 116.45,
      phone: '010-65000000',
      hours: '全天24小时',
      beds: 50,
      stars: 4,
      intro: '测试用机构',
    };
    await api.registerPlace({
      ...base,
      name: full,
      vacancies: 0,
      careLevels: ['severe', 'total'],
      fees: [{ item: '床位费', unit: '元/月', priceCents: 310_000 }],
    });
    await api.registerPlace({
      ...base,
      name: free,
      vacancies: 6,
      careLevels: ['moderate', 'severe', 'total'],
      fees: [
        { item: '床位费（双人间）', unit: '元/月', priceCents: 280_000 },
        { item: '护理费（完全失能）', unit: '元/月', priceCents: 420_000 },
        { item: '押金', unit: '元/次', priceCents: 500_000, note: '退住时结清退还' },
      ],
    });
    await api.allowance.setRule(
      { id: 0, username: 'seed', roles: ['admin'], scope: { divisions: [''], halls: [] } },
      '11',
      [
        { minAge: 80, monthlyCents: 10_000 },
        { minAge: 90, monthlyCents: 50_000 },
      ],
    );
    const forward = forwardTo(server.url, openid);
    mp = loadCompiledApp(async (req) => {
      const res = await forward(req);
      if (holdBack?.(req.url))
        await waitFor(
          () => answered.some((u) => !holdBack?.(u) && u.includes('hasVacancy=true')),
          'a later search',
          10_000,
        ).catch(() => undefined);
      answered.push(req.url);
      return res;
    });
    showModal = g.wx.showModal;
    // A token from an earlier suite's server means nothing here: the app logs in again (401 → login).
    mp.wx.storage.delete('mz.token');
  });
  after(async () => {
    if (showModal) g.wx.showModal = showModal;
    await server?.close();
  });

  it('narrows the directory to 完全失能 with a free bed, opens the place left and reads its fee list', async () => {
    const page = mp.renderPage('packages/elderly/pages/index/index', {});
    const cards = () => page.querySelectorAll('.el-place').map(text);
    await waitFor(() => cards().some((t: string) => t.includes(full)), 'both test places listed');
    const chip = (label: string) => {
      const found = page.querySelectorAll('.el-chip').find((c: any) => text(c) === label);
      assert.ok(found, label);
      return found;
    };
    // She taps 完全失能 and at once 只看有空床; on a slow network the first search is answered
    // last, and the page keeps the latest one.
    holdBack = (u) => u.includes('careLevel=total') && !u.includes('hasVacancy');
    try {
      chip('完全失能').dispatchEvent('tap');
      await sleep(30);
      chip('只看有空床').dispatchEvent('tap');
      await waitFor(() => answered.some((u) => holdBack?.(u)), 'the 完全失能 search answered, last');
      await sleep(200);
    } finally {
      holdBack = null;
    }
    assert.ok(
      mp.wx.requests.some((r) => r.url.includes('careLevel=total') && r.url.includes('hasVacancy=true')),
      'searched with both filters',
    );
    const shown = cards();
    assert.ok(
      shown.some((t: string) => t.includes(free)),
      shown.join('|'),
    );
    assert.ok(!shown.some((t: string) => t.includes(full)), `no free bed: hidden (${shown.join('|')})`);
    const card = page.querySelectorAll('.el-place').find((c: any) => text(c).includes(free));
    assert.match(text(card), /2800元起.*空余床位6张/);
    assert.match(text(card), /完全失能/);

    const before = mp.wx.navigateTo.length;
    card.dispatchEvent('tap');
    const url = await waitFor(() => mp.wx.navigateTo.slice(before)[0], 'opening the place');
    const m = url.match(/packages\/elderly\/pages\/place\/index\?id=(\d+)/);
    assert.ok(m, url);
    freeId = Number(m[1]);

    const place = mp.renderPage('packages/elderly/pages/place/index', { id: String(freeId) });
    const fees = await waitFor(() => {
      const all = place.querySelectorAll('.el-fee');
      return all.length === 3 ? all.map(text) : undefined;
    }, 'the fee list');
    assert.match(fees[0], /床位费（双人间）.*2800元\/月/);
    assert.match(fees[1], /护理费（完全失能）.*4200元\/月/);
    assert.match(fees[2], /押金.*退住时结清退还.*5000元\/次/);
    assert.equal(text(place.querySelector('.el-place__name')), free);
  });

  it('offers 高龄津贴 to the 86-year-old, who confirms with one tap; the server holds it at 县级审核', async () => {
    const father = await loginCitizen(server.url, openid);
    const idNumber = withCheckDigit(`11010519400315${randomInt(100, 999)}`);
    await request(server.url).put('/api/me/identity').set(father.auth).send({ name: '王德福', idNumber }).expect(200);

    const asked: string[] = [];
    g.wx.showModal = (opts: any) => {
      asked.push(`${opts.title}|${opts.content}|${opts.confirmText}|${opts.cancelText}`);
      const res = { confirm: true, cancel: false, errMsg: 'showModal:ok' };
      setTimeout(() => {
        opts.success?.(res);
        opts.complete?.(res);
      }, 0);
    };
    const page = mp.renderPage('packages/elderly/pages/allowance/index', {});
    const amount = await waitFor(() => page.querySelector('.el-offer__amount'), 'the offer');
    assert.equal(text(amount), '每月100元');
    assert.ok(page.querySelector('.el-allowance'), 'the page root (长辈模式 hook)');

    const confirm = page.querySelectorAll('.nut-button').find((b: any) => text(b) === '一键确认领取');
    assert.ok(confirm, '一键确认领取');
    const before = mp.wx.requests.length;
    confirm.dispatchEvent('tap');
    await waitFor(
      () =>
        mp.wx.requests.slice(before).some((r) => r.url.endsWith('/api/elderly/age-allowance') && r.method === 'POST'),
      'the confirmation sent',
    );
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^确认领取高龄津贴\|确认后由民政部门核对户籍后按月发放，无需提交材料。\|确认领取\|再想想$/);
    const cases = await waitFor(() => {
      const all = page.querySelectorAll('.el-case');
      return all.length ? all.map(text) : undefined;
    }, 'my 高龄津贴 case');
    assert.equal(cases.length, 1);
    assert.match(cases[0], /高龄津贴.*办件编号 .+当前环节：县级审核/);
    assert.equal(page.querySelectorAll('.nut-button').filter((b: any) => text(b) === '一键确认领取').length, 0);

    // The server agrees: claimed, one case.
    const offer = await request(server.url).get('/api/elderly/age-allowance').set(father.auth).expect(200);
    assert.equal(offer.body.status, 'claimed');
  });
});
