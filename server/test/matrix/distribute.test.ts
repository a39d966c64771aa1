import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { wechatSide } from '../mp/helpers';
import { addMember, publish, simAccount, waitFor } from './helpers';

describe('Matrix: editors hand an article to members, tracked per member to the end', () => {
  let s: TestServer;
  let editor: Awaited<ReturnType<typeof loginStaff>>;
  const members: Array<{ id: number; appid: string; name: string }> = [];
  const token = 'devtoken'; // our public account's server Token, which member accounts are configured with

  const distribution = (id: number) =>
    request(s.url)
      .get(`/api/matrix/admin/distributions/${id}`)
      .set(editor.auth)
      .expect(200)
      .then((r) => r.body.distribution);
  const settled = (id: number) =>
    waitFor(
      () => distribution(id),
      (d) => d.counts.pending + d.counts.submitted === 0,
      'deliveries to settle',
    );
  const published = async (appid: string) =>
    (await request(s.url).get('/__wechat__/dev/freepublish/articles').query({ appid }).expect(200)).body.items;

  before(async () => {
    s = await startServer();
    const admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username: 'dist.editor',
        displayName: '编辑',
        password: 'Correct-horse-42',
        roles: ['editor'],
        scope: { divisions: [''] },
      })
      .expect(201);
    editor = await loginStaff(s.url, 'dist.editor', 'Correct-horse-42');
    // Every member account's 服务器配置 points at our /wechat/matrix/<appid>.
    await request(s.url)
      .post('/__wechat__/dev/freepublish/push-target')
      .send({ url: `${s.url}/wechat/matrix/{appid}`, token })
      .expect(200);
    for (const [name, code] of [
      ['安徽民政', '340000'],
      ['合肥社会组织', '340100'],
      ['芜湖社会组织', '340200'],
    ]) {
      const acc = await simAccount(s.url);
      members.push(
        await addMember(s.url, editor.auth, {
          name,
          appid: acc.appid,
          secret: acc.secret,
          level: code.endsWith('0000') ? 'provincial' : 'municipal',
          divisionCode: code,
          category: '登记管理机关',
        }),
      );
    }
  });
  after(async () => s.close());

  it('publishes a new article on every chosen member; one member’s failure blocks no one, and a retry resends to it alone', async () => {
    const [a, b, c] = members;
    // 芜湖 is out of quota when its draft is added.
    await request(s.url)
      .post('/__wechat__/dev/faults')
      .send({ path: '/cgi-bin/draft/add', errcode: 45009, appid: c.appid, times: 1 })
      .expect(200);
    const created = await request(s.url)
      .post('/api/matrix/admin/distributions')
      .set(editor.auth)
      .send({
        article: {
          title: '关于开展2025年度社会组织年报工作的通知',
          author: '社会组织管理局',
          digest: '请于6月30日前完成年报',
          content: '<p>各社会组织：请按时报送年度工作报告。</p>',
        },
        memberIds: [a.id, b.id, c.id],
      })
      .expect(201);
    const id = created.body.distribution.id;
    const d = await settled(id);
    const by = (m: { id: number }) => d.deliveries.find((x: { memberId: number }) => x.memberId === m.id);
    assert.equal(by(a).status, 'published');
    assert.ok(by(a).articleUrl.startsWith('https://mp.weixin.qq.com/s/'));
    assert.equal(by(b).status, 'published');
    assert.equal(by(c).status, 'failed');
    assert.match(by(c).error, /45009/);
    assert.deepEqual(d.counts, { pending: 0, submitted: 0, published: 2, failed: 1 });

    const retried = await request(s.url)
      .post(`/api/matrix/admin/distributions/${id}/retry`)
      .set(editor.auth)
      .expect(200);
    assert.equal(
      retried.body.distribution.deliveries.find((x: { memberId: number }) => x.memberId === c.id).attempt,
      2,
    );
    const after = await settled(id);
    assert.deepEqual(after.counts, { pending: 0, submitted: 0, published: 3, failed: 0 });
    // Each account published it exactly once: the retry went to 芜湖 only.
    for (const m of [a, b, c]) {
      const titles = (await published(m.appid)).map((p: { items: Array<{ title: string }> }) => p.items[0].title);
      assert.equal(titles.filter((t: string) => t === '关于开展2025年度社会组织年报工作的通知').length, 1, m.name);
    }
    const again = await request(s.url).post(`/api/matrix/admin/distributions/${id}/retry`).set(editor.auth).expect(409);
    assert.equal(again.body.error.code, 'NOTHING_TO_RETRY');
  });

  it('tracks a publish that WeChat fails after accepting it (PUBLISHJOBFINISH with a failure) and retries it', async () => {
    const [a, b] = members;
    const source = await simAccount(s.url);
    await publish(s.url, source.appid, [
      { title: '全国社会组织信用信息公示平台上线', digest: '可查询社会组织信用信息' },
    ]);
    const src = await addMember(s.url, editor.auth, {
      name: '中国社会组织动态',
      appid: source.appid,
      secret: source.secret,
      level: 'national',
      divisionCode: '100000',
      category: '登记管理机关',
    });
    // (Queued check-publish jobs are delayed minutes: wait for the feed, not for an idle queue.)
    await request(s.url).post('/api/matrix/admin/sync').set(editor.auth).expect(202);
    const feed = await waitFor(
      () => request(s.url).get('/api/matrix/articles').query({ member: src.id }).expect(200),
      (r) => r.body.total === 1,
      'the sync',
    );
    const article = feed.body.items[0];

    // 合肥's publish is rejected by the platform's review.
    await request(s.url).post('/__wechat__/dev/freepublish/outcome').send({ appid: b.appid, status: 4 }).expect(200);
    const created = await request(s.url)
      .post('/api/matrix/admin/distributions')
      .set(editor.auth)
      .send({ articleId: article.id, memberIds: [a.id, b.id] })
      .expect(201);
    const id = created.body.distribution.id;
    const d = await settled(id);
    const byB = d.deliveries.find((x: { memberId: number }) => x.memberId === b.id);
    assert.equal(byB.status, 'failed');
    assert.match(byB.error, /审核/);
    assert.equal(d.deliveries.find((x: { memberId: number }) => x.memberId === a.id).status, 'published');
    // The draft links back to the original (阅读原文).
    const onA = (await published(a.appid))[0].items[0];
    assert.equal(onA.title, '全国社会组织信用信息公示平台上线');
    assert.equal(onA.content_source_url, article.link);

    await request(s.url).post(`/api/matrix/admin/distributions/${id}/retry`).set(editor.auth).expect(200);
    assert.deepEqual((await settled(id)).counts, { pending: 0, submitted: 0, published: 2, failed: 0 });
  });

  it('takes a member’s PUBLISHJOBFINISH through the same boundary as our own pushes', async () => {
    const appid = members[0].appid;
    const path = `/wechat/matrix/${appid}`;
    const member = wechatSide({ appid }); // the member's pushes, encrypted by wechat-crypto for its appid
    const finished = (publishId: string) =>
      '<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[mphelper]]></FromUserName>' +
      `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      '<Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo>' +
      `<publish_id>${publishId}</publish_id><publish_status>0</publish_status></PublishEventInfo></xml>`;
    const genuine = member.safePush(finished('999'));
    assert.equal((await member.send(s.url, genuine, path).expect(200)).text, 'success');
    await member.send(s.url, genuine, path).expect(200); // WeChat's retry: acknowledged once more

    // Signed with another Token; encrypted for another account; in clear (safe mode takes no plain push).
    await wechatSide({ appid, token: 'wrongtoken' })
      .send(s.url, wechatSide({ appid, token: 'wrongtoken' }).safePush(finished('998')), path)
      .expect(401);
    await member.send(s.url, wechatSide({ appid: members[1].appid }).safePush(finished('997')), path).expect(401);
    await member.plain(s.url, finished('996'), path).expect(401);
    // Stamped outside the window.
    await member
      .send(s.url, member.safePush(finished('995'), { at: Math.floor(Date.now() / 1000) - 600 }), path)
      .expect(401);
    // Hostile XML, even inside a genuine encryption.
    const evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml><MsgType>&a;</MsgType></xml>';
    await member.send(s.url, member.safePush(evil), path).expect(400);
    // Not an appid: not an endpoint.
    await member.send(s.url, member.safePush(finished('994')), '/wechat/matrix/not-an-appid').expect(404);

    // A genuine push replayed once the window has passed.
    s.app.platform.clock.advance(6 * 60_000);
    try {
      await member.send(s.url, genuine, path).expect(401);
    } finally {
      s.app.platform.clock.advance(-6 * 60_000);
    }

    const { timestamp, nonce } = member.stamp();
    const echo = await request(s.url)
      .get(path)
      .query({ signature: member.sign(token, timestamp, nonce), timestamp, nonce, echostr: 'hello' })
      .expect(200);
    assert.equal(echo.text, 'hello');
    // The same handler, called by whichever endpoint receives a member's event.
    assert.equal(
      await s.app.modules.matrix.handlePublishJobFinish('wxnobody000000', { publishId: '1', status: 0 }),
      'ignored',
    );
  });

  it('refuses bad distributions with clear errors', async () => {
    const post = (body: unknown) =>
      request(s.url)
        .post('/api/matrix/admin/distributions')
        .set(editor.auth)
        .send(body as object);
    const neither = await post({ memberIds: [members[0].id] }).expect(400);
    assert.match(neither.body.error.message, /二选一/);
    const both = await post({ articleId: 1, article: { title: 't', content: 'c' }, memberIds: [members[0].id] }).expect(
      400,
    );
    assert.equal(both.body.error.code, 'VALIDATION_FAILED');
    const long = await post({ article: { title: '长'.repeat(65), content: 'c' }, memberIds: [members[0].id] }).expect(
      400,
    );
    assert.ok(long.body.error.fields['article.title']);
    await post({ article: { title: 't', content: 'c' }, memberIds: [] }).expect(400);
    await post({ article: { title: 't', content: 'c' }, memberIds: [99999] }).expect(404);
    await post({ articleId: 99999, memberIds: [members[0].id] }).expect(404);
    await request(s.url).get('/api/matrix/admin/distributions/99999').set(editor.auth).expect(404);
    await request(s.url).post('/api/matrix/admin/distributions/abc/retry').set(editor.auth).expect(400);
    await request(s.url).post('/api/matrix/admin/distributions').send({}).expect(401);
    await request(s.url)
      .patch(`/api/matrix/admin/members/${members[2].id}`)
      .set(editor.auth)
      .send({ active: false })
      .expect(200);
    const inactive = await post({ article: { title: 't', content: 'c' }, memberIds: [members[2].id] }).expect(400);
    assert.equal(inactive.body.error.code, 'MEMBER_INACTIVE');
  });
});
