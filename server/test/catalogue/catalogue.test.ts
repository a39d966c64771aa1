import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';

const REQUIRED = [
  '结婚登记',
  '离婚登记',
  '补领婚姻登记证',
  '社会团体成立登记',
  '基金会年度检查',
  '最低生活保障申请',
  '特困人员救助供养',
  '临时救助',
  '养老机构备案',
  '惠民殡葬补贴',
  '志愿服务记录证明',
];
const AREAS = [
  'elderly',
  'assistance',
  'social-orgs',
  'social-work',
  'volunteer',
  'family-search',
  'community',
  'marriage',
  'funeral',
  'divisions',
];

describe('The service catalogue (政务服务事项): search and item pages', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('finds every required item by its name', async () => {
    for (const name of REQUIRED) {
      const { body } = await request(s.url).get('/api/services').query({ q: name }).expect(200);
      assert.ok(
        body.items.some((i: { name: string }) => i.name.includes(name)),
        `no item for ${name}`,
      );
    }
  });

  it('has items in all ten areas and filters by area', async () => {
    for (const area of AREAS) {
      const { body } = await request(s.url).get('/api/services').query({ area }).expect(200);
      assert.ok(body.items.length > 0, `area ${area} is empty`);
      assert.ok(body.items.every((i: { area: string }) => i.area === area));
    }
  });

  it('matches everyday words through keywords, all terms together', async () => {
    const lost = await request(s.url).get('/api/services').query({ q: '结婚证丢了' }).expect(200);
    assert.equal(lost.body.items[0].code, 'MZ-HY-03');
    const dibao = await request(s.url).get('/api/services').query({ q: '低保', area: 'assistance' }).expect(200);
    assert.equal(dibao.body.items[0].name, '最低生活保障申请');
    const none = await request(s.url).get('/api/services').query({ q: '低保 结婚' }).expect(200);
    assert.equal(none.body.total, 0);
    const wild = await request(s.url).get('/api/services').query({ q: '%' }).expect(200);
    assert.equal(wild.body.total, 0, '% is a character, not a wildcard');
  });

  it('shows an item with its basis, materials (copies, originals), limits, fee and visits', async () => {
    const { body } = await request(s.url).get('/api/services/MZ-HY-02').expect(200);
    const item = body.item;
    assert.equal(item.name, '内地居民离婚登记');
    assert.match(item.basis, /民法典/);
    assert.equal(item.visits, 2);
    assert.match(item.timeLimit.statutory, /30日/);
    assert.equal(item.fee, '不收费');
    const agreement = item.materials.find((m: { name: string }) => m.name.includes('离婚协议书'));
    assert.equal(agreement.copies, 3);
    assert.equal(typeof agreement.original, 'boolean');
    assert.ok(
      item.materials.every((m: { required: boolean; source: string }) => typeof m.required === 'boolean' && m.source),
    );
    const once = await request(s.url).get('/api/services/MZ-HY-01').expect(200);
    assert.equal(once.body.item.visitsText, '最多跑一次');
  });

  it('answers unknown or malformed codes and queries with 4xx in Chinese', async () => {
    const missing = await request(s.url).get('/api/services/MZ-NOPE-99').expect(404);
    assert.match(missing.body.error.message, /办事事项/);
    await request(s.url)
      .get(`/api/services/${encodeURIComponent('<script>')}`)
      .expect(400);
    const long = await request(s.url)
      .get('/api/services')
      .query({ q: '长'.repeat(51) })
      .expect(400);
    assert.ok(long.body.error.fields.q);
    const area = await request(s.url).get('/api/services').query({ area: 'space' }).expect(400);
    assert.ok(area.body.error.fields.area);
  });

  it('seeds once: a restart adds nothing and keeps staff edits', async () => {
    const before = (await request(s.url).get('/api/services').expect(200)).body.total;
    assert.equal(await s.app.modules.catalogue.ensureStandardItems(), 0);
    const after = (await request(s.url).get('/api/services').expect(200)).body.total;
    assert.equal(after, before);
  });
});
