import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { adminOf, createOrg } from '../social-orgs/helpers';
import { citizenWithUnion, follow } from './support';

describe('Staff broadcast to the followers of one organization', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('counts exactly the citizens who follow it and also follow the public account', async () => {
    const admin = await adminOf(s.url);
    const { uscc } = await createOrg(s.url, admin.auth);
    const followers = await Promise.all([1, 2, 3].map(() => citizenWithUnion(s.url)));
    for (const c of followers) {
      await request(s.url).put(`/api/social-orgs/${uscc}/follow`).set(c.auth).expect(200);
    }
    // Two of them also follow the public account; a bystander follows only the account.
    await follow(s, followers[0].unionid);
    await follow(s, followers[1].unionid);
    await follow(s, (await citizenWithUnion(s.url)).unionid);

    const preview = (segment: unknown) =>
      request(s.url).post('/api/staff/notices/broadcasts/preview').set(admin.auth).send({ segment });
    const r = await preview({ kind: 'users', source: 'org-followers', params: { uscc } }).expect(200);
    assert.equal(r.body.count ?? r.body.recipients, 2, JSON.stringify(r.body));
    const unknown = await preview({ kind: 'users', source: 'org-followers', params: { uscc: '53100000500019795A' } });
    assert.equal(unknown.status, 404);
  });
});
