import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';

describe('婚姻知识信息库: articles and FAQ with keyword search', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('finds entries by everyday words, best matches first, and opens one', async () => {
    const { body } = await request(s.url).get('/api/marriage/knowledge').query({ q: '结婚证丢了' }).expect(200);
    assert.equal(body.items[0].id, 'reissue');
    const cool = await request(s.url).get('/api/marriage/knowledge').query({ q: '冷静期' }).expect(200);
    assert.equal(cool.body.items[0].id, 'cooling-off');
    const one = await request(s.url).get('/api/marriage/knowledge/cooling-off').expect(200);
    assert.match(one.body.entry.body, /民法典/);
    const all = await request(s.url).get('/api/marriage/knowledge').expect(200);
    assert.ok(all.body.total >= 8);
    assert.deepEqual(
      s.app.modules.marriageKb.searchKnowledge('户口本').map((e) => e.id),
      ['marriage-materials'],
    );
  });

  it('answers unknown entries and bad queries in Chinese', async () => {
    await request(s.url).get('/api/marriage/knowledge/nope').expect(404);
    await request(s.url).get('/api/marriage/knowledge/..%2F').expect(400);
    await request(s.url)
      .get('/api/marriage/knowledge')
      .query({ q: 'x'.repeat(60) })
      .expect(400);
    assert.equal(
      (await request(s.url).get('/api/marriage/knowledge').query({ q: 'quantum' }).expect(200)).body.total,
      0,
    );
  });
});
