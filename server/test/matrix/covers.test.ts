import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { WechatError } from '../../src/wechat';
import { addMember, simAccount, simCalls, waitFor } from './helpers';

const DEFAULT_COVER = readFileSync(join(__dirname, '../../src/modules/matrix/assets/default-cover.png'));
// A 1×1 GIF: an editor's own cover, told apart from the default PNG by its bytes.
const EDITOR_COVER = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

describe('Matrix: every draft carries a cover uploaded to that member', () => {
  let s: TestServer;
  let editor: Awaited<ReturnType<typeof loginStaff>>;
  const members: Array<{ id: number; appid: string; name: string }> = [];

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
  const images = async (appid: string) =>
    (await request(s.url).get('/__wechat__/dev/material').query({ appid }).expect(200)).body.items as Array<{
      media_id: string;
      size: number;
      type: string;
    }>;
  const lastPublished = async (appid: string) =>
    (await request(s.url).get('/__wechat__/dev/freepublish/articles').query({ appid }).expect(200)).body.items[0]
      .items[0];
  const tokenOf = async (acc: { appid: string; secret: string }) =>
    (
      await request(s.url)
        .post('/__wechat__/cgi-bin/stable_token')
        .send({ grant_type: 'client_credential', ...acc })
        .expect(200)
    ).body.access_token as string;
  const fault = (path: string, errcode: number, appid: string) =>
    request(s.url).post('/__wechat__/dev/faults').send({ path, errcode, appid, times: 1 }).expect(200);

  before(async () => {
    s = await startServer();
    const admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username: 'cover.editor',
        displayName: '编辑',
        password: 'Correct-horse-42',
        roles: ['editor'],
        scope: { divisions: [''] },
      })
      .expect(201);
    editor = await loginStaff(s.url, 'cover.editor', 'Correct-horse-42');
    await request(s.url)
      .post('/__wechat__/dev/freepublish/push-target')
      .send({ url: `${s.url}/wechat/matrix/{appid}`, token: 'devtoken' })
      .expect(200);
    for (const [name, code] of [
      ['江苏民政', '320000'],
      ['南京社会组织', '320100'],
      ['苏州社会组织', '320500'],
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

  it('WeChat (the simulator) refuses a draft whose cover is missing or belongs to another account, and images it cannot read', async () => {
    const mine = await simAccount(s.url);
    const other = await simAccount(s.url);
    const token = await tokenOf(mine);
    const article = { title: '无封面', content: '<p>正文</p>' };
    const draft = (thumb?: string) =>
      request(s.url)
        .post('/__wechat__/cgi-bin/draft/add')
        .query({ access_token: token })
        .send({ articles: [{ ...article, ...(thumb ? { thumb_media_id: thumb } : {}) }] })
        .expect(200)
        .then((r) => r.body);
    const upload = (t: string, bytes: Buffer, name = 'a.png') =>
      request(s.url)
        .post('/__wechat__/cgi-bin/material/add_material')
        .query({ access_token: t, type: 'image' })
        .attach('media', bytes, name)
        .expect(200)
        .then((r) => r.body);

    assert.equal((await draft()).errcode, 40007);
    assert.equal((await draft('no-such-media')).errcode, 40007);
    const foreign = await upload(await tokenOf(other), DEFAULT_COVER);
    assert.equal((await draft(foreign.media_id)).errcode, 40007);

    // Judged by its bytes, not its name: a text file called .png is no image.
    assert.equal((await upload(token, Buffer.from('not an image at all'), 'fake.png')).errcode, 40005);
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1);
    DEFAULT_COVER.copy(huge);
    assert.equal((await upload(token, huge)).errcode, 40009);
    const none = await request(s.url)
      .post('/__wechat__/cgi-bin/material/add_material')
      .query({ access_token: token, type: 'image' })
      .send({})
      .expect(200);
    assert.equal(none.body.errcode, 41005);

    const good = await upload(token, EDITOR_COVER, 'cover.gif');
    assert.match(good.url, /^http:\/\/mmbiz\.qpic\.cn\//);
    assert.ok((await draft(good.media_id)).media_id);
  });

  it('our client uploads an image through the token manager, refreshing a stale token once', async () => {
    const acc = await simAccount(s.url);
    await addMember(s.url, editor.auth, {
      name: '无锡社会组织',
      appid: acc.appid,
      secret: acc.secret,
      level: 'municipal',
      divisionCode: '320200',
      category: '登记管理机关',
    });
    const wechat = s.app.wechat;
    await wechat.material.addImage(acc.appid, DEFAULT_COVER, 'a.png', 'image/png');
    await request(s.url).post('/__wechat__/dev/revoke-tokens').send({ appid: acc.appid }).expect(200);
    const before = await simCalls(s.url, '/cgi-bin/stable_token');
    const r = await wechat.material.addImage(acc.appid, DEFAULT_COVER, 'a.png', 'image/png');
    assert.ok(r.mediaId);
    assert.equal(await simCalls(s.url, '/cgi-bin/stable_token'), before + 1);
    assert.equal((await images(acc.appid)).length, 2);
    await assert.rejects(
      wechat.material.addImage(acc.appid, Buffer.from('%PDF-1.4'), 'a.pdf', 'application/pdf'),
      (e: unknown) => e instanceof WechatError && e.errcode === 40005,
    );
  });

  it('uploads the cover once per member, counts a failed upload as that member’s failure, and reuses the media id on retry', async () => {
    const [a, b, c] = members;
    // 苏州 cannot take the image (out of quota); 南京 takes it but its draft fails.
    await fault('/cgi-bin/material/add_material', 45009, c.appid);
    await fault('/cgi-bin/draft/add', 45009, b.appid);
    const created = await request(s.url)
      .post('/api/matrix/admin/distributions')
      .set(editor.auth)
      .send({
        article: {
          title: '社会组织等级评估工作启动',
          content: '<p>请各社会组织做好准备。</p>',
          cover: `data:image/gif;base64,${EDITOR_COVER.toString('base64')}`,
        },
        memberIds: [a.id, b.id, c.id],
      })
      .expect(201);
    const id = created.body.distribution.id;
    const d = await settled(id);
    const by = (x: { deliveries: Array<{ memberId: number; status: string; error: string }> }, m: { id: number }) =>
      x.deliveries.find((y) => y.memberId === m.id)!;
    assert.equal(by(d, a).status, 'published');
    assert.equal(by(d, b).status, 'failed');
    assert.equal(by(d, c).status, 'failed');
    assert.match(by(d, c).error, /45009/);

    // 江苏 published with the editor's cover, uploaded to it once, and named by its draft.
    const onA = await images(a.appid);
    assert.equal(onA.length, 1);
    assert.equal(onA[0].size, EDITOR_COVER.length);
    assert.equal((await lastPublished(a.appid)).thumb_media_id, onA[0].media_id);
    assert.equal((await images(b.appid)).length, 1);
    assert.equal((await images(c.appid)).length, 0);

    await request(s.url).post(`/api/matrix/admin/distributions/${id}/retry`).set(editor.auth).expect(200);
    assert.deepEqual((await settled(id)).counts, { pending: 0, submitted: 0, published: 3, failed: 0 });
    // 南京 reused the image it already had; 苏州 got it now; 江苏 was left alone.
    const onB = await images(b.appid);
    assert.equal(onB.length, 1);
    assert.equal((await lastPublished(b.appid)).thumb_media_id, onB[0].media_id);
    assert.equal((await images(c.appid)).length, 1);
    assert.equal((await images(a.appid)).length, 1);
  });

  it('gives an aggregated article its own cover, and the shipped cover when that cannot be had', async () => {
    const [a] = members;
    const served = Buffer.concat([EDITOR_COVER, Buffer.from('served')]);
    const img = http.createServer((req, res) => {
      if (req.url === '/cover.gif') res.writeHead(200, { 'Content-Type': 'image/gif' }).end(served);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => img.listen(0, '127.0.0.1', () => r()));
    try {
      const source = await simAccount(s.url);
      const base = `http://127.0.0.1:${(img.address() as AddressInfo).port}`;
      await request(s.url)
        .post('/__wechat__/dev/freepublish/articles')
        .send({
          appid: source.appid,
          articles: [
            { title: '有封面的动态', thumbUrl: `${base}/cover.gif` },
            { title: '封面失效的动态', thumbUrl: `${base}/gone.gif` },
          ],
        })
        .expect(200);
      const src = await addMember(s.url, editor.auth, {
        name: '中国社会组织动态',
        appid: source.appid,
        secret: source.secret,
        level: 'national',
        divisionCode: '100000',
        category: '登记管理机关',
      });
      await request(s.url).post('/api/matrix/admin/sync').set(editor.auth).expect(202);
      const feed = await waitFor(
        () => request(s.url).get('/api/matrix/articles').query({ member: src.id }).expect(200),
        (r) => r.body.total === 2,
        'the sync',
      );
      const idOf = (title: string) => feed.body.items.find((x: { title: string }) => x.title === title).id;

      for (const [title, size] of [
        ['有封面的动态', served.length],
        ['封面失效的动态', DEFAULT_COVER.length],
      ] as const) {
        const before = (await images(a.appid)).length;
        const created = await request(s.url)
          .post('/api/matrix/admin/distributions')
          .set(editor.auth)
          .send({ articleId: idOf(title), memberIds: [a.id] })
          .expect(201);
        assert.equal((await settled(created.body.distribution.id)).counts.published, 1, title);
        const now = await images(a.appid);
        assert.equal(now.length, before + 1);
        const thumb = (await lastPublished(a.appid)).thumb_media_id;
        assert.equal(now.find((m) => m.media_id === thumb)?.size, size, title);
      }
    } finally {
      img.close();
    }
  });

  it('refuses a cover that is not an image WeChat takes', async () => {
    const post = (cover: unknown) =>
      request(s.url)
        .post('/api/matrix/admin/distributions')
        .set(editor.auth)
        .send({ article: { title: '坏封面', content: '<p>x</p>', cover }, memberIds: [members[0].id] });
    const text = await post(Buffer.from('<html>not an image</html>').toString('base64')).expect(400);
    assert.equal(text.body.error.code, 'COVER_INVALID');
    assert.match(text.body.error.message, /JPG、PNG/);
    assert.equal((await post('这不是base64!').expect(400)).body.error.code, 'COVER_INVALID');
    assert.equal((await post(12345).expect(400)).body.error.code, 'VALIDATION_FAILED');
  });
});
