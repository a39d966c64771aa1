import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { staffAt } from '../../server/test/cases/support';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { loginCitizen } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { ensureWeappBuild, forwardTo, loadCompiledApp, type LoadedApp, sleep, waitFor, text } from './simulate-env';

/** 秀水社区, 建外街道, 朝阳区. */
const XIUSHUI = '110105001029';

/**
 * The compiled weapp's 社区治理 community page in miniprogram-simulate, every request answered by
 * the real server: a confirmed resident of 秀水社区 taps 撤回居民登记, is told what it means, and
 * 再想想 changes nothing; tapping again and 撤回 withdraws her (the server no longer counts her), the
 * page says so and offers to apply again; 提出议题 then tells her why she may not, on a page root
 * that carries its `cm-propose` hook (长辈模式 styles hang on it).
 */
describe('compiled weapp 社区治理: 撤回居民登记 on the community page, through the real server', function () {
  this.timeout(180_000);
  let server: TestServer;
  let mp: LoadedApp;
  let auth: Record<string, string> = {};
  const openid = `o_weapp_community_${randomInt(1e9)}`;
  const g = globalThis as any;
  let showModal: unknown;
  /** what each dialog said, and the answer the citizen gives the next one */
  const dialogs: string[] = [];
  let answer: 'confirm' | 'cancel' = 'cancel';

  before(async () => {
    ensureWeappBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('weapp_community_withdraw') });
    const staff = await staffAt(server.url, [XIUSHUI], ['community_staff'], '秀水社区居委会');
    const me = await loginCitizen(server.url, openid);
    auth = me.auth;
    const idNumber = withCheckDigit(
      `1101051962${String(randomInt(1, 13)).padStart(2, '0')}1${randomInt(1, 9)}${randomInt(100, 999)}`,
    );
    await request(server.url).put('/api/me/identity').set(auth).send({ name: '罗秀兰', idNumber }).expect(200);
    const applied = await request(server.url)
      .post(`/api/community/communities/${XIUSHUI}/residents`)
      .set(auth)
      .send({ address: '秀水街3号院2号楼501' })
      .expect(201);
    await request(server.url)
      .post(`/api/staff/community/residents/${applied.body.resident.id}/confirm`)
      .set(staff.auth)
      .expect(200);

    mp = loadCompiledApp(forwardTo(server.url, openid));
    // A token from an earlier suite's server means nothing here: the app logs in again (401 → login).
    mp.wx.storage.delete('mz.token');
    showModal = g.wx.showModal;
    g.wx.showModal = (opts: any) => {
      dialogs.push(`${opts.title}|${opts.content}|${opts.confirmText}|${opts.cancelText}`);
      const res = { confirm: answer === 'confirm', cancel: answer === 'cancel', errMsg: 'showModal:ok' };
      setTimeout(() => {
        opts.success?.(res);
        opts.complete?.(res);
      }, 0);
    };
  });
  after(async () => {
    if (showModal) g.wx.showModal = showModal;
    await server?.close();
  });

  const button = (page: any, label: string) =>
    page.querySelectorAll('.nut-button').find((b: any) => text(b) === label) as any;
  const residence = async () =>
    (await request(server.url).get('/api/community/me/residence').set(auth).expect(200)).body.resident;

  it('再想想 keeps her registration; 撤回 withdraws it, and the page offers to apply again', async () => {
    const page = mp.renderPage('packages/community/pages/community/index', { code: XIUSHUI });
    await waitFor(() => button(page, '撤回居民登记'), 'her confirmed registration with 撤回居民登记');
    assert.ok(page.querySelector('.cm-ok'), 'shown as confirmed');
    assert.match(text(page.querySelector('.cm-ok')), /已确认/);

    // First the dialog says what withdrawing means; 再想想 changes nothing.
    answer = 'cancel';
    button(page, '撤回居民登记').dispatchEvent('tap');
    await waitFor(() => dialogs.length === 1, 'the dialog');
    assert.match(
      dialogs[0],
      /^撤回居民登记\|撤回后您不能再在秀水社区居委会提出议题、发表意见或投票（已投的票仍然有效）。确定撤回吗？\|撤回\|再想想$/,
    );
    await sleep(300);
    assert.equal(
      mp.wx.requests.filter((r) => r.url.endsWith('/api/community/me/residence') && r.method === 'DELETE').length,
      0,
      'nothing sent after 再想想',
    );
    assert.ok(button(page, '撤回居民登记'), 'still registered on the page');
    assert.ok(!page.querySelectorAll('.cm-hint').some((n: any) => /已撤回/.test(text(n))), 'nothing withdrawn');
    assert.equal((await residence()).status, 'confirmed');

    // Again, and 撤回: the server withdraws her and the page says so in Chinese.
    answer = 'confirm';
    button(page, '撤回居民登记').dispatchEvent('tap');
    await waitFor(
      () => mp.wx.requests.some((r) => r.url.endsWith('/api/community/me/residence') && r.method === 'DELETE'),
      'the withdrawal sent',
    );
    assert.equal(dialogs.length, 2);
    await waitFor(() => button(page, '申请登记为本村/社区居民'), 'the form to apply again');
    const hints = page.querySelectorAll('.cm-hint').map(text);
    assert.ok(
      hints.some((t: string) => /已撤回您在秀水社区居委会的居民登记/.test(t)),
      hints.join('|'),
    );
    assert.equal(button(page, '撤回居民登记'), undefined);
    assert.equal(await residence(), null);
  });

  it('提出议题 then tells her why she may not, on a page carrying its cm-propose hook', async () => {
    const page = mp.renderPage('packages/community/pages/propose/index', { code: XIUSHUI });
    await waitFor(() => /您还没有登记为本村\/社区居民/.test(text(page)), 'the reason she may not propose');
    assert.ok(button(page, '去村/社区页面'), '去村/社区页面');
    // The page root (PageShell: .mz-page, plus .mz-elderly in 长辈模式) carries cm-propose in this state too.
    const root = page.querySelector('.cm-propose');
    assert.ok(root, 'the not-registered state carries cm-propose');
    assert.match(root.dom.className, /\bmz-page\b/);
    assert.match(text(root), /只有本村\/社区确认的居民可以提出议题/);
  });
});
