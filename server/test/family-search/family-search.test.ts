import assert from 'node:assert/strict';
import request from 'supertest';
import sharp from 'sharp';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { bornIn, idNumber, pdfBytes, realNamedCitizen } from '../assistance/support';
import { staffAt } from '../cases/support';
import type { NoticeRow } from '../../src/modules/family-search/models';
import { similarity } from '../../src/modules/family-search/similarity';

type Auth = Record<string, string>;

const notice = (over: Record<string, unknown> = {}) => ({
  sex: 'male',
  ageMin: 68,
  ageMax: 75,
  heightCm: 168,
  build: 'slim',
  accent: '河南口音',
  ethnicity: '汉族',
  features: '左手缺小指，右眉有痣',
  clothing: '蓝色棉袄，黑色布鞋',
  health: '行动迟缓',
  mentalState: '疑似阿尔茨海默病，说不清住址',
  stationName: '朝阳区救助管理站',
  stationContact: '010-12345678',
  stationDivisionCode: '110105',
  foundDate: '2026-10-20',
  foundDivisionCode: '110105',
  foundPlace: '朝阳区建国门外大街公交站',
  foundLat: 39.9087,
  foundLng: 116.4461,
  ...over,
});

const search = {
  sex: 'male',
  ageMin: 70,
  ageMax: 72,
  heightCm: 170,
  accent: '河南',
  ethnicity: '汉族',
  features: '左手缺小指',
  lastSeenDate: '2026-10-01',
  lastSeenDivisionCode: '130602',
  lastSeenPlace: '保定市竞秀区',
  lastSeenLat: 38.8739,
  lastSeenLng: 115.4646,
};

async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SecretCam', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1' },
    })
    .toBuffer();
}

