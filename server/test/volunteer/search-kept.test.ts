import assert from 'node:assert/strict';
import request from 'supertest';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { draftActivity, moveTo, organization, publishedActivity, type Staff, volunteer } from './support';

/**
 * 志愿服务 · a volunteer who searches near them again (pull to refresh, say) is answered from the
 * page the server kept for that search, and still sees every activity's places left, details and
 * status as they are now, whichever server process answers: a sign-up, a cancellation, a
 * promotion from the waiting list, an organizer's decision, an edited and published activity and
 * an activity that has ended each show on the very next search (on MariaDB + Redis the writes go
 * through one process and the searches through another; embedded, one).
 */
describe('志愿服务 · a search near a point asked again: its kept page never stale, on every process', () => {
  let writer: TestServer;
  let reader: TestServer;
  let organizer: Staff;
  let orgId: number;
  // A point of this story only (no other story's activities within 1 km).
  const spot = { lat: 30.2 + (Date.now() % 997) / 100_000, lng: 120.15 };
  const ids: number[] = [];

  before(async function () {
    this.timeout(120_000);
    writer = await startServer();
    reader = TEST_REDIS_URL ? await startServer() : writer;
    for (const s of new Set([writer, reader])) moveTo(s, '2026-12-18', '10:00');
    ({ organizer, orgId } = await organization(writer.url, `页存检索志愿队${Date.now() % 1e6}`));
    for (const [i, northM] of [0, 300].entries())
      ids.push(
        await publishedActivity(writer.url, organizer, orgId, `2026-12-2${2 + i}`, {
          title: `页存-${i}`,
          lat: spot.lat + northM / 111_000,
          lng: spot.lng,
        }),
      );
  });
  after(async () => {
    if (reader !== writer) await reader.close();
    await writer.close();
  });

  type Item = { id: number; title: string; quota: number; placesLeft: number; status: string };
  /** The same search every time: from its second ask on, the reader answers it from its kept page. */
  const near = async () =>
    (
      await request(reader.url)
        .get('/api/volunteer/activities')
        .query({ lat: spot.lat, lng: spot.lng, withinKm: 1 })
        .expect(200)
        .expect('content-type', /application\/json/)
    ).body.items.map((a: Item) => [a.id, a.title, a.quota, a.placesLeft]);
  const signUp = async (v: { auth: Record<string, string> }, id: number) =>
    (await request(writer.url).post(`/api/volunteer/activities/${id}/signup`).set(v.auth).expect(201)).body.signup;
  const cancel = (v: { auth: Record<string, string> }, id: number) =>
    request(writer.url).post(`/api/volunteer/activities/${id}/signup/cancel`).set(v.auth).expect(200);

  it('shows each sign-up, cancellation, promotion and rejection on the next search', async function () {
    this.timeout(120_000);
    const untouched = [ids[1], '页存-1', 2, 2];
    assert.deepEqual(await near(), [[ids[0], '页存-0', 2, 2], untouched]);
    assert.deepEqual(await near(), [[ids[0], '页存-0', 2, 2], untouched], 'asked again: the same');
    const [a, b, c, d] = await Promise.all(
      ['赵页存', '钱页存', '孙页存', '李页存'].map((n) => volunteer(writer.url, n)),
    );

    await signUp(a, ids[0]);
    assert.deepEqual(await near(), [[ids[0], '页存-0', 2, 1], untouched], 'a sign-up takes a place');
    await cancel(a, ids[0]);
    assert.deepEqual(await near(), [[ids[0], '页存-0', 2, 2], untouched], 'its cancellation gives it back');

    await signUp(b, ids[0]);
    const cSignup = await signUp(c, ids[0]);
    assert.deepEqual(await near(), [[ids[0], '页存-0', 2, 0], untouched], 'full');
    assert.equal((await signUp(d, ids[0])).status, 'waitlisted');
    assert.deepEqual(await near(), [[ids[0], '页存-0', 2, 0], untouched], 'the waiting list takes no place');
    await cancel(b, ids[0]);
    assert.deepEqual(await near(), [[ids[0], '页存-0', 2, 0], untouched], 'the first waiting takes the place freed');
    await request(writer.url)
      .post(`/api/staff/volunteer/signups/${cSignup.id}/reject`)
      .set(organizer.auth)
      .send({ reason: '年龄不符合要求' })
      .expect(200);
    assert.deepEqual(await near(), [[ids[0], '页存-0', 2, 1], untouched], 'a rejection frees a place');
  });

  it('a search from a point never asked shows what changed: its items joined from held ones, as they are now', async function () {
    this.timeout(120_000);
    // Each search from a new point (a few metres north: the same two activities within 1 km), so
    // no page is kept for it: the items held per activity and the places taken held per activity.
    let k = 0;
    const elsewhere = async () =>
      (
        await request(reader.url)
          .get('/api/volunteer/activities')
          .query({ lat: spot.lat + ++k * 0.00003, lng: spot.lng, withinKm: 1 })
          .expect(200)
      ).body.items.map((a: Item) => [a.id, a.title, a.quota, a.placesLeft]);
    const first = [ids[0], '页存-0', 2, 1];
    assert.deepEqual(await elsewhere(), [first, [ids[1], '页存-1', 2, 2]]);
    const e = await volunteer(writer.url, '周页存');
    await signUp(e, ids[1]);
    assert.deepEqual(await elsewhere(), [first, [ids[1], '页存-1', 2, 1]], 'a sign-up shows on a new page');
    await cancel(e, ids[1]);
    assert.deepEqual(await elsewhere(), [first, [ids[1], '页存-1', 2, 2]], 'its cancellation too');

    const draft = await draftActivity(writer.url, organizer, orgId, '2026-12-24', {
      title: '页存-别处',
      lat: spot.lat + 100 / 111_000,
      lng: spot.lng,
    });
    await request(writer.url).post(`/api/staff/volunteer/activities/${draft}/publish`).set(organizer.auth).expect(200);
    const shown = (await elsewhere()).map((x: unknown[]) => x[0]);
    assert.ok(shown.includes(draft), 'published: on the next new page');
    await request(writer.url)
      .post(`/api/staff/volunteer/activities/${draft}/cancel`)
      .set(organizer.auth)
      .send({ reason: '改期' })
      .expect(200);
    assert.deepEqual(await elsewhere(), [first, [ids[1], '页存-1', 2, 2]], 'cancelled: on no new page');
  });

  it('shows an activity edited then published, a cancelled one gone, and drops one that has ended', async function () {
    this.timeout(120_000);
    const before = await near();
    const draft = await draftActivity(writer.url, organizer, orgId, '2026-12-24', {
      title: '页存-草稿',
      lat: spot.lat,
      lng: spot.lng + 0.002,
    });
    assert.deepEqual(await near(), before, 'a draft is not offered');
    await request(writer.url)
      .patch(`/api/staff/volunteer/activities/${draft}`)
      .set(organizer.auth)
      .send({ title: '页存-改', quota: 5 })
      .expect(200);
    await request(writer.url).post(`/api/staff/volunteer/activities/${draft}/publish`).set(organizer.auth).expect(200);
    assert.deepEqual(await near(), [before[0], [draft, '页存-改', 5, 5], before[1]], 'as edited, where it is');

    await request(writer.url)
      .post(`/api/staff/volunteer/activities/${draft}/cancel`)
      .set(organizer.auth)
      .send({ reason: '场地临时关闭' })
      .expect(200);
    assert.deepEqual(await near(), before, 'a cancelled activity is no longer offered');

    // The first activity ends on 12-22 at 12:00 Beijing: nothing is written, time passes.
    for (const s of new Set([writer, reader])) moveTo(s, '2026-12-22', '12:00');
    assert.deepEqual(await near(), [before[1]], 'an activity over is no longer offered');
  });
});
