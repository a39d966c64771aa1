import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { seedSocialOrgsDemo } from '../../src/modules/social-orgs/demo';
import { RED_CROSS } from './helpers';

describe('The demo register', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('is seeded once, with the foundation, every credit status and illegal-org warnings', async () => {
    await seedSocialOrgsDemo(s.app.modules.socialOrgs, s.app.platform.clock.today());
    const [[{ n }]] = (await s.app.platform.db.query('SELECT COUNT(*) AS n FROM social_orgs')) as [
      { n: number }[],
      unknown,
    ];
    await seedSocialOrgsDemo(s.app.modules.socialOrgs, s.app.platform.clock.today());
    const [[again]] = (await s.app.platform.db.query('SELECT COUNT(*) AS n FROM social_orgs')) as [
      { n: number }[],
      unknown,
    ];
    assert.equal(Number(again.n), Number(n), 'a second run adds nothing');

    const { body } = await request(s.url).get(`/api/social-orgs/${RED_CROSS}`).expect(200);
    assert.equal(body.org.name, '中国红十字基金会');
    assert.equal(body.rating.label, '5A');
    for (const credit of ['abnormal', 'serious', 'normal']) {
      const r = await request(s.url).get('/api/social-orgs').query({ credit }).expect(200);
      assert.ok(r.body.total >= 1, credit);
    }
    const warned = await request(s.url).get('/api/social-orgs').query({ q: '红十字' }).expect(200);
    assert.equal(warned.body.items[0].name, '中国红十字基金会');
    assert.equal(warned.body.warning.matches[0].name, '中华红十字慈善总会');
  });
});