describe('救助寻亲: stations publish, families are told of a likely match, leads come with a real name', () => {
  let s: TestServer;
  let station: { auth: Auth };
  let family: { auth: Auth };
  let searchId: number;
  let noticeId: number;

  before(async function () {
    this.timeout(120_000); // a fresh MariaDB schema on a busy machine
    s = await startServer();
    station = await staffAt(s.url, ['110105'], ['station_staff'], '救助站张');
    family = await loginCitizen(s.url);
    const { body } = await request(s.url).post('/api/family-search/searches').set(family.auth).send(search).expect(201);
    searchId = body.id;
  });
  after(async () => s.close());

  it('ranks a planted true match first among two thousand synthetic notices, with reasons in Chinese', async () => {
    const { Notice } = s.app.modules.familySearch.models;
    const now = new Date();
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      station_division_code: '110105',
      station_name: '合成救助站',
      station_contact: '010-00000000',
      sex: i % 3 === 0 ? 'female' : 'male',
      age_min: 20 + (i % 60),
      age_max: 25 + (i % 60),
      height_cm: 150 + (i % 40),
      build: null,
      accent: ['四川口音', '东北口音', '广东口音', '河南口音'][i % 4],
      ethnicity: '汉族',
      features: null,
      clothing: null,
      health: null,
      mental_state: null,
      found_date: `2026-${String(1 + (i % 11)).padStart(2, '0')}-15`,
      found_division_code: ['440305', '510104', '210102', '110105'][i % 4],
      found_place: '合成地点',
      found_lat: 22 + (i % 20),
      found_lng: 104 + (i % 15),
      has_photo: false,
      status: 'open',
      created_by: 0,
      created_at: now,
      updated_at: now,
    }));
    await Notice.bulkCreate(rows as never[]);
    const { body } = await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send(notice())
      .expect(201);
    noticeId = body.id;
    assert.equal(body.statusLabel, '寻亲中');
    const matches = await request(s.url)
      .get(`/api/family-search/searches/${searchId}/matches`)
      .set(family.auth)
      .expect(200);
    const best = matches.body.items[0];
    assert.equal(best.noticeId, noticeId);
    assert.ok(best.score >= 90, String(best.score));
    assert.equal(best.reasons[0], '性别、年龄段、口音、身高、民族相符');
    assert.ok(
      best.reasons.some((r: string) => /^走失地与发现地相距 1\d\d 公里$/.test(r)),
      best.reasons.join('|'),
    );
    assert.ok(best.reasons.includes('体貌特征相符：左手缺小指'));
    assert.ok(matches.body.items.every((m: { score: number }) => m.score <= best.score));
    // Another family's search is not theirs to read.
    const other = await loginCitizen(s.url);
    await request(s.url).get(`/api/family-search/searches/${searchId}/matches`).set(other.auth).expect(404);
  });

  it('finds the same top scores as scoring every notice would, though only candidates are read and scored', async () => {
    const { Notice, Search } = s.app.modules.familySearch.models;
    const row = (await Search.findByPk(searchId, { raw: true }))!;
    const all = (await Notice.findAll({ where: { status: ['open', 'lead', 'verified'] }, raw: true })) as NoticeRow[];
    const expected = all
      .flatMap((n) => {
        const r = similarity(row, n);
        return r ? [{ noticeId: n.id, score: r.score }] : [];
      })
      .sort((a, b) => b.score - a.score || b.noticeId - a.noticeId)
      .slice(0, 20);
    const { body } = await request(s.url).get(`/api/family-search/searches/${searchId}/matches`).set(family.auth);
    // The same scores in the same order (among equal scores the notices may differ); the best is the planted one.
    assert.deepEqual(
      body.items.map((m: { score: number }) => m.score),
      expected.map((m) => m.score),
    );
    assert.equal(body.items[0].noticeId, expected[0].noticeId);
    // A family looking for someone younger or with another accent and no place: the same holds.
    for (const other of [
      { ...search, ageMin: 30, ageMax: 34, accent: '四川话', lastSeenLat: undefined, lastSeenLng: undefined },
      { ...search, ageMin: 50, ageMax: 60, accent: undefined, heightCm: undefined, lastSeenDate: '2026-03-01' },
    ]) {
      const fam = await loginCitizen(s.url);
      const reg = await request(s.url).post('/api/family-search/searches').set(fam.auth).send(other).expect(201);
      const sr = (await Search.findByPk(reg.body.id, { raw: true }))!;
      const want = all
        .flatMap((n) => {
          const r = similarity(sr, n);
          return r ? [{ noticeId: n.id, score: r.score }] : [];
        })
        .sort((a, b) => b.score - a.score || b.noticeId - a.noticeId)
        .slice(0, 20);
      const got = await request(s.url).get(`/api/family-search/searches/${reg.body.id}/matches`).set(fam.auth);
      assert.deepEqual(
        got.body.items.map((m: { score: number }) => m.score),
        want.map((m) => m.score),
      );
    }
  });

  it('tells the family at once when the new notice fits above the threshold, and only them', async () => {
    const messages = await request(s.url).get('/api/messages').set(family.auth).expect(200);
    const told = messages.body.items.filter((m: { title: string }) =>
      m.title.startsWith('有一则寻亲公告与您的登记相似'),
    );
    assert.equal(told.length, 1);
    const stranger = await loginCitizen(s.url);
    const none = await request(s.url).get('/api/messages').set(stranger.auth).expect(200);
    assert.equal(none.body.items.length, 0);
  });

  it('stores photos without EXIF and refuses what is not an image', async () => {
    const upload = await request(s.url)
      .put(`/api/staff/family-search/notices/${noticeId}/photo`)
      .set(station.auth)
      .attach('file', await jpegWithExif(), { filename: 'p.jpg', contentType: 'image/jpeg' })
      .expect(200);
    const photo = await request(s.url).get(upload.body.photo).buffer(true).expect(200);
    const meta = await sharp(photo.body as Buffer).metadata();
    assert.equal(meta.exif, undefined);
    assert.ok(!(photo.body as Buffer).includes(Buffer.from('SecretCam')));
    const bad = await request(s.url)
      .put(`/api/staff/family-search/notices/${noticeId}/photo`)
      .set(station.auth)
      .attach('file', pdfBytes(), { filename: 'x.jpg', contentType: 'image/jpeg' })
      .expect(400);
    assert.match(bad.body.error.message, /图片/);
  });

  it('lets anyone search by sex, age, accent and region; only the station of the division manages it', async () => {
    const found = await request(s.url)
      .get(`/api/family-search/notices?sex=male&age=70&accent=${encodeURIComponent('河南')}&division=110105`)
      .expect(200);
    assert.ok(found.body.items.some((n: { id: number }) => n.id === noticeId));
    const page = await request(s.url).get(`/api/family-search/notices/${noticeId}`).expect(200);
    assert.equal(page.body.station.name, '朝阳区救助管理站');
    const elsewhere = await staffAt(s.url, ['4403'], ['station_staff']);
    await request(s.url)
      .post(`/api/staff/family-search/notices/${noticeId}/status`)
      .set(elsewhere.auth)
      .send({ status: 'placed' })
      .expect(404);
    const outside = await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(elsewhere.auth)
      .send(notice())
      .expect(400);
    assert.equal(outside.body.error.code, 'DIVISION_OUT_OF_SCOPE');
  });

  it('takes leads only with a real name; reunion hides the notice and deletes the photo', async () => {
    const anonymous = await loginCitizen(s.url);
    const refused = await request(s.url)
      .post(`/api/family-search/notices/${noticeId}/leads`)
      .set(anonymous.auth)
      .send({ content: '像是我们村走失的老人' })
      .expect(403);
    assert.equal(refused.body.error.code, 'REAL_NAME_REQUIRED');
    const witness = await realNamedCitizen(s.url, '赵建国', idNumber(bornIn(1980)));
    await request(s.url)
      .post(`/api/family-search/notices/${noticeId}/leads`)
      .set(witness.auth)
      .send({ content: '像是保定竞秀区走失的王大爷' })
      .expect(201);
    assert.equal((await request(s.url).get(`/api/family-search/notices/${noticeId}`).expect(200)).body.status, 'lead');
    const leads = await request(s.url)
      .get(`/api/staff/family-search/notices/${noticeId}/leads`)
      .set(station.auth)
      .expect(200);
    assert.equal(leads.body.items[0].name, '赵**');
    const skip = await request(s.url)
      .post(`/api/staff/family-search/notices/${noticeId}/status`)
      .set(station.auth)
      .send({ status: 'reunited' })
      .expect(400);
    assert.equal(skip.body.error.code, 'STATUS_NOT_ALLOWED');
    await request(s.url)
      .post(`/api/staff/family-search/notices/${noticeId}/status`)
      .set(station.auth)
      .send({ status: 'verified' })
      .expect(200);
    await request(s.url)
      .post(`/api/staff/family-search/notices/${noticeId}/status`)
      .set(station.auth)
      .send({ status: 'reunited' })
      .expect(200);
    await request(s.url).get(`/api/family-search/notices/${noticeId}`).expect(404);
    await request(s.url).get(`/api/family-search/notices/${noticeId}/photo`).expect(404);
    assert.equal(await s.app.modules.familySearch.models.Photo.count({ where: { notice_id: noticeId } }), 0);
  });

  it('gives the station its workbench: its own notices with leads and next steps, and a leads inbox', async () => {
    const { body: fresh } = await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send(notice({ accent: '山东口音', foundPlace: '朝阳区三里屯路口' }))
      .expect(201);
    const witness = await realNamedCitizen(s.url, '钱多多', idNumber(bornIn(1985)));
    await request(s.url)
      .post(`/api/family-search/notices/${fresh.id}/leads`)
      .set(witness.auth)
      .send({ content: '老人像是山东聊城口音，常在三里屯一带' })
      .expect(201);
    const list = await request(s.url).get('/api/staff/family-search/notices?status=lead').set(station.auth).expect(200);
    const mine = list.body.items.find((n: { id: number }) => n.id === fresh.id);
    assert.equal(mine.leads, 1);
    assert.deepEqual(
      mine.next.map((x: { label: string }) => x.label),
      ['寻亲中', '线索核实', '已安置'],
    );
    const inbox = await request(s.url).get('/api/staff/family-search/leads').set(station.auth).expect(200);
    const lead = inbox.body.items.find((l: { noticeId: number }) => l.noticeId === fresh.id);
    assert.equal(lead.name, '钱**');
    assert.equal(lead.noticeStatusLabel, '有线索');
    // The closed notice (reunited above) is no longer in the inbox.
    assert.ok(!inbox.body.items.some((l: { noticeId: number }) => l.noticeId === noticeId));
    const elsewhere = await staffAt(s.url, ['4403'], ['station_staff']);
    const theirs = await request(s.url).get('/api/staff/family-search/notices').set(elsewhere.auth).expect(200);
    assert.ok(!theirs.body.items.some((n: { id: number }) => n.id === fresh.id));
    const theirInbox = await request(s.url).get('/api/staff/family-search/leads').set(elsewhere.auth).expect(200);
    assert.equal(theirInbox.body.items.length, 0);
    const bad = await request(s.url).get('/api/staff/family-search/notices?status=lost').set(station.auth).expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
  });
});
