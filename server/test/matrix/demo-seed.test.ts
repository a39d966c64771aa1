import assert from 'node:assert/strict';
import request from 'supertest';
import { seedDemo } from '../../src/cli/seed-demo';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';

describe('The demo seed fills 动态: member accounts and articles, once', function () {
  this.timeout(120_000);
  let s: TestServer;
  before(async () => {
    s = await startServer({ DATABASE_URL: await ownDatabase('matrix_demo') }, { freshDatabase: true });
  });
  after(async () => s.close());

  it('a fresh start shows articles and the accounts they come from; seeding again adds nothing', async () => {
    const empty = await request(s.url).get('/api/matrix/articles').expect(200);
    assert.equal(empty.body.total, 0);
    await seedDemo(s.app);
    const feed = await request(s.url).get('/api/matrix/articles').query({ pageSize: 50 }).expect(200);
    assert.ok(feed.body.total >= 6, JSON.stringify(feed.body));
    for (const a of feed.body.items) {
      assert.match(a.title, /演示/);
      assert.match(a.link, /^https:\/\//);
    }
    const members = await request(s.url).get('/api/matrix/members').expect(200);
    assert.ok(members.body.items.length >= 3);
    // Found by keyword like any article.
    const found = await request(s.url).get('/api/matrix/articles').query({ q: '年度检查' }).expect(200);
    assert.equal(found.body.total, 1);

    await seedDemo(s.app);
    const again = await request(s.url).get('/api/matrix/articles').query({ pageSize: 50 }).expect(200);
    assert.equal(again.body.total, feed.body.total);
    // Never synced: the scheduler does not ask WeChat about the demo accounts.
    const [rows] = (await s.app.platform.db.query(
      "SELECT COUNT(*) AS n FROM matrix_members WHERE appid LIKE 'wxdemo%' AND next_sync_at < '2098-01-01'",
    )) as [{ n: number }[], unknown];
    assert.equal(Number(rows[0].n), 0);
  });
});
