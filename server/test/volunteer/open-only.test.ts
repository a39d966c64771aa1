import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { moveTo, organization, publishedActivity, type Staff, volunteer } from './support';

type Item = { id: number; placesLeft: number; status: string; distanceM?: number };

/**
 * 志愿服务 · 只看有名额: a citizen asking only for activities with places left (`openOnly=true`)
 * is not offered a full one, one under way (sign-ups close when it starts) or one past its sign-up
 * deadline — none takes a sign-up for a place — and is offered every open one: alone, with 区域,
 * and near a point (answered from SQL, not from the index of pages near points, whose places
 * left change with every sign-up), nearest first.
 */
describe('志愿服务 · only activities with places left (openOnly), alone, by division and near a point', () => {
  let s: TestServer;
  let organizer: Staff;
  let orgId: number;
  // A point of this story only (no other story's activities within 2 km).
  const spot = { lat: 30.5 + (Date.now() % 997) / 100_000, lng: 114.3 };
  const at = (northM: number) => ({ lat: spot.lat + northM / 111_000, lng: spot.lng });
  const ids = { full: 0, open: 0, openHaidian: 0, underWay: 0, closed: 0, far: 0 };
  // Divisions of this story only (延庆区, and 密云区 for the one elsewhere): a search by either
  // lists none of the other stories' activities, whatever ran before in this process.
  const HOME = '110119001';

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    ({ organizer, orgId } = await organization(s.url, `有名额检索志愿队${Date.now() % 1e6}`));
    const day = '2026-12-22';
    ids.full = await publishedActivity(s.url, organizer, orgId, day, {
      title: '有名额-满员',
      quota: 1,
      divisionCode: HOME,
      ...at(100),
    });
    ids.open = await publishedActivity(s.url, organizer, orgId, day, {
      title: '有名额-尚余',
      quota: 2,
      divisionCode: HOME,
      ...at(300),
    });
    ids.openHaidian = await publishedActivity(s.url, organizer, orgId, day, {
      title: '有名额-密云',
      divisionCode: '110118001',
      ...at(500),
    });
    ids.far = await publishedActivity(s.url, organizer, orgId, day, {
      title: '有名额-远处',
      divisionCode: HOME,
      ...at(30_000),
    });
    // Under way today: places left, but no sign-up any more.
    ids.underWay = await publishedActivity(s.url, organizer, orgId, '2026-12-18', {
      title: '有名额-进行中',
      divisionCode: HOME,
      ...at(200),
      startsAt: '2026-12-18T09:00:00+08:00',
      endsAt: '2026-12-18T17:00:00+08:00',
      signupDeadline: '2026-12-18T08:00:00+08:00',
    });
    await request(s.url).post(`/api/staff/volunteer/activities/${ids.underWay}/start`).set(organizer.auth).expect(200);
    // Tomorrow, places left, but its sign-up closed at 09:00 today.
    ids.closed = await publishedActivity(s.url, organizer, orgId, '2026-12-19', {
      title: '有名额-截止',
      divisionCode: HOME,
      ...at(400),
      signupDeadline: '2026-12-18T09:00:00+08:00',
    });
    // One place taken of each: the one of quota 1 is full, the one of 2 has one left.
    const v = await volunteer(s.url, '王名额');
    for (const id of [ids.full, ids.open])
      await request(s.url).post(`/api/volunteer/activities/${id}/signup`).set(v.auth).expect(201);
  });
  after(async () => s.close());

  const search = async (query: Record<string, string | number>) =>
    (await request(s.url).get('/api/volunteer/activities').query(query).expect(200)).body.items as Item[];
  const mine = (items: Item[]) => {
    const ours = new Set(Object.values(ids));
    return items.filter((a) => ours.has(a.id));
  };
  const near = { ...spot, withinKm: 2 };

  it('without openOnly offers the full one, the one under way and the one closed for sign-up too', async () => {
    const all = mine([...(await search({ division: '110119' })), ...(await search({ division: '110118' }))]);
    for (const id of Object.values(ids))
      assert.ok(
        all.some((a) => a.id === id),
        `activity ${id} offered`,
      );
    assert.equal(all.find((a) => a.id === ids.full)?.placesLeft, 0);
    // Near a point (the index's page, asked twice so the second is a kept page): the same.
    for (let i = 0; i < 2; i++)
      assert.deepEqual(
        mine(await search(near)).map((a) => a.id),
        [ids.full, ids.underWay, ids.open, ids.closed, ids.openHaidian],
      );
  });

  it('with openOnly=true leaves out the full one, the one under way and the closed one, and offers the open ones', async () => {
    const open = mine([
      ...(await search({ openOnly: 'true', division: '110119' })),
      ...(await search({ openOnly: 'true', division: '110118' })),
    ]).map((a) => a.id);
    assert.deepEqual([...open].sort(), [ids.open, ids.openHaidian, ids.far].sort());
    assert.deepEqual(
      mine(await search({ openOnly: 'false', division: '110119' })).map((a) => a.id),
      mine(await search({ division: '110119' })).map((a) => a.id),
      'openOnly=false is no filter',
    );
  });

  it('with openOnly=true and 区域: only the open ones of that division', async () => {
    assert.deepEqual(
      mine(await search({ openOnly: 'true', division: '110119' }))
        .map((a) => a.id)
        .sort(),
      [ids.open, ids.far].sort(),
    );
    assert.deepEqual(
      mine(await search({ openOnly: 'true', division: '110118' })).map((a) => a.id),
      [ids.openHaidian],
    );
  });

  it('with openOnly=true near a point: the open ones within the distance, nearest first, measured', async () => {
    for (let i = 0; i < 2; i++) {
      const items = mine(await search({ ...near, openOnly: 'true' }));
      assert.deepEqual(
        items.map((a) => a.id),
        [ids.open, ids.openHaidian],
      );
      assert.ok(items.every((a) => a.placesLeft > 0 && a.status === 'published'));
      assert.ok(Math.abs(items[0].distanceM! - 300) < 5, `${items[0].distanceM} m`);
      assert.ok(items[0].distanceM! < items[1].distanceM!);
    }
    // The same as the search without it, less the full, the started and the closed ones (index and SQL agree).
    const every = mine(await search(near));
    assert.deepEqual(
      mine(await search({ ...near, openOnly: 'true' })),
      every.filter((a) => a.placesLeft > 0 && a.status === 'published' && a.id !== ids.closed),
    );
    // A circle too wide for band ranges (SQL over latitude alone): the far one too.
    assert.deepEqual(
      mine(await search({ ...spot, withinKm: 300, openOnly: 'true' })).map((a) => a.id),
      [ids.open, ids.openHaidian, ids.far],
    );
    // And with 区域 too.
    assert.deepEqual(
      mine(await search({ ...near, openOnly: 'true', division: '110118' })).map((a) => a.id),
      [ids.openHaidian],
    );
    assert.deepEqual(
      mine(await search({ ...near, openOnly: 'true', division: '110119' })).map((a) => a.id),
      [ids.open],
    );
  });

  it('leaves out an activity as soon as its last place is taken, and offers it again when one is freed', async () => {
    const v = await volunteer(s.url, '赵名额');
    await request(s.url).post(`/api/volunteer/activities/${ids.open}/signup`).set(v.auth).expect(201);
    assert.deepEqual(
      mine(await search({ ...near, openOnly: 'true' })).map((a) => a.id),
      [ids.openHaidian],
    );
    await request(s.url).post(`/api/volunteer/activities/${ids.open}/signup/cancel`).set(v.auth).expect(200);
    assert.deepEqual(
      mine(await search({ ...near, openOnly: 'true' })).map((a) => a.id),
      [ids.open, ids.openHaidian],
    );
  });

  it('refuses an openOnly that is neither true nor false with a 400, not a 500', async () => {
    const res = await request(s.url)
      .get('/api/volunteer/activities')
      .query({ ...near, openOnly: 'yes' });
    assert.equal(res.status, 400);
  });
});
