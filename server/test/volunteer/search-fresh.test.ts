import assert from 'node:assert/strict';
import request from 'supertest';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { moveTo, organization, publishedActivity, type Staff, volunteer } from './support';

/**
 * 志愿服务 · a volunteer searching near them sees each activity's places left and status as they
 * are now, whichever server process answers: each process picks the page near a point from its
 * own copy of the open activities, and a sign-up, a start or a cancellation in one process shows
 * on every other one's next search (on MariaDB + Redis two processes; embedded, one).
 */
describe('志愿服务 · activities near a point: places left and status never stale, on every process', () => {
  let writer: TestServer;
  let reader: TestServer;
  let organizer: Staff;
  let orgId: number;
  // A point of this story only (no other story's activities within 1 km).
  const spot = { lat: 31.2 + (Date.now() % 997) / 100_000, lng: 121.47 };
  const ids: number[] = [];

  before(async function () {
    this.timeout(120_000);
    writer = await startServer();
    reader = TEST_REDIS_URL ? await startServer() : writer;
    for (const s of new Set([writer, reader])) moveTo(s, '2026-12-18', '10:00');
    ({ organizer, orgId } = await organization(writer.url, `常新检索志愿队${Date.now() % 1e6}`));
    for (const [i, northM] of [0, 300].entries())
      ids.push(
        await publishedActivity(writer.url, organizer, orgId, '2026-12-22', {
          title: `常新-${i}`,
          lat: spot.lat + northM / 111_000,
          lng: spot.lng,
        }),
      );
  });
  after(async () => {
    if (reader !== writer) await reader.close();
    await writer.close();
  });

  const near = async () =>
    (
      await request(reader.url)
        .get('/api/volunteer/activities')
        .query({ lat: spot.lat, lng: spot.lng, withinKm: 1 })
        .expect(200)
    ).body.items.map((a: { id: number; placesLeft: number; status: string }) => [a.id, a.placesLeft, a.status]);

  it('shows a place taken, a start and a cancellation on the next search', async function () {
    this.timeout(60_000);
    assert.deepEqual(await near(), [
      [ids[0], 2, 'published'],
      [ids[1], 2, 'published'],
    ]);
    const v = await volunteer(writer.url, '李常新');
    await request(writer.url).post(`/api/volunteer/activities/${ids[0]}/signup`).set(v.auth).expect(201);
    assert.deepEqual(await near(), [
      [ids[0], 1, 'published'],
      [ids[1], 2, 'published'],
    ]);
    await request(writer.url).post(`/api/staff/volunteer/activities/${ids[1]}/start`).set(organizer.auth).expect(200);
    assert.deepEqual(await near(), [
      [ids[0], 1, 'published'],
      [ids[1], 2, 'in_progress'],
    ]);
    await request(writer.url)
      .post(`/api/staff/volunteer/activities/${ids[0]}/cancel`)
      .set(organizer.auth)
      .send({ reason: '场地临时关闭' })
      .expect(200);
    assert.deepEqual(await near(), [[ids[1], 2, 'in_progress']], 'a cancelled activity is no longer offered');
    await request(writer.url).post(`/api/staff/volunteer/activities/${ids[1]}/finish`).set(organizer.auth).expect(200);
    assert.deepEqual(await near(), [], 'nor a finished one');
  });

  it('offers an activity published on one process on the next search of another', async function () {
    this.timeout(60_000);
    const id = await publishedActivity(writer.url, organizer, orgId, '2026-12-23', {
      title: '常新-2',
      lat: spot.lat,
      lng: spot.lng + 0.002,
    });
    assert.deepEqual(await near(), [[id, 2, 'published']]);
  });
});
