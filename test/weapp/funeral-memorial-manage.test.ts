import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { loginCitizen } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { startServer, type TestServer } from '../support/server';
import { ensureWeappBuild, forwardTo, loadCompiledApp, type LoadedApp, sleep, waitFor, text } from './simulate-env';

/**
 * The compiled weapp's 云祭扫 memorial page in miniprogram-simulate, every request answered by the
 * real server: the family's 管理纪念页 card corrects the name and the life (保存修改, the page and
 * the server then say the new ones), 取消 leaves the form unsent; 撤下纪念页 first says what it
 * means — 再想想 changes nothing —, then 撤下 withdraws the page (its code answers 410 「已撤下」 to
 * everyone) and goes back to the list. For a relative with the same code the server answers
 * `family: false` (the page shows no card) and refuses the edit (403).
 */
describe('compiled weapp 云祭扫: the family manages their memorial page (修改信息, 撤下), through the real server', function () {
  this.timeout(180_000);
  let server: TestServer;
  let mp: LoadedApp;
  let family: Record<string, string> = {};
  let cousin: Record<string, string> = {};
  let code = '';
  const openid = `o_weapp_memorial_${randomInt(1e9)}`;
  const g = globalThis as any;
  let showModal: unknown;
  let redirectTo: unknown;
  const dialogs: string[] = [];
  const redirects: string[] = [];
  let answer: 'confirm' | 'cancel' = 'cancel';

  before(async () => {
    ensureWeappBuild();
    server = await startServer({ DATABASE_URL: await ownDatabase('weapp_memorial_manage') });
    family = (await loginCitizen(server.url, openid)).auth;
    cousin = (await loginCitizen(server.url, `o_weapp_memorial_cousin_${randomInt(1e9)}`)).auth;
    const made = await request(server.url)
      .post('/api/funeral/memorials')
      .set(family)
      .send({ deceasedName: '王德順', bornOn: '1936-02-11', diedOn: '2026-10-03', biography: '一生务农。' })
      .expect(201);
    code = made.body.memorial.code;

    mp = loadCompiledApp(forwardTo(server.url, openid));
    // A token from an earlier suite's server means nothing here: the app logs in again (401 → login).
    mp.wx.storage.delete('mz.token');
    showModal = g.wx.showModal;
    redirectTo = g.wx.redirectTo;
    g.wx.showModal = (opts: any) => {
      dialogs.push(`${opts.title}|${opts.content}|${opts.confirmText}|${opts.cancelText}`);
      const res = { confirm: answer === 'confirm', cancel: answer === 'cancel', errMsg: 'showModal:ok' };
      setTimeout(() => {
        opts.success?.(res);
        opts.complete?.(res);
      }, 0);
    };
    g.wx.redirectTo = (opts: any) => {
      redirects.push(opts.url);
      setTimeout(() => {
        opts.success?.({ errMsg: 'redirectTo:ok' });
        opts.complete?.({ errMsg: 'redirectTo:ok' });
      }, 0);
    };
  });
  after(async () => {
    if (showModal) g.wx.showModal = showModal;
    if (redirectTo) g.wx.redirectTo = redirectTo;
    await server?.close();
  });

  const button = (page: any, label: string) =>
    page.querySelectorAll('.nut-button').find((b: any) => text(b) === label) as any;
  const sent = (method: string) =>
    mp.wx.requests.filter((r) => r.url.endsWith(`/api/funeral/memorials/${code}`) && r.method === method);
  const memorial = (auth: Record<string, string>) =>
    request(server.url).get(`/api/funeral/memorials/${code}`).set(auth);

  it('修改信息: 取消 sends nothing; 保存修改 corrects the name and the life, on the page and on the server', async () => {
    const page = mp.renderPage('packages/funeral/pages/memorial/index', { code });
    await waitFor(() => button(page, '修改信息'), 'the family’s 管理纪念页 card');
    assert.match(text(page.querySelector('.fu-memorial__head')), /王德順/);

    button(page, '修改信息').dispatchEvent('tap');
    await waitFor(() => button(page, '保存修改'), 'the edit form');
    button(page, '取消').dispatchEvent('tap');
    await waitFor(() => button(page, '修改信息'), 'the card again');
    assert.equal(sent('PUT').length, 0, 'nothing sent after 取消');

    button(page, '修改信息').dispatchEvent('tap');
    await waitFor(() => button(page, '保存修改'), 'the edit form');
    const [name] = page.querySelectorAll('.fu-input');
    name.dispatchEvent('input', { detail: { value: '王德顺' } });
    page.querySelector('.fu-textarea').dispatchEvent('input', { detail: { value: '一生务农，育有三子。' } });
    await sleep(50);
    button(page, '保存修改').dispatchEvent('tap');
    await waitFor(() => sent('PUT').length === 1, 'the edit sent');
    await waitFor(
      () => button(page, '修改信息') && /王德顺/.test(text(page.querySelector('.fu-memorial__head'))),
      'the page showing the corrected name',
    );
    assert.match(text(page.querySelector('.fu-memorial__head')), /一生务农，育有三子。/);
    const saved = (await memorial(family).expect(200)).body.memorial;
    assert.deepEqual(
      [saved.deceasedName, saved.biography, saved.bornOn, saved.diedOn],
      ['王德顺', '一生务农，育有三子。', '1936-02-11', '2026-10-03'],
    );
    // A relative with the code sees the page, not the card, and may not edit it.
    const seen = (await memorial(cousin).expect(200)).body;
    assert.equal(seen.family, false);
    await request(server.url)
      .put(`/api/funeral/memorials/${code}`)
      .set(cousin)
      .send({ deceasedName: '别人', diedOn: '2026-10-03' })
      .expect(403);
  });

  it('撤下纪念页: 再想想 keeps it; 撤下 withdraws it for everyone and goes back to the list', async () => {
    const page = mp.renderPage('packages/funeral/pages/memorial/index', { code });
    await waitFor(() => button(page, '撤下纪念页'), 'the 撤下纪念页 button');

    answer = 'cancel';
    button(page, '撤下纪念页').dispatchEvent('tap');
    await waitFor(() => dialogs.length === 1, 'the dialog');
    assert.equal(
      dialogs[0],
      '撤下纪念页|撤下后，亲友打开分享编号将看到「已撤下」，留言和献花都不再显示，且不能恢复。确定撤下吗？|撤下|再想想',
    );
    await sleep(300);
    assert.equal(sent('DELETE').length, 0, 'nothing sent after 再想想');
    await memorial(cousin).expect(200);

    answer = 'confirm';
    button(page, '撤下纪念页').dispatchEvent('tap');
    await waitFor(() => sent('DELETE').length === 1, 'the withdrawal sent');
    await waitFor(() => redirects.length === 1, 'back to the list');
    assert.equal(redirects[0], '/packages/funeral/pages/memorial/index');
    for (const who of [family, cousin]) {
      const gone = await memorial(who).expect(410);
      assert.equal(gone.body.error.code, 'MEMORIAL_WITHDRAWN');
      assert.match(gone.body.error.message, /已由家属撤下/);
    }
    const mine = (await request(server.url).get('/api/funeral/memorials').set(family).expect(200)).body.items;
    assert.equal(
      mine.some((m: { code: string }) => m.code === code),
      false,
      'no longer in the family’s list',
    );
  });
});
