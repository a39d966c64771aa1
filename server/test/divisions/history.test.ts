import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { divisions } from '../../src/modules/divisions';

describe('Divisions with their history: one code, five levels, abolished codes answer with successors', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('answers a current county with its level and parent path', async () => {
    const { body } = await request(s.url).get('/api/divisions/440305').expect(200);
    assert.equal(body.name, '南山区');
    assert.equal(body.level, 3);
    assert.equal(body.levelLabel, '县级');
    assert.equal(body.fullName, '广东省深圳市南山区');
    assert.deepEqual(
      body.parentPath.map((p: { name: string }) => p.name),
      ['广东省', '深圳市'],
    );
    assert.equal(body.status, 'current');
    assert.deepEqual(body.successors, []);
  });

  it('goes down to streets and villages (9 and 12 digits) with their whole path', async () => {
    const street = await request(s.url).get('/api/divisions/110101001').expect(200);
    assert.equal(street.body.name, '东华门街道');
    assert.equal(street.body.level, 4);
    assert.equal(street.body.fullName, '北京市东城区东华门街道');
    const village = await request(s.url).get('/api/divisions/110101001001').expect(200);
    assert.equal(village.body.level, 5);
    assert.equal(village.body.levelLabel, '村级（村/社区）');
    assert.deepEqual(
      village.body.parentPath.map((p: { code: string }) => p.code),
      ['110000', '110100', '110101', '110101001'],
    );
    // A 12-digit code with trailing zeros names the county above.
    assert.equal((await request(s.url).get('/api/divisions/110101000000').expect(200)).body.name, '东城区');
  });

  it('lists a county’s streets and a street’s villages when asked for depth', async () => {
    const streets = await request(s.url).get('/api/divisions?parent=110101&deep=1').expect(200);
    assert.ok(streets.body.items.some((d: { name: string }) => d.name === '东华门街道'));
    assert.equal(streets.body.items[0].level, 4);
    const villages = await request(s.url).get('/api/divisions?parent=110101001').expect(200);
    assert.ok(villages.body.items.some((d: { name: string }) => d.name === '多福巷社区居委会'));
    // Without depth the pickers of other areas stop at the county as before.
    const counties = await request(s.url).get('/api/divisions?parent=110100').expect(200);
    assert.equal(counties.body.items.find((d: { code: string }) => d.code === '110101').hasChildren, false);
    const deepCounties = await request(s.url).get('/api/divisions?parent=110100&deep=1').expect(200);
    assert.equal(deepCounties.body.items.find((d: { code: string }) => d.code === '110101').hasChildren, true);
  });

  it('answers an abolished code (崇文区) with 200, when it ended and what replaced it', async () => {
    const { body } = await request(s.url).get('/api/divisions/110103').expect(200);
    assert.equal(body.name, '崇文区');
    assert.equal(body.status, 'abolished');
    assert.equal(body.statusLabel, '已撤销');
    assert.equal(body.abolishedOn, '2010-07-01');
    assert.deepEqual(body.successors, [{ code: '110101', name: '东城区', level: 3, fullName: '北京市东城区' }]);
    assert.match(body.change, /崇文区/);
    const tianjin = await request(s.url).get('/api/divisions/120108').expect(200);
    assert.equal(tianjin.body.successors[0].name, '滨海新区');
  });

  it('says clearly that a code never existed (404), and refuses a malformed one (400)', async () => {
    const never = await request(s.url).get('/api/divisions/110199').expect(404);
    assert.equal(never.body.error.code, 'NOT_FOUND');
    assert.match(never.body.error.message, /110199.*从未设立/);
    await request(s.url).get('/api/divisions/110101999').expect(404);
    await request(s.url).get('/api/divisions/110101001999').expect(404);
    const bad = await request(s.url).get('/api/divisions/1101').expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    await request(s.url).get('/api/divisions/abcdef').expect(400);
  });

  it('shows an address stored under an old code under today’s division (for other modules)', async () => {
    assert.deepEqual(divisions.currentOf('110104'), ['110102']);
    assert.deepEqual(divisions.currentOf('110105'), ['110105']);
    assert.deepEqual(divisions.currentOf('110199'), []);
    assert.equal(await divisions.displayName('110104'), '北京市西城区（原宣武区）');
    assert.equal(await divisions.displayName('110105'), '北京市朝阳区');
  });
});
