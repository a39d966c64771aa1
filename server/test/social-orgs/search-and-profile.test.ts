import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { adminOf, createOrg, newUscc, officer, RED_CROSS } from './helpers';

describe('A citizen checks a social organization', () => {
  let s: TestServer;
  let redCross: string;
  let shuFa: string;
  before(async () => {
    s = await startServer({}, { freshDatabase: true });
    const admin = await adminOf(s.url);
    await createOrg(s.url, admin.auth, {
      uscc: RED_CROSS,
      name: '中国红十字基金会',
      type: 'foundation',
      authority: '中华人民共和国民政部',
      authorityLevel: 'national',
      divisionCode: '100000',
      supervisor: '中国红十字会总会',
      address: '北京市东城区北新桥三条8号',
    });
    redCross = RED_CROSS;
    shuFa = (await createOrg(s.url, admin.auth, { name: '北京市朝阳区书法家协会' })).uscc;
    await createOrg(s.url, admin.auth, { name: '红十字', divisionCode: '440305', authority: '深圳市南山区民政局' });
    await createOrg(s.url, admin.auth, {
      name: '深圳市红十字志愿者协会',
      divisionCode: '440305',
      authority: '深圳市南山区民政局',
    });
    await createOrg(s.url, admin.auth, {
      name: '红十字会员服务中心',
      type: 'social_service',
      divisionCode: '440305',
      authority: '深圳市南山区民政局',
    });
    await request(s.url)
      .post('/api/staff/social-orgs/illegal')
      .set(admin.auth)
      .send({
        name: '中华红十字慈善总会',
        authority: '民政部',
        divisionCode: '110000',
        publishedAt: '2025-06-01',
        source: '民政部社会组织管理局公告',
      })
      .expect(201);
  });
  after(async () => s.close());

  it('finds an organization by its credit code, forgiving case and spaces', async () => {
    for (const q of [RED_CROSS, RED_CROSS.toLowerCase(), '5310 0000 5000 1979 5A']) {
      const { body } = await request(s.url).get('/api/social-orgs').query({ q }).expect(200);
      assert.equal(body.total, 1, q);
      assert.equal(body.items[0].name, '中国红十字基金会');
      assert.equal(body.items[0].creditStatus, 'normal');
    }
  });

  it('answers a malformed credit code with INVALID_USCC', async () => {
    for (const q of ['53100000500019795B', '5310000050001979', '53100000500019795I']) {
      const r = await request(s.url).get('/api/social-orgs').query({ q }).expect(400);
      assert.equal(r.body.error.code, 'INVALID_USCC');
      assert.match(r.body.error.message, /统一社会信用代码/);
    }
  });

  it('finds organizations by a name fragment, best match first, with two-character queries too', async () => {
    const { body } = await request(s.url).get('/api/social-orgs').query({ q: '红十字' }).expect(200);
    assert.deepEqual(
      body.items.map((i: { name: string }) => i.name),
      ['红十字', '红十字会员服务中心', '中国红十字基金会', '深圳市红十字志愿者协会'],
    );
    assert.equal(body.total, 4);
    const two = await request(s.url).get('/api/social-orgs').query({ q: '书法' }).expect(200);
    assert.deepEqual(
      two.body.items.map((i: { name: string }) => i.name),
      ['北京市朝阳区书法家协会'],
    );
    const none = await request(s.url).get('/api/social-orgs').query({ q: '不存在的组织' }).expect(200);
    assert.deepEqual(none.body, { items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('filters by type, division and credit status, and pages', async () => {
    const type = await request(s.url).get('/api/social-orgs').query({ q: '红十字', type: 'foundation' }).expect(200);
    assert.deepEqual(
      type.body.items.map((i: { uscc: string }) => i.uscc),
      [redCross],
    );
    const div = await request(s.url).get('/api/social-orgs').query({ q: '红十字', division: '4403' }).expect(200);
    assert.equal(div.body.total, 3);
    const page2 = await request(s.url).get('/api/social-orgs').query({ q: '红十字', pageSize: 3, page: 2 }).expect(200);
    assert.equal(page2.body.items.length, 1);
    assert.equal(page2.body.total, 4);
    const serious = await request(s.url).get('/api/social-orgs').query({ q: '红十字', credit: 'serious' }).expect(200);
    assert.equal(serious.body.total, 0);
  });

  it('warns when the name matches a suspected illegal organization', async () => {
    const { body } = await request(s.url).get('/api/social-orgs').query({ q: '红十字慈善' }).expect(200);
    assert.equal(body.total, 0);
    assert.ok(body.warning);
    assert.equal(body.warning.matches[0].name, '中华红十字慈善总会');
    assert.equal(body.warning.matches[0].authority, '民政部');
    const full = await request(s.url).get('/api/social-orgs').query({ q: '中华红十字慈善总会北京分会' }).expect(200);
    assert.ok(full.body.warning, 'a query containing the listed name warns too');
    const plain = await request(s.url).get('/api/social-orgs').query({ q: '书法' }).expect(200);
    assert.equal(plain.body.warning, undefined);
  });

  it('shows the profile with credit status, history and rating; 404 for a valid unknown code', async () => {
    const { body } = await request(s.url).get(`/api/social-orgs/${redCross.toLowerCase()}`).expect(200);
    assert.equal(body.org.name, '中国红十字基金会');
    assert.equal(body.org.typeName, '基金会');
    assert.equal(body.org.divisionName, '全国');
    assert.equal(body.creditStatus, 'normal');
    assert.deepEqual(body.creditHistory, []);
    assert.equal(body.rating, null);
    const code = newUscc('110105');
    const r = await request(s.url).get(`/api/social-orgs/${code}`).expect(404);
    assert.equal(r.body.error.code, 'NOT_FOUND');
    const bad = await request(s.url).get('/api/social-orgs/53100000500019795B').expect(400);
    assert.equal(bad.body.error.code, 'INVALID_USCC');
  });

  it("reflects an officer's edit at once (the cache is dropped on write)", async () => {
    await request(s.url).get(`/api/social-orgs/${shuFa}`).expect(200);
    await request(s.url).get('/api/social-orgs').query({ q: '书法' }).expect(200);
    const o = await officer(s.url, ['11']);
    await request(s.url)
      .patch(`/api/staff/social-orgs/${shuFa}`)
      .set(o.auth)
      .send({ name: '北京市朝阳区书画艺术协会' })
      .expect(200);
    const { body } = await request(s.url).get(`/api/social-orgs/${shuFa}`).expect(200);
    assert.equal(body.org.name, '北京市朝阳区书画艺术协会');
    const old = await request(s.url).get('/api/social-orgs').query({ q: '书法' }).expect(200);
    assert.equal(old.body.total, 0);
    const renamed = await request(s.url).get('/api/social-orgs').query({ q: '书画' }).expect(200);
    assert.equal(renamed.body.items[0].uscc, shuFa);
  });

  it('refuses one-character and overlong queries and bad filters with 400', async () => {
    const one = await request(s.url).get('/api/social-orgs').query({ q: '红' }).expect(400);
    assert.equal(one.body.error.code, 'QUERY_TOO_SHORT');
    for (const query of [
      { q: '红'.repeat(61) },
      { type: 'bank' },
      { credit: 'bad' },
      { division: '1' },
      { page: 0 },
      { pageSize: 1000 },
      { status: 'x' },
    ]) {
      const r = await request(s.url).get('/api/social-orgs').query(query).expect(400);
      assert.equal(r.body.error.code, 'VALIDATION_FAILED', JSON.stringify(query));
    }
  });
});
