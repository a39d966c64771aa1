import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { createHall, hallStaff } from '../halls/fixtures';
import { citizenWithUnion, follow, hex, registerProgressTemplate, until } from '../notices/support';
import { createOrg } from '../social-orgs/helpers';
import { requestStatements } from '../support/request-statements';

type Staff = Awaited<ReturnType<typeof loginStaff>>;
type Complaints = {
  days: Array<{ date: string; submitted: number }>;
  totals: { submitted: number; accepted: number; answered: number; rejected: number };
};
type Notices = { channels: Array<{ channel: string; sent: number; delivered: number; failed: number }> };
type Followers = { totals: { followed: number; unfollowed: number; following: number } };

// 统计分析's complaints, notices and followers dashboards, like the bookings one, are answered
// from memory until an event they count commits in the reader's scope.
describe('Statistics: the complaints, notices and followers dashboards are kept until an event in their scope', () => {
  let s: TestServer;
  let admin: Staff;
  let chaoyang: Staff;
  /** SQL statements the server ran for requests that read or wrote the roll-ups. */
  let statements: string[] = [];

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    registerProgressTemplate(s);
    admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    const username = `chaoyang.kept2.${process.pid}.${Math.floor(Math.random() * 1e6)}`;
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username,
        displayName: '朝阳区统计员',
        password: 'Chaoyang-pass-1',
        roles: ['hall_staff', 'org_officer'],
        scope: { divisions: ['110105'], halls: [] },
      })
      .expect(201);
    chaoyang = await loginStaff(s.url, username, 'Chaoyang-pass-1');
    statements = requestStatements(s, /stats_daily/);
  });
  after(async () => s?.close());

  const read = async <T>(what: string, who: Staff) =>
    (await request(s.url).get(`/api/staff/stats/${what}`).set(who.auth).expect(200)).body as T;
  /** Reads twice more: the answers are the same, and no roll-up row is read for them. */
  const warm = async <T>(what: string, ...who: Staff[]) => {
    const first = await Promise.all(who.map((w) => read<T>(what, w)));
    statements.length = 0;
    for (let i = 0; i < who.length; i++) assert.deepEqual(await read<T>(what, who[i]), first[i]);
    assert.deepEqual(statements, [], `a warm ${what} read reads no roll-up row`);
    return first;
  };

  it('complaints: filed, accepted, answered in 海淀 show nationwide at once; 朝阳’s answer stays kept', async () => {
    const [mine, all] = await warm<Complaints>('complaints', chaoyang, admin);
    const org = await createOrg(s.url, admin.auth, {
      name: `北京市海淀区社区互助协会${hex()}`,
      divisionCode: '110108',
    });
    const c = await loginCitizen(s.url);
    await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(c.auth)
      .send({
        target: { uscc: org.uscc },
        category: 'fees',
        content: '该协会以办理会员证为名收取每人300元费用，未开具任何票据。',
        idempotencyKey: `key-${hex()}`,
      })
      .expect(201);
    statements.length = 0;
    assert.deepEqual(await read<Complaints>('complaints', chaoyang), mine);
    assert.deepEqual(statements, [], '朝阳 is kept: the complaint is not in its scope');
    const filed = await read<Complaints>('complaints', admin);
    assert.equal(filed.totals.submitted, all.totals.submitted + 1);

    const list = await request(s.url)
      .get('/api/staff/social-orgs/complaints')
      .query({ status: 'submitted' })
      .set(admin.auth)
      .expect(200);
    const id = list.body.items.find((i: { targetName: string }) => i.targetName === org.name).id;
    await request(s.url).post(`/api/staff/social-orgs/complaints/${id}/accept`).set(admin.auth).expect(200);
    assert.equal((await read<Complaints>('complaints', admin)).totals.accepted, all.totals.accepted + 1);
    await request(s.url)
      .post(`/api/staff/social-orgs/complaints/${id}/answer`)
      .set(admin.auth)
      .send({ answer: '经调查，该协会已退还违规收取的费用。' })
      .expect(200);
    assert.equal((await read<Complaints>('complaints', admin)).totals.answered, all.totals.answered + 1);
    statements.length = 0;
    assert.deepEqual(await read<Complaints>('complaints', chaoyang), mine);
    assert.deepEqual(statements, []);

    // One in 朝阳 shows on 朝阳's next read.
    const own = await createOrg(s.url, admin.auth, { name: `北京市朝阳区邻里互助协会${hex()}` });
    await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(c.auth)
      .send({
        target: { uscc: own.uscc },
        category: 'fees',
        content: '该协会收取培训费后未按约定组织培训，也不退费。',
        idempotencyKey: `key-${hex()}`,
      })
      .expect(201);
    assert.equal((await read<Complaints>('complaints', chaoyang)).totals.submitted, mine.totals.submitted + 1);
  });

  it('notices: a send and its delivery report show on the next nationwide read', async () => {
    const [all] = await warm<Notices>('notices', admin);
    const template = (n: Notices) => n.channels.find((x) => x.channel === 'mp_template')!;
    const c = await citizenWithUnion(s.url);
    await follow(s, c.unionid);
    const notices = s.app.modules.notices;
    const r = await notices.notify({ userId: c.userId }, 'test.progress', {
      item: '最低生活保障申请',
      status: '已受理',
      time: '2026-12-01 10:00',
    });
    await until('the delivery report', async () => (await notices.delivery(r.outboxId!))?.status === 'delivered');
    const after = template(await read<Notices>('notices', admin));
    assert.equal(after.sent, template(all).sent + 1);
    assert.equal(after.delivered, template(all).delivered + 1);
    await warm<Notices>('notices', admin);
  });

  it('followers: a follow at 海淀’s hall code shows nationwide and for 海淀; 朝阳’s answer stays kept', async () => {
    const haidianHall = await createHall(s.url, admin.auth, { divisionCode: '110108' });
    const haidian = await hallStaff(s.url, admin.auth, [haidianHall]);
    const [mine, all, theirs] = await warm<Followers>('followers', chaoyang, admin, haidian);
    const { ticket } = (
      await request(s.url)
        .post('/api/staff/mp/scenes')
        .set(haidian.auth)
        .send({ kind: 'hall', hallId: haidianHall, title: '海淀婚姻登记处' })
        .expect(201)
    ).body.scene as { ticket: string };
    const openid = `o_kept_${hex()}`;
    await request(s.url).post('/__wechat__/dev/mp/scan').send({ openid, ticket }).expect(200);
    await s.app.platform.jobs.drain();
    statements.length = 0;
    assert.deepEqual(await read<Followers>('followers', chaoyang), mine);
    assert.deepEqual(statements, [], '朝阳 is kept: the follow is not in its scope');
    assert.equal((await read<Followers>('followers', admin)).totals.following, all.totals.following + 1);
    assert.equal((await read<Followers>('followers', haidian)).totals.following, theirs.totals.following + 1);

    await request(s.url).post('/__wechat__/dev/mp/unfollow').send({ openid }).expect(200);
    await s.app.platform.jobs.drain();
    const left = await read<Followers>('followers', haidian);
    assert.deepEqual(left.totals, {
      ...theirs.totals,
      followed: theirs.totals.followed + 1,
      unfollowed: theirs.totals.unfollowed + 1,
    });
    assert.equal((await read<Followers>('followers', admin)).totals.following, all.totals.following);
  });
});
