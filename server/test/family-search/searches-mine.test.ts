import assert from 'node:assert/strict';
import request from 'supertest';
import sharp from 'sharp';
import { pdfBytes } from '../assistance/support';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';

type Auth = Record<string, string>;

const search = (over: Record<string, unknown> = {}) => ({
  sex: 'female',
  ageMin: 66,
  ageMax: 68,
  heightCm: 155,
  accent: '天津口音',
  features: '右手腕有烫伤疤',
  lastSeenDate: '2026-09-01',
  lastSeenDivisionCode: '120101',
  lastSeenPlace: '天津市和平区滨江道',
  ...over,
});

const wanderer = (over: Record<string, unknown> = {}) => ({
  name: '钱秀英',
  sex: 'female',
  birthYear: 1950,
  condition: 'dementia',
  homeDivisionCode: '110101',
  homePlace: '东城区东花市大街1号',
  guardianName: '钱立新',
  guardianPhone: '13700002222',
  consent: true,
  ...over,
});

/**
 * A family's own searches: where they were last seen must be a real division (an abolished one is
 * kept as today's), they list their searches, and withdrawing one stops matching and telling.
 */
describe('救助寻亲: a family lists and withdraws its searches; division codes are checked', () => {
  let s: TestServer;
  let family: { auth: Auth };
  let other: { auth: Auth };
  let station: { auth: Auth };

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    family = await loginCitizen(s.url);
    other = await loginCitizen(s.url);
    station = await staffAt(s.url, ['120101'], ['station_staff'], '救助站李');
  });
  after(async () => s.close());

  it('refuses a division code that never existed, stores nothing, and keeps an abolished one as today’s', async () => {
    const bad = await request(s.url)
      .post('/api/family-search/searches')
      .set(family.auth)
      .send(search({ lastSeenDivisionCode: '999999' }))
      .expect(400);
    assert.equal(bad.body.error.code, 'UNKNOWN_DIVISION');
    assert.match(bad.body.error.message, /999999 不存在/);
    const w = await request(s.url)
      .post('/api/family-search/wanderers')
      .set(family.auth)
      .send(wanderer({ homeDivisionCode: '110199123' }))
      .expect(400);
    assert.equal(w.body.error.code, 'UNKNOWN_DIVISION');
    assert.match(w.body.error.message, /不存在/);
    assert.deepEqual((await request(s.url).get('/api/family-search/searches').set(family.auth)).body.items, []);
    assert.deepEqual((await request(s.url).get('/api/family-search/wanderers').set(family.auth)).body.items, []);

    // 崇文区 (110103) was merged into 东城区 (110101): stored and answered as 东城区.
    const old = await request(s.url)
      .post('/api/family-search/wanderers')
      .set(family.auth)
      .send(wanderer({ homeDivisionCode: '110103' }))
      .expect(201);
    assert.equal(old.body.homeDivisionCode, '110101');
    const reg = await request(s.url)
      .post('/api/family-search/searches')
      .set(family.auth)
      .send(search({ lastSeenDivisionCode: '110103' }))
      .expect(201);
    assert.equal(reg.body.lastSeenDivisionCode, '110101');
    await request(s.url).delete(`/api/family-search/searches/${reg.body.id}`).set(family.auth).expect(200);
  });

  it('lists mine newest first; others cannot see or withdraw it; a withdrawn search is no longer told', async () => {
    const first = await request(s.url).post('/api/family-search/searches').set(family.auth).send(search()).expect(201);
    const second = await request(s.url)
      .post('/api/family-search/searches')
      .set(family.auth)
      .send(search({ sex: 'male', ageMin: 40, ageMax: 45, features: undefined }))
      .expect(201);
    const mine = await request(s.url).get('/api/family-search/searches').set(family.auth).expect(200);
    assert.deepEqual(
      mine.body.items.map((i: { id: number }) => i.id),
      [second.body.id, first.body.id],
    );
    assert.equal(mine.body.items[1].lastSeenPlace, '天津市和平区滨江道');
    assert.deepEqual((await request(s.url).get('/api/family-search/searches').set(other.auth)).body.items, []);
    await request(s.url).get('/api/family-search/searches').expect(401);
    await request(s.url).delete(`/api/family-search/searches/${first.body.id}`).set(other.auth).expect(404);

    await request(s.url).delete(`/api/family-search/searches/${first.body.id}`).set(family.auth).expect(200);
    await request(s.url).delete(`/api/family-search/searches/${first.body.id}`).set(family.auth).expect(404);
    const after = await request(s.url).get('/api/family-search/searches').set(family.auth).expect(200);
    assert.deepEqual(
      after.body.items.map((i: { id: number }) => i.id),
      [second.body.id],
    );

    // Another family still looks for the same person; a station publishes someone just like them:
    // that family is told, the one who withdrew is not.
    await request(s.url).post('/api/family-search/searches').set(other.auth).send(search()).expect(201);
    await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send({
        sex: 'female',
        ageMin: 66,
        ageMax: 70,
        heightCm: 155,
        accent: '天津口音',
        features: '右手腕有烫伤疤',
        stationName: '和平区救助管理站',
        stationContact: '022-12345678',
        stationDivisionCode: '120101',
        foundDate: '2026-10-02',
        foundDivisionCode: '120101',
        foundPlace: '和平区南京路',
      })
      .expect(201);
    const messages = await request(s.url).get('/api/messages').set(family.auth).expect(200);
    assert.ok(
      !messages.body.items.some((m: { title: string }) => m.title.startsWith('有一则寻亲公告与您的登记相似')),
      JSON.stringify(messages.body.items),
    );
    const theirs = await request(s.url).get('/api/messages').set(other.auth).expect(200);
    assert.ok(theirs.body.items.some((m: { title: string }) => m.title.startsWith('有一则寻亲公告与您的登记相似')));
  });

  it('takes a photo on a search like a wanderer’s: EXIF gone, a non-image refused; only the family and the station in scope see it', async () => {
    const reg = await request(s.url).post('/api/family-search/searches').set(family.auth).send(search()).expect(201);
    const id = reg.body.id;
    const fake = await request(s.url)
      .post(`/api/family-search/searches/${id}/photo`)
      .set(family.auth)
      .attach('file', pdfBytes(), { filename: 'mum.jpg', contentType: 'image/jpeg' })
      .expect(400);
    assert.equal(fake.body.error.code, 'UNSUPPORTED_IMAGE');
    await request(s.url).get(`/api/family-search/searches/${id}/photo`).set(family.auth).expect(404);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 90, b: 140 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'FamilyPhone', Model: 'Z9' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 7/1 0/1' },
      })
      .toBuffer();
    await request(s.url)
      .post(`/api/family-search/searches/${id}/photo`)
      .set(other.auth)
      .attach('file', jpeg, { filename: 'mum.jpg', contentType: 'image/jpeg' })
      .expect(404);
    const up = await request(s.url)
      .post(`/api/family-search/searches/${id}/photo`)
      .set(family.auth)
      .attach('file', jpeg, { filename: 'mum.jpg', contentType: 'image/jpeg' })
      .expect(200);
    assert.equal(up.body.hasPhoto, true);
    const got = await request(s.url)
      .get(`/api/family-search/searches/${id}/photo`)
      .set(family.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const meta = await sharp(got.body as Buffer).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined, 'EXIF removed');
    assert.ok(!(got.body as Buffer).includes(Buffer.from('FamilyPhone')));
    await request(s.url).get(`/api/family-search/searches/${id}/photo`).set(other.auth).expect(404);
    // The station of 和平区 (where they were last seen) sees it, audited; a station elsewhere does not.
    await request(s.url).get(`/api/staff/family-search/searches/${id}/photo`).set(station.auth).expect(200);
    const elsewhere = await staffAt(s.url, ['110105'], ['station_staff'], '救助站王');
    await request(s.url).get(`/api/staff/family-search/searches/${id}/photo`).set(elsewhere.auth).expect(404);
    // Withdrawn: the station no longer sees it.
    await request(s.url).delete(`/api/family-search/searches/${id}`).set(family.auth).expect(200);
    await request(s.url).get(`/api/staff/family-search/searches/${id}/photo`).set(station.auth).expect(404);
  });
});
