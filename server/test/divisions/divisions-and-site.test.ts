import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';

describe('Division pickers and the site header', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ HOTLINE: '12345', HOTLINES: '44=12349,4403=0755-12345' });
  });
  after(async () => s.close());

  it('lists provinces, then the cities and districts under a code', async () => {
    const prov = await request(s.url).get('/api/divisions').expect(200);
    assert.ok(prov.body.items.length >= 31);
    assert.deepEqual(prov.body.items[0], { code: '110000', name: '北京市', level: 1, hasChildren: true });
    const gd = await request(s.url).get('/api/divisions?parent=440000').expect(200);
    assert.ok(gd.body.items.some((d: { name: string }) => d.name === '深圳市'));
    const sz = await request(s.url).get('/api/divisions?parent=440300').expect(200);
    assert.ok(sz.body.items.some((d: { code: string; name: string }) => d.code === '440305' && d.name === '南山区'));
  });

  it('refuses malformed codes and says so for unknown ones', async () => {
    assert.equal(
      (await request(s.url).get('/api/divisions?parent=44').expect(400)).body.error.code,
      'VALIDATION_FAILED',
    );
    assert.equal((await request(s.url).get('/api/divisions?parent=990000').expect(404)).body.error.code, 'NOT_FOUND');
  });

  it('gives each region its hotline, the longest configured prefix winning', async () => {
    assert.equal((await request(s.url).get('/api/site').expect(200)).body.hotline, '12345');
    assert.equal((await request(s.url).get('/api/site?division=440106').expect(200)).body.hotline, '12349');
    assert.equal((await request(s.url).get('/api/site?division=440305').expect(200)).body.hotline, '0755-12345');
    const { body } = await request(s.url).get('/api/site').expect(200);
    assert.equal(body.areas.length, 10);
    assert.deepEqual(body.areas.map((a: { name: string }) => a.name).slice(0, 3), ['养老服务', '社会救助', '社会组织']);
  });
});
