import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { citizenWithUnion, follow } from '../notices/support';
import { moveTo, organization, randomIdNumber, type Staff, staffAt } from './support';

/**
 * The approved members of a volunteer organization are a broadcast audience: only members (not
 * applicants) who follow the public account; an editor of the organization's district may send
 * to them, an editor elsewhere cannot even count them, and an organization that does not exist
 * answers the same as one outside the scope.
 */
describe('志愿服务 · an organization’s volunteers as a broadcast segment', () => {
  let s: TestServer;
  let organizer: Staff;
  let orgId: number;

  before(async function () {
    this.timeout(180_000);
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    ({ organizer, orgId } = await organization(s.url));
  });
  after(async () => s.close());

  it('reaches the members who follow the account, for editors whose scope covers the organization', async function () {
    this.timeout(120_000);
    const people = [];
    for (const name of ['何成员', '吕申请', '施未关注']) {
      const c = await citizenWithUnion(s.url);
      await request(s.url).put('/api/me/identity').set(c.auth).send({ name, idNumber: randomIdNumber() }).expect(200);
      await request(s.url).post('/api/volunteer/me').set(c.auth).send({}).expect(201);
      const applied = await request(s.url).post(`/api/volunteer/orgs/${orgId}/join`).set(c.auth).send({}).expect(201);
      people.push({ ...c, memberId: applied.body.member.id as number });
    }
    const [member, applicant, notFollowing] = people;
    for (const p of [member, notFollowing])
      await request(s.url)
        .post(`/api/staff/volunteer/members/${p.memberId}/approve`)
        .set(organizer.auth)
        .send({})
        .expect(200);
    for (const p of [member, applicant]) await follow(s, p.unionid);

    const segment = { kind: 'users', source: 'volunteer-org-members', params: { orgId } };
    const preview = (who: Staff, seg: unknown) =>
      request(s.url).post('/api/staff/notices/broadcasts/preview').set(who.auth).send({ segment: seg });
    const chaoyang = await staffAt(s.url, ['110105'], ['editor'], '朝阳编辑');
    const r = await preview(chaoyang, segment).expect(200);
    assert.equal(r.body.count, 1, 'the one approved member who follows the account');

    const huangpu = await staffAt(s.url, ['310101'], ['editor'], '黄浦编辑');
    await preview(huangpu, segment).expect(404);
    // Narrowing to one's own district does not open another district's organization.
    await preview(huangpu, { ...segment, divisionCode: '310101' }).expect(404);
    await preview(chaoyang, { ...segment, params: { orgId: 999_999 } }).expect(404);
  });
});
