import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { createHall, hallStaff } from '../halls/fixtures';
import { citizenWithUnion, follow, hex, registerProgressTemplate, until } from '../notices/support';

type Staff = Awaited<ReturnType<typeof loginStaff>>;
type Channel = {
  channel: string;
  sent: number;
  delivered: number;
  failed: number;
  rate: number | null;
  rateOf: string;
};
type Followers = {
  days: Array<{ date: string; followed: number; unfollowed: number; following: number }>;
  totals: { followed: number; unfollowed: number; following: number };
};

// 统计分析's notice and follower dashboards: counted as the sends and follows happen (in the
// same transaction as the status they count), read within the staff member's scope.
describe('Statistics: notice delivery by channel and followers over time', () => {
  let s: TestServer;
  let admin: Staff;
  const data = { item: '最低生活保障申请', status: '已受理', time: '2026-12-01 10:00' };

  const noticeStats = async (who: Staff) => {
    const { body } = await request(s.url).get('/api/staff/stats/notices').set(who.auth).expect(200);
    return Object.fromEntries((body.channels as Channel[]).map((c) => [c.channel, c])) as Record<string, Channel>;
  };
  const followerStats = async (who: Staff) =>
    (await request(s.url).get('/api/staff/stats/followers').set(who.auth).expect(200)).body as Followers;

  before(async () => {
    s = await startServer();
    registerProgressTemplate(s);
    admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
  });
  after(async () => s?.close());

  it('counts each WeChat send once per channel: taken, delivered by its report, or failed', async () => {
    const before = await noticeStats(admin);
    const notices = s.app.modules.notices;
    const delivered = async (outboxId?: number) =>
      until('an end', async () => {
        const d = await notices.delivery(outboxId!);
        return (d?.status === 'delivered' || d?.status === 'failed') && d;
      });

    // Two followers get a template message; WeChat's report says both arrived.
    for (let i = 0; i < 2; i++) {
      const c = await citizenWithUnion(s.url);
      await follow(s, c.unionid);
      const r = await notices.notify({ userId: c.userId }, 'test.progress', data);
      assert.equal(r.channel, 'mp_template');
      assert.equal((await delivered(r.outboxId)).status, 'delivered');
    }
    // A template WeChat refuses outright: failed, never taken.
    const c = await citizenWithUnion(s.url);
    await follow(s, c.unionid);
    await request(s.url)
      .post('/__wechat__/dev/faults')
      .send({ path: '/cgi-bin/message/template/send', errcode: 40037, times: 1 })
      .expect(200);
    const refused = await notices.notify({ userId: c.userId }, 'test.progress', data);
    assert.equal((await delivered(refused.outboxId)).status, 'failed');

    const after = await until('the counts', async () => {
      const x = await noticeStats(admin);
      return x.mp_template.delivered - before.mp_template.delivered >= 2 && x;
    });
    assert.equal(after.mp_template.sent - before.mp_template.sent, 2);
    assert.equal(after.mp_template.delivered - before.mp_template.delivered, 2);
    assert.equal(after.mp_template.failed - before.mp_template.failed, 1);
    assert.equal(after.mp_template.rateOf, 'delivered', 'a template message’s rate is of reports');
    assert.equal(after.mini_subscribe.rateOf, 'accepted', 'a subscribe message has no report');
    assert.equal(
      after.mp_template.rate,
      Math.round((after.mp_template.delivered / (after.mp_template.delivered + after.mp_template.failed)) * 1000) / 10,
    );

    // Notices are the platform's, not a region's: a 朝阳 account sees none of them.
    const hall = await createHall(s.url, admin.auth, { divisionCode: '110105' });
    const clerk = await hallStaff(s.url, admin.auth, [hall]);
    const theirs = await noticeStats(clerk);
    assert.deepEqual([theirs.mp_template.sent, theirs.mp_template.delivered, theirs.mp_template.failed], [0, 0, 0]);

    // The Excel download has the same numbers, with what each rate means.
    const xlsx = await request(s.url)
      .get('/api/staff/stats/notices')
      .query({ format: 'xlsx' })
      .set(admin.auth)
      .expect(200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
  });

  it('follows and unfollows count for the hall whose QR code brought them; the line is the number following each day', async () => {
    const chaoyangHall = await createHall(s.url, admin.auth, { divisionCode: '110105' });
    const haidianHall = await createHall(s.url, admin.auth, { divisionCode: '110108' });
    const chaoyang = await hallStaff(s.url, admin.auth, [chaoyangHall]);
    const haidian = await hallStaff(s.url, admin.auth, [haidianHall]);
    const { ticket } = (
      await request(s.url)
        .post('/api/staff/mp/scenes')
        .set(chaoyang.auth)
        .send({ kind: 'hall', hallId: chaoyangHall, title: '朝阳婚姻登记处' })
        .expect(201)
    ).body.scene as { ticket: string };

    const [adminBefore, haidianBefore] = [await followerStats(admin), await followerStats(haidian)];
    const chaoyangBefore = await followerStats(chaoyang);
    // Three people follow at the 朝阳 hall's code; one of them leaves again; one more follows
    // from a search (no hall): the nationwide account sees all four.
    const openids = [0, 1, 2].map(() => `o_fs_${hex()}`);
    for (const openid of openids)
      await request(s.url).post('/__wechat__/dev/mp/scan').send({ openid, ticket }).expect(200);
    await request(s.url).post('/__wechat__/dev/mp/unfollow').send({ openid: openids[0] }).expect(200);
    // A second unfollow event (WeChat retried the push) changes nothing.
    await request(s.url).post('/__wechat__/dev/mp/unfollow').send({ openid: openids[0] }).expect(200);
    await request(s.url)
      .post('/__wechat__/dev/mp/follow')
      .send({ openid: `o_fs_${hex()}` })
      .expect(200);
    await s.app.platform.jobs.drain();

    const mine = await followerStats(chaoyang);
    assert.equal(mine.totals.followed - chaoyangBefore.totals.followed, 3);
    assert.equal(mine.totals.unfollowed - chaoyangBefore.totals.unfollowed, 1);
    assert.equal(mine.totals.following - chaoyangBefore.totals.following, 2);
    const today = mine.days[mine.days.length - 1];
    assert.equal(today.following, mine.totals.following, 'the last day of the line is the number following now');
    assert.equal(mine.days.length, 30, 'every day of the default 30 days is on the line');

    const all = await followerStats(admin);
    assert.equal(all.totals.followed - adminBefore.totals.followed, 4);
    assert.equal(all.totals.following - adminBefore.totals.following, 3);
    assert.deepEqual((await followerStats(haidian)).totals, haidianBefore.totals, '海淀 sees none of 朝阳’s');

    // One who leaves and comes back counts as a follow again. (WeChat names an event by its
    // sender and second: a second later it is a new event, not a retry of the first.)
    await new Promise((r) => setTimeout(r, 1100));
    await request(s.url).post('/__wechat__/dev/mp/scan').send({ openid: openids[0], ticket }).expect(200);
    const back = await followerStats(chaoyang);
    assert.equal(back.totals.following - mine.totals.following, 1);
  });

  it('refuses a range it cannot read, in Chinese', async () => {
    const bad = await request(s.url)
      .get('/api/staff/stats/followers')
      .query({ from: '2026-13-01' })
      .set(admin.auth)
      .expect(400);
    assert.ok(bad.body.error.code);
    assert.match(bad.body.error.message, /[\u4e00-\u9fa5]/);
  });
});
