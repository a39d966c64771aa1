import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';
import { requestStatements } from '../support/request-statements';

/** 建外街道, 朝阳区: this story takes its last community, which the other stories leave alone. */
const JIANWAI = '110105001';

describe('社区治理 · pages kept ready, and followers told by a job', () => {
  let s: TestServer;
  let code: string;
  let staff: Awaited<ReturnType<typeof staffAt>>;
  /** SQL statements the server ran for requests that name a community table. */
  let statements: string[] = [];

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    const { body } = await request(s.url).get(`/api/community/streets/${JIANWAI}/communities`).expect(200);
    code = body.items[body.items.length - 1].code;
    staff = await staffAt(s.url, [code], ['community_staff'], '居委会张');
    statements = requestStatements(s, /community_/);
  });
  after(async () => s?.close());

  const page = async (url = s.url) =>
    (await request(url).get(`/api/community/communities/${code}`).expect(200)).body.community;
  const edit = (phone: string, chair: string) =>
    request(s.url)
      .put(`/api/staff/community/communities/${code}/profile`)
      .set(staff.auth)
      .send({ phone, services: ['居住证明开具'], committee: [{ name: chair, role: '主任' }] })
      .expect(200);

  it('answers a warm page from memory, and shows an edit at once', async () => {
    assert.equal((await page()).profiled, false);
    statements.length = 0;
    const warm = await page();
    assert.equal(warm.profiled, false);
    assert.deepEqual(statements, [], 'a warm read queries no community table');

    await edit('010-65000011', '陈桂芳');
    const edited = await page();
    assert.equal(edited.phone, '010-65000011');
    assert.deepEqual(edited.committee, [{ name: '陈桂芳', role: '主任' }]);
    await edit('010-65000022', '周建华');
    const again = await page();
    assert.equal(again.phone, '010-65000022');
    assert.deepEqual(again.committee, [{ name: '周建华', role: '主任' }]);
    statements.length = 0;
    assert.equal((await page()).phone, '010-65000022');
    assert.deepEqual(statements, []);

    // The 街道's list is kept too.
    await request(s.url).get(`/api/community/streets/${JIANWAI}/communities`).expect(200);
    statements.length = 0;
    const list = await request(s.url).get(`/api/community/streets/${JIANWAI}/communities`).expect(200);
    assert.ok(list.body.items.some((c: { code: string }) => c.code === code));
    assert.deepEqual(statements, []);
  });

  it('keeps a page and a 乡镇’s list from their second ask: one asked once is built from memory, not kept', async () => {
    // 三里屯街道: no other story here asks for it or its communities.
    const pages = s.app.modules.community.pages;
    const sanlitun = '110105004';
    const lists = [
      await pages.childrenJson(sanlitun),
      await pages.childrenJson(sanlitun),
      await pages.childrenJson(sanlitun),
    ];
    assert.notEqual(lists[0], lists[1], 'asked once: built for that answer only');
    assert.equal(lists[1], lists[2], 'asked again: kept, the same bytes sent from then on');
    assert.deepEqual(lists[0], lists[1]);
    const other = JSON.parse(lists[0].toString()).items[0].code as string;
    const answers = [await pages.pageJson(other), await pages.pageJson(other), await pages.pageJson(other)];
    assert.notEqual(answers[0], answers[1], 'asked once: built for that answer only');
    assert.equal(answers[1], answers[2], 'asked again: kept');
    assert.deepEqual(answers[0], answers[1]);
    // What is sent is the same either way (a kept page showing an edit at once: the first story).
    const { body } = await request(s.url).get(`/api/community/communities/${other}`).expect(200);
    assert.equal(body.community.code, other);
    assert.equal(body.community.street.code, sanlitun);
    const { body: listed } = await request(s.url).get(`/api/community/streets/${sanlitun}/communities`).expect(200);
    assert.deepEqual(listed, JSON.parse(lists[0].toString()));
  });

  it('shows an edit made through another process on that process’s very next read (shared Redis)', async function () {
    if (!TEST_REDIS_URL) {
      console.warn('    (needs REDIS_URL: processes share the pages’ version through Redis; skipping)');
      this.skip();
    }
    const other = await startServer();
    try {
      for (const [phone, chair] of [
        ['010-65000033', '吴晓东'],
        ['010-65000044', '郑秀英'],
        ['010-65000055', '孙志刚'],
      ]) {
        await page(other.url);
        await page(other.url); // kept by the other process now
        await edit(phone, chair);
        // No wait for a poll: the other process's next answer has the edit.
        const seen = await page(other.url);
        assert.equal(seen.phone, phone);
        assert.deepEqual(seen.committee, [{ name: chair, role: '主任' }]);
      }
    } finally {
      await other.close();
    }
  });

  it('tells every follower of a notice once, after the request, even when the job runs again', async () => {
    const followers = await Promise.all([1, 2, 3].map(() => loginCitizen(s.url)));
    for (const f of followers)
      await request(s.url).post('/api/community/follows').set(f.auth).send({ code }).expect(200);
    const title = `道路修缮项目公开${Date.now()}`;
    const { body } = await request(s.url)
      .post(`/api/staff/community/communities/${code}/notices`)
      .set(staff.auth)
      .send({ category: 'project', title, body: '修缮东门道路，工期两周。', attachments: [] })
      .expect(201);
    assert.equal(body.followersNotified, 3);
    await s.app.platform.jobs.drain();
    const [{ id }] = (await s.app.platform.db.query('SELECT id FROM community_tellings ORDER BY id DESC LIMIT 1', {
      type: 'SELECT',
    })) as Array<{ id: number }>;
    // A job that runs again (after a crash, or a second worker) tells nobody twice.
    await s.app.modules.community.telling.run(Number(id));
    for (const f of followers) {
      const messages = await request(s.url).get('/api/messages').set(f.auth).expect(200);
      const told = messages.body.items.filter((m: { body: string }) => m.body === title);
      assert.equal(told.length, 1, JSON.stringify(messages.body.items));
    }
  });
});
