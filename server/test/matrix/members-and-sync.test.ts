import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { addMember, publish, simAccount, simCalls, syncNow } from './helpers';

describe('Matrix: editors enrol member accounts and the sync gathers what they publish', () => {
  let s: TestServer;
  let editor: Awaited<ReturnType<typeof loginStaff>>;
  let gd: Awaited<ReturnType<typeof loginStaff>>;

  const staffAccount = async (username: string, roles: string[], divisions: string[]) => {
    const admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({ username, displayName: '编辑', password: 'Correct-horse-42', roles, scope: { divisions, halls: [] } })
      .expect(201);
    return loginStaff(s.url, username, 'Correct-horse-42');
  };
  const feed = async (query: Record<string, unknown> = {}) =>
    (
      await request(s.url)
        .get('/api/matrix/articles')
        .query({ pageSize: 50, ...query })
        .expect(200)
    ).body;
  const adminMember = async (id: number) =>
    (await request(s.url).get(`/api/matrix/admin/members/${id}`).set(editor.auth).expect(200)).body.member;

  before(async () => {
    s = await startServer();
    editor = await staffAccount('matrix.editor', ['editor'], ['']);
    gd = await staffAccount('matrix.hn', ['editor'], ['46']);
  });
  after(async () => s.close());

  it('checks a member’s credentials with WeChat before saving it, and never shows or stores the secret in clear', async () => {
    const acc = await simAccount(s.url);
    const base = {
      name: '中国社会组织动态',
      appid: acc.appid,
      level: 'national',
      divisionCode: '100000',
      category: '登记管理机关',
      originalId: 'gh_0123456789ab',
    };
    const wrong = await request(s.url)
      .post('/api/matrix/admin/members')
      .set(editor.auth)
      .send({ ...base, secret: 'not-the-right-secret-00' })
      .expect(400);
    assert.equal(wrong.body.error.code, 'MEMBER_CREDENTIALS_INVALID');
    assert.match(wrong.body.error.message, /AppSecret/);

    const member = await addMember(s.url, editor.auth, { ...base, secret: acc.secret });
    assert.equal(JSON.stringify(member).includes(acc.secret), false);
    const [rows] = (await s.app.platform.db.query('SELECT secret_enc FROM matrix_members WHERE id = ?', {
      replacements: [member.id],
    })) as [{ secret_enc: string }[], unknown];
    assert.ok(rows[0].secret_enc.startsWith('v1:'));
    assert.equal(rows[0].secret_enc.includes(acc.secret), false);

    const dup = await request(s.url)
      .post('/api/matrix/admin/members')
      .set(editor.auth)
      .send({ ...base, secret: acc.secret })
      .expect(409);
    assert.equal(dup.body.error.code, 'MEMBER_EXISTS');
    const pub = await request(s.url).get('/api/matrix/members').expect(200);
    const shown = pub.body.items.find((m: { id: number }) => m.id === member.id);
    assert.equal(shown.levelName, '全国');
    assert.equal(shown.qrUrl, 'https://open.weixin.qq.com/qr/code?username=gh_0123456789ab');
    assert.equal(JSON.stringify(pub.body).includes('secret'), false);
  });

  it('refuses bad input, citizens, other roles and members outside an editor’s region', async () => {
    const bad = await request(s.url)
      .post('/api/matrix/admin/members')
      .set(editor.auth)
      .send({ name: '', appid: 'abc', secret: 'x', level: 'galactic', divisionCode: '12', category: '' })
      .expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    for (const f of ['name', 'appid', 'secret', 'level', 'divisionCode', 'category'])
      assert.ok(bad.body.error.fields[f], f);
    await request(s.url)
      .post('/api/matrix/admin/members')
      .set(editor.auth)
      .set('Content-Type', 'application/json')
      .send('{oops')
      .expect(400);
    await request(s.url).get('/api/matrix/admin/members/abc').set(editor.auth).expect(400);
    await request(s.url).get('/api/matrix/admin/members/99999').set(editor.auth).expect(404);
    await request(s.url).patch('/api/matrix/admin/members/1').set(editor.auth).send({}).expect(400);

    const citizen = await loginCitizen(s.url);
    await request(s.url).get('/api/matrix/admin/members').set(citizen.auth).expect(401);
    const hall = await staffAccount('matrix.hall', ['hall_staff'], ['']);
    await request(s.url).get('/api/matrix/admin/members').set(hall.auth).expect(403);

    // A Hainan editor manages Hainan's accounts only.
    const acc = await simAccount(s.url);
    const other = await request(s.url)
      .post('/api/matrix/admin/members')
      .set(gd.auth)
      .send({
        name: '北京社会组织',
        appid: acc.appid,
        secret: acc.secret,
        level: 'provincial',
        divisionCode: '110000',
        category: '登记管理机关',
      })
      .expect(403);
    assert.equal(other.body.error.code, 'FORBIDDEN');
    const mine = await addMember(s.url, gd.auth, {
      name: '海南社会组织',
      appid: acc.appid,
      secret: acc.secret,
      level: 'provincial',
      divisionCode: '460000',
      category: '登记管理机关',
    });
    const national = (
      await request(s.url).get('/api/matrix/admin/members').set(editor.auth).expect(200)
    ).body.items.find((m: { level: string }) => m.level === 'national');
    await request(s.url)
      .patch(`/api/matrix/admin/members/${national.id}`)
      .set(gd.auth)
      .send({ name: '改名' })
      .expect(404);
    const listed = (await request(s.url).get('/api/matrix/admin/members').set(gd.auth).expect(200)).body.items;
    assert.deepEqual(
      listed.map((m: { id: number }) => m.id),
      [mine.id],
    );
  });

  it('pulls every member’s articles, then only what is new, and a sync with nothing new writes nothing', async () => {
    const a = await simAccount(s.url);
    const b = await simAccount(s.url);
    await publish(s.url, a.appid, 45);
    await publish(s.url, b.appid, [{ title: '南宁市社会组织年检通知', digest: '年检材料提交截止日期' }]);
    const ma = await addMember(s.url, editor.auth, {
      name: '江苏民政',
      appid: a.appid,
      secret: a.secret,
      level: 'provincial',
      divisionCode: '320000',
      category: '登记管理机关',
    });
    const mb = await addMember(s.url, editor.auth, {
      name: '南宁社会组织',
      appid: b.appid,
      secret: b.secret,
      level: 'municipal',
      divisionCode: '450100',
      category: '社会组织',
    });

    await syncNow(s, editor.auth);
    const first = await feed({ member: ma.id });
    assert.equal(first.total, 45);
    assert.equal(first.items[0].title, '社会组织动态 第45期'); // newest first
    assert.equal(first.items[0].member.name, '江苏民政');
    assert.ok(first.items[0].link.startsWith('https://mp.weixin.qq.com/s/'));
    assert.ok(first.items[0].cover);
    assert.equal((await feed({ member: mb.id })).total, 1);

    await publish(s.url, a.appid, 2);
    const before = await simCalls(s.url, '/cgi-bin/freepublish/batchget');
    await syncNow(s, editor.auth);
    // Incremental: one page per member was enough.
    assert.ok((await simCalls(s.url, '/cgi-bin/freepublish/batchget')) - before <= 4);
    const second = await feed({ member: ma.id });
    assert.equal(second.total, 47);
    assert.equal(second.items[0].title, '社会组织动态 第47期');

    const snapshot = async () =>
      (
        await s.app.platform.db.query(
          'SELECT COUNT(*) AS n, MAX(updated_at) AS changed FROM matrix_articles UNION ALL SELECT COUNT(*), MAX(updated_at) FROM matrix_members',
        )
      )[0];
    const was = await snapshot();
    await syncNow(s, editor.auth);
    await syncNow(s, editor.auth);
    assert.deepEqual(await snapshot(), was);
  });

  it('notices articles a member deleted', async () => {
    const acc = await simAccount(s.url);
    const ids = await publish(s.url, acc.appid, 30);
    const m = await addMember(s.url, editor.auth, {
      name: '浙江民政',
      appid: acc.appid,
      secret: acc.secret,
      level: 'provincial',
      divisionCode: '330000',
      category: '登记管理机关',
    });
    await syncNow(s, editor.auth);
    assert.equal((await feed({ member: m.id })).total, 30);
    // An old one (far beyond the first page) goes, and a new one comes.
    await request(s.url)
      .post('/__wechat__/dev/freepublish/delete')
      .send({ appid: acc.appid, article_id: ids[2] })
      .expect(200);
    await publish(s.url, acc.appid, [{ title: '浙江省社会组织等级评估结果公示' }]);
    await syncNow(s, editor.auth);
    const after = await feed({ member: m.id });
    assert.equal(after.total, 30);
    assert.equal(after.items[0].title, '浙江省社会组织等级评估结果公示');
    assert.equal(
      after.items.some((x: { title: string }) => x.title === '社会组织动态 第3期'),
      false,
    );
  });

  it('backs off a failing member alone — wrong secret, 45009 — while the others keep syncing', async () => {
    const good = await simAccount(s.url);
    const badSecret = await simAccount(s.url);
    const quota = await simAccount(s.url);
    const mg = await addMember(s.url, editor.auth, {
      name: '四川民政',
      appid: good.appid,
      secret: good.secret,
      level: 'provincial',
      divisionCode: '510000',
      category: '登记管理机关',
    });
    const ms = await addMember(s.url, editor.auth, {
      name: '成都社会组织',
      appid: badSecret.appid,
      secret: badSecret.secret,
      level: 'municipal',
      divisionCode: '510100',
      category: '社会组织',
    });
    const mq = await addMember(s.url, editor.auth, {
      name: '绵阳社会组织',
      appid: quota.appid,
      secret: quota.secret,
      level: 'municipal',
      divisionCode: '510700',
      category: '社会组织',
    });
    for (const acc of [good, badSecret, quota]) await publish(s.url, acc.appid, 3);
    await syncNow(s, editor.auth);

    // Someone resets 成都's AppSecret on WeChat's side; 绵阳 runs out of its daily quota.
    await request(s.url)
      .post('/__wechat__/dev/apps')
      .send({ appid: badSecret.appid, secret: 'reset-secret-000000000000', type: 'mp' })
      .expect(200);
    await request(s.url).post('/__wechat__/dev/expire-tokens').send({ appid: badSecret.appid }).expect(200);
    await request(s.url)
      .post('/__wechat__/dev/faults')
      .send({ path: '/cgi-bin/freepublish/batchget', errcode: 45009, appid: quota.appid, times: 5 })
      .expect(200);
    for (const acc of [good, badSecret, quota]) await publish(s.url, acc.appid, 1);
    await syncNow(s, editor.auth);

    assert.equal((await feed({ member: mg.id })).total, 4);
    assert.equal((await feed({ member: ms.id })).total, 3);
    assert.equal((await feed({ member: mq.id })).total, 3);
    const failingSecret = await adminMember(ms.id);
    assert.equal(failingSecret.sync.failures, 1);
    assert.match(failingSecret.sync.lastError, /40125/);
    assert.ok(new Date(failingSecret.sync.nextAttemptAt) > new Date());
    const failingQuota = await adminMember(mq.id);
    assert.match(failingQuota.sync.lastError, /45009/);
    assert.equal((await adminMember(mg.id)).sync.failures, 0);

    // While backing off, the next rounds leave them alone (the 45009 fault is still armed).
    await publish(s.url, good.appid, 1);
    await syncNow(s, editor.auth);
    assert.equal((await feed({ member: mg.id })).total, 5);
    assert.equal((await adminMember(mq.id)).sync.failures, 1);

    // The editor saves the new secret: checked, and the member syncs again at once.
    await request(s.url)
      .patch(`/api/matrix/admin/members/${ms.id}`)
      .set(editor.auth)
      .send({ secret: 'wrong-again-0000000000' })
      .expect(400);
    await request(s.url)
      .patch(`/api/matrix/admin/members/${ms.id}`)
      .set(editor.auth)
      .send({ secret: 'reset-secret-000000000000' })
      .expect(200);
    await syncNow(s, editor.auth);
    assert.equal((await feed({ member: ms.id })).total, 4);
    assert.equal((await adminMember(ms.id)).sync.failures, 0);
  });

  it('refreshes a stale token (40001) in the middle of a sync and carries on', async () => {
    const acc = await simAccount(s.url);
    await publish(s.url, acc.appid, 25);
    const m = await addMember(s.url, editor.auth, {
      name: '湖北民政',
      appid: acc.appid,
      secret: acc.secret,
      level: 'provincial',
      divisionCode: '420000',
      category: '登记管理机关',
    });
    await syncNow(s, editor.auth);
    await publish(s.url, acc.appid, 25);
    // The token we hold is replaced elsewhere: WeChat now answers 40001 to it.
    const { body } = await request(s.url).post('/__wechat__/dev/revoke-tokens').send({ appid: acc.appid }).expect(200);
    assert.ok(body.revoked >= 1);
    const tokensBefore = await simCalls(s.url, '/cgi-bin/stable_token');
    await syncNow(s, editor.auth);
    assert.equal((await feed({ member: m.id })).total, 50);
    assert.equal((await adminMember(m.id)).sync.failures, 0);
    assert.equal((await simCalls(s.url, '/cgi-bin/stable_token')) - tokensBefore, 1);
  });
});
