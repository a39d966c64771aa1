import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { addMember, publish, simAccount, syncNow } from './helpers';

describe('Matrix feed: citizens browse and search what the members publish; staff pin, hide and tag', () => {
  let s: TestServer;
  let editor: Awaited<ReturnType<typeof loginStaff>>;
  let national: { id: number };
  let shenzhen: { id: number };
  let guangzhou: { id: number };
  const feed = async (query: Record<string, unknown> = {}) =>
    (await request(s.url).get('/api/matrix/articles').query(query).expect(200)).body;
  const titles = (body: { items: Array<{ title: string }> }) => body.items.map((i) => i.title);

  before(async () => {
    s = await startServer();
    editor = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    const add = async (
      name: string,
      level: string,
      divisionCode: string,
      category: string,
      articles: Array<{ title: string; digest?: string }>,
    ) => {
      const acc = await simAccount(s.url);
      await publish(s.url, acc.appid, articles);
      return addMember(s.url, editor.auth, {
        name,
        appid: acc.appid,
        secret: acc.secret,
        level,
        divisionCode,
        category,
      });
    };
    national = await add('中国社会组织动态', 'national', '100000', '登记管理机关', [
      { title: '民政部发布社会组织信用信息管理新规', digest: '信用修复与异常名录' },
      { title: '全国性社会团体年检结果公告' },
    ]);
    shenzhen = await add('深圳社会组织', 'municipal', '440300', '社会组织', [
      { title: '深圳市慈善会开展助老活动', digest: '深圳市慈善会联合社区志愿者' },
      { title: '深圳市社会组织等级评估通知' },
    ]);
    guangzhou = await add('广州社会组织', 'municipal', '440100', '登记管理机关', [
      { title: '广州市打击整治非法社会组织专项行动', digest: '警惕非法社会组织 100%_真实' },
    ]);
    await syncNow(s, editor.auth);
  });
  after(async () => s.close());

  it('lists everything newest first, paged', async () => {
    const all = await feed({ division: '44' }); // (other suites' members live elsewhere)
    assert.equal(all.total, 3);
    assert.equal(all.page, 1);
    const dates = all.items.map((i: { publishedAt: string }) => i.publishedAt);
    assert.deepEqual([...dates].sort().reverse(), dates);
    const p2 = await feed({ division: '44', pageSize: 1, page: 2 });
    assert.equal(p2.items.length, 1);
    assert.equal(p2.total, 3);
    assert.deepEqual(titles(p2), titles(all).slice(1, 2));
    assert.deepEqual((await feed({ division: '44', page: 9 })).items, []);
  });

  it('filters by member, region (a province covers its cities), category, and searches by keyword', async () => {
    assert.deepEqual(
      titles(await feed({ member: shenzhen.id })).sort(),
      ['深圳市慈善会开展助老活动', '深圳市社会组织等级评估通知'].sort(),
    );
    assert.equal((await feed({ division: '440000' })).total, 3);
    assert.equal((await feed({ division: '440100' })).total, 1);
    assert.equal((await feed({ division: '44' })).total, 3);
    assert.equal((await feed({ division: '44', category: '社会组织' })).total, 2);
    assert.equal((await feed({ division: '440000', category: '登记管理机关' })).total, 1);
    assert.deepEqual(titles(await feed({ q: '慈善会' })), ['深圳市慈善会开展助老活动']);
    assert.deepEqual(titles(await feed({ q: '信用修复' })), ['民政部发布社会组织信用信息管理新规']); // in the digest
    assert.deepEqual(titles(await feed({ q: '深圳 评估' })), ['深圳市社会组织等级评估通知']); // every word
    assert.deepEqual(titles(await feed({ q: '评估 市' })), ['深圳市社会组织等级评估通知']); // a one-character word beside a longer one
    assert.equal((await feed({ q: '活动深圳' })).total, 0); // a word lies in the title or the digest, not across the two
    assert.equal((await feed({ q: '_%' })).total, 0); // wildcards are literal characters
    assert.equal((await feed({ q: '100%_' })).total, 1);
    assert.equal((await feed({ member: 99999 })).total, 0);
  });

  it('puts pinned articles first, hides hidden ones from citizens (not from staff), and filters by tag', async () => {
    const oldest = (await feed({ member: national.id })).items[1];
    const pinned = await request(s.url)
      .patch(`/api/matrix/admin/articles/${oldest.id}`)
      .set(editor.auth)
      .send({ pinned: true, tags: ['年检', '公告', '年检'] })
      .expect(200);
    assert.deepEqual(pinned.body.article.tags, ['年检', '公告']);
    const top = (await feed()).items[0];
    assert.equal(top.id, oldest.id);
    assert.equal(top.pinned, true);
    assert.deepEqual(titles(await feed({ tag: '年检' })), [oldest.title]);

    const gz = (await feed({ member: guangzhou.id })).items[0];
    await request(s.url)
      .patch(`/api/matrix/admin/articles/${gz.id}`)
      .set(editor.auth)
      .send({ hidden: true })
      .expect(200);
    assert.equal((await feed({ member: guangzhou.id })).total, 0);
    const staffView = (
      await request(s.url)
        .get('/api/matrix/admin/articles')
        .query({ member: guangzhou.id })
        .set(editor.auth)
        .expect(200)
    ).body;
    assert.equal(staffView.items[0].hidden, true);
    const [rows] = (await s.app.platform.db.query(
      "SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'matrix.article.curate'",
    )) as [{ n: number }[], unknown];
    assert.equal(Number(rows[0].n), 2);
  });

  it('finds recent articles that mention an organization by name, for its detail page', async () => {
    const found = await s.app.modules.matrix.articlesMentioning('深圳市慈善会', 5);
    assert.deepEqual(
      found.map((a) => a.title),
      ['深圳市慈善会开展助老活动'],
    );
    assert.deepEqual(await s.app.modules.matrix.articlesMentioning('  ', 5), []);
  });

  it('answers bad queries and curation with 4xx and Chinese messages', async () => {
    for (const query of [
      { page: 0 },
      { page: 'x' },
      { pageSize: 1000 },
      { division: 'abc' },
      { division: '4403001' },
      { member: -1 },
      { q: '长'.repeat(51) },
    ]) {
      const r = await request(s.url).get('/api/matrix/articles').query(query).expect(400);
      assert.equal(r.body.error.code, 'VALIDATION_FAILED', JSON.stringify(query));
      assert.match(r.body.error.message, /[\u4e00-\u9fa5]/);
    }
    // The keyword index needs a word of two characters at least.
    const short = await request(s.url).get('/api/matrix/articles').query({ q: '长 深' }).expect(400);
    assert.equal(short.body.error.code, 'QUERY_TOO_SHORT');
    assert.match(short.body.error.message, /[\u4e00-\u9fa5]/);
    await request(s.url).patch('/api/matrix/admin/articles/1').send({ pinned: true }).expect(401);
    await request(s.url).patch('/api/matrix/admin/articles/99999').set(editor.auth).send({ pinned: true }).expect(404);
    await request(s.url).patch('/api/matrix/admin/articles/1').set(editor.auth).send({ pinned: 'yes' }).expect(400);
    await request(s.url)
      .patch('/api/matrix/admin/articles/1')
      .set(editor.auth)
      .send({ tags: ['x'.repeat(17)] })
      .expect(400);
    await request(s.url).patch('/api/matrix/admin/articles/1').set(editor.auth).send({}).expect(400);
  });
});
