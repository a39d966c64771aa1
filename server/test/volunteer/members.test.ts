import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { moveTo, organization, type Staff, staffAt, volunteer } from './support';

const messages = async (url: string, auth: Record<string, string>) =>
  (await request(url).get('/api/messages').set(auth).expect(200)).body.items as { title: string; body: string }[];

/**
 * Joining a volunteer organization needs its approval: a volunteer applies, the organization's
 * admin refuses with a reason or approves, the volunteer is told; applying twice while pending
 * or once a member is refused; another place's organizer cannot see or decide.
 */
describe('志愿服务 · joining an organization with its approval', () => {
  let s: TestServer;
  let organizer: Staff;
  let orgId: number;
  let orgName: string;

  before(async function () {
    this.timeout(180_000);
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    orgName = `朝阳区青年志愿服务队${Date.now() % 1e6}`;
    ({ organizer, orgId } = await organization(s.url, orgName));
  });
  after(async () => s.close());

  it('applies, is refused with a reason, applies again and is approved, told each time', async function () {
    this.timeout(120_000);
    const listed = await request(s.url).get('/api/volunteer/orgs?divisionCode=110105').expect(200);
    assert.ok(listed.body.items.some((o: { id: number }) => o.id === orgId));

    const v = await volunteer(s.url, '孙入队');
    const applied = await request(s.url)
      .post(`/api/volunteer/orgs/${orgId}/join`)
      .set(v.auth)
      .send({ note: '有急救证，周末有空' })
      .expect(201);
    assert.equal(applied.body.member.statusName, '待审核');
    const twice = await request(s.url).post(`/api/volunteer/orgs/${orgId}/join`).set(v.auth).send({}).expect(409);
    assert.equal(twice.body.error.code, 'JOIN_PENDING');
    assert.match(twice.body.error.message, /正在审核/);

    const pending = await request(s.url)
      .get(`/api/staff/volunteer/orgs/${orgId}/members?status=pending`)
      .set(organizer.auth)
      .expect(200);
    const row = pending.body.items.find((m: { volunteer: { number: string } }) => m.volunteer.number === v.number);
    assert.equal(row.volunteer.name, '孙**', 'names masked in the roster');
    assert.equal(row.note, '有急救证，周末有空');

    const noReason = await request(s.url)
      .post(`/api/staff/volunteer/members/${row.id}/refuse`)
      .set(organizer.auth)
      .send({})
      .expect(400);
    assert.match(noReason.body.error.message, /理由/);
    await request(s.url)
      .post(`/api/staff/volunteer/members/${row.id}/refuse`)
      .set(organizer.auth)
      .send({ reason: '本队当前只招募朝阳区居民' })
      .expect(200);
    const refusedNote = (await messages(s.url, v.auth)).find((m) => m.title === '入队申请未通过');
    assert.ok(refusedNote, 'told of the refusal');
    assert.match(refusedNote.body, /本队当前只招募朝阳区居民/);
    const again = await request(s.url).post(`/api/staff/volunteer/members/${row.id}/approve`).set(organizer.auth);
    assert.equal(again.status, 409, 'a decided application is not decided twice');

    // Applies again; approved; now a member, and told.
    const reapplied = await request(s.url).post(`/api/volunteer/orgs/${orgId}/join`).set(v.auth).send({}).expect(201);
    assert.equal(reapplied.body.member.id, row.id, 'the same application row, reopened');
    await request(s.url)
      .post(`/api/staff/volunteer/members/${row.id}/approve`)
      .set(organizer.auth)
      .send({})
      .expect(200);
    const mine = await request(s.url).get('/api/volunteer/me/orgs').set(v.auth).expect(200);
    assert.deepEqual(
      mine.body.items.map((m: { orgName: string; statusName: string }) => [m.orgName, m.statusName]),
      [[orgName, '已加入']],
    );
    assert.ok((await messages(s.url, v.auth)).some((m) => m.title === '入队申请已通过'));
    const member = await request(s.url).post(`/api/volunteer/orgs/${orgId}/join`).set(v.auth).send({}).expect(409);
    assert.equal(member.body.error.code, 'ALREADY_MEMBER');
  });

  it('keeps organizations of other places out of it', async function () {
    this.timeout(60_000);
    const v = await volunteer(s.url, '郑申请');
    const applied = await request(s.url).post(`/api/volunteer/orgs/${orgId}/join`).set(v.auth).send({}).expect(201);
    const stranger = await staffAt(s.url, [], ['volunteer_organizer'], '外队管理员');
    const elsewhere = await staffAt(s.url, ['310101'], ['volunteer_officer'], '黄浦区干部');
    for (const who of [stranger, elsewhere]) {
      await request(s.url).get(`/api/staff/volunteer/orgs/${orgId}/members`).set(who.auth).expect(404);
      await request(s.url)
        .post(`/api/staff/volunteer/members/${applied.body.member.id}/approve`)
        .set(who.auth)
        .send({})
        .expect(404);
    }
    const stillPending = await request(s.url).get('/api/volunteer/me/orgs').set(v.auth).expect(200);
    assert.equal(stillPending.body.items[0].statusName, '待审核');
    await request(s.url).post('/api/volunteer/orgs/999999/join').set(v.auth).send({}).expect(404);
    const stranger2 = await volunteer(s.url, '未加入');
    await request(s.url).get('/api/volunteer/me/orgs').set(stranger2.auth).expect(200);
  });
});
