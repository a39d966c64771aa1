import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { answerSlabs } from '../../src/modules/volunteer/activities';
import { startServer, type TestServer } from '../../../test/support/server';
import { moveTo, organization, publishedActivity, type Staff } from './support';

/**
 * 志愿服务 · searches near points never asked before, fifty at a time, each answered with the
 * bytes the search's SQL answers (the items joined from the bytes held per activity, places left
 * and distance put in) — while activities are published and cancelled between rounds — and the
 * answers written into a few slabs used again once sent, not a new one every thirty answers.
 */
describe('志愿服务 · answers near new points: byte for byte the SQL’s, many at once, in reused slabs', () => {
  let s: TestServer;
  let organizer: Staff;
  let orgId: number;
  const lat0 = 22 + randomInt(0, 100) / 10;
  const lng0 = 100 + randomInt(0, 100) / 10;
  const run = String(randomInt(100000, 999999));
  // Long addresses (the list shows the address, not the description): an answer of ~36 items is
  // ~35 KB, so 300 answers would fill ten 1 MB slabs.
  const address = `北京市朝阳区朝阳门外大街${run}号院社区服务中心一层多功能厅（东门进入）`.repeat(5);
  const ids: number[] = [];
  const LIST_ITEM_KEYS = [
    'id',
    'title',
    'type',
    'typeName',
    'org',
    'divisionCode',
    'insurance',
    'quota',
    'placesLeft',
    'address',
    'lat',
    'lng',
    'startsAt',
    'endsAt',
    'status',
    'statusName',
    'distanceM',
  ];

  before(async function () {
    this.timeout(240_000);
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    ({ organizer, orgId } = await organization(s.url, `逐字对照志愿队${run}`));
    for (let i = 0; i < 36; i += 12)
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 12 }, (_, k) =>
            publishedActivity(s.url, organizer, orgId, ['2026-12-22', '2026-12-23'][(i + k) % 2], {
              title: `逐字${run}-${i + k}`,
              address,
              lat: lat0 + randomInt(0, 20_000) / 1e6,
              lng: lng0 + randomInt(0, 20_000) / 1e6,
            }),
          ),
        )),
      );
  });
  after(async () => s.close());

  const point = () => ({ lat: lat0 + randomInt(0, 20_000) / 1e6, lng: lng0 + randomInt(0, 20_000) / 1e6, withinKm: 5 });

  it('answers 300 new points, 50 at a time, each byte for byte as the SQL, in a few slabs used again', async function () {
    this.timeout(240_000);
    const { activities } = s.app.modules.volunteer;
    const made = answerSlabs().made;
    let bytes = 0;
    for (let round = 0; round < 6; round++) {
      const points = Array.from({ length: 50 }, point);
      const answers = await Promise.all(
        points.map(async (q) => {
          const res = await request(s.url).get('/api/volunteer/activities').query(q).buffer(true).expect(200);
          return res.text;
        }),
      );
      for (const [i, q] of points.entries()) {
        const expected = JSON.stringify(
          await activities.search({ ...q, limit: 50 } as Parameters<typeof activities.search>[0], { sqlOnly: true }),
        );
        assert.equal(answers[i], expected, `round ${round}, point ${JSON.stringify(q)}`);
        const { items } = JSON.parse(expected);
        assert.ok(items.length > 10, 'most of the activities near each point');
        // What a card or a pin shows (VolunteerActivityListItem); the description and the rest are on the activity's page.
        assert.deepEqual(Object.keys(items[0]), LIST_ITEM_KEYS);
        bytes += Buffer.byteLength(answers[i]);
      }
      // Between rounds an activity is cancelled and another published: items held are dropped and written.
      await request(s.url)
        .post(`/api/staff/volunteer/activities/${ids[round]}/cancel`)
        .set(organizer.auth)
        .send({ reason: '场地临时关闭' })
        .expect(200);
      ids.push(
        await publishedActivity(s.url, organizer, orgId, '2026-12-22', {
          title: `逐字${run}-新${round}`,
          address,
          lat: lat0 + randomInt(0, 20_000) / 1e6,
          lng: lng0 + randomInt(0, 20_000) / 1e6,
        }),
      );
    }
    assert.ok(bytes > 8 << 20, `the answers were ${bytes} bytes, more than 8 slabs`);
    assert.ok(
      answerSlabs().made - made <= 4,
      `${answerSlabs().made - made} answer slabs allocated for ${bytes} bytes of answers`,
    );
  });
});
