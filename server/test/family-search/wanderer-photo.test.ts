import assert from 'node:assert/strict';
import request from 'supertest';
import sharp from 'sharp';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { pdfBytes } from '../assistance/support';

type Auth = Record<string, string>;

/**
 * What the mini-program's 易走失人员登记 does: the home is picked level by level from
 * GET /api/divisions (down to the 乡镇/街道 with deep=1), and the photo goes up by POST, the only
 * method wx.uploadFile has — re-encoded by the shared image helper, EXIF (location, device) gone.
 */
describe('救助寻亲: a guardian picks the home 街道 from the divisions and adds a photo by POST (wx.uploadFile)', () => {
  let s: TestServer;
  let guardian: { auth: Auth };
  let other: { auth: Auth };
  let street: { code: string; name: string };
  let wandererId: number;

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    guardian = await loginCitizen(s.url);
    other = await loginCitizen(s.url);
  });
  after(async () => s.close());

  it('walks 北京市 → 朝阳区 → a 街道 through the divisions API and registers with its 9-digit code', async () => {
    const top = await request(s.url).get('/api/divisions').expect(200);
    const beijing = top.body.items.find((d: { name: string }) => d.name === '北京市');
    assert.ok(beijing, '北京市 at the top level');
    const cities = await request(s.url).get(`/api/divisions?parent=${beijing.code}&deep=1`).expect(200);
    const counties = await request(s.url).get(`/api/divisions?parent=${cities.body.items[0].code}&deep=1`).expect(200);
    const chaoyang = counties.body.items.find((d: { name: string }) => d.name === '朝阳区');
    assert.equal(chaoyang.hasChildren, true, 'with deep=1 a county has its 街道');
    const streets = await request(s.url).get(`/api/divisions?parent=${chaoyang.code}&deep=1`).expect(200);
    street = streets.body.items[0];
    assert.match(street.code, /^110105\d{3}$/);

    const { body } = await request(s.url)
      .post('/api/family-search/wanderers')
      .set(guardian.auth)
      .send({
        name: '孙桂芝',
        sex: 'female',
        birthYear: 1946,
        heightCm: 152,
        accent: '北京口音',
        features: '左脸颊有黑痣',
        condition: 'dementia',
        homeDivisionCode: street.code,
        homePlace: `${street.name}光华路5号院`,
        guardianName: '孙建国',
        guardianPhone: '13700001111',
        consent: true,
      })
      .expect(201);
    wandererId = body.id;
    assert.equal(body.homeDivisionCode, street.code);
    assert.equal(body.hasPhoto, false);
  });

  it('takes a JPEG by POST and stores it without its EXIF; a PDF named .jpg is refused and changes nothing', async () => {
    const fake = await request(s.url)
      .post(`/api/family-search/wanderers/${wandererId}/photo`)
      .set(guardian.auth)
      .attach('file', pdfBytes(), { filename: 'photo.jpg', contentType: 'image/jpeg' })
      .expect(400);
    assert.equal(fake.body.error.code, 'UNSUPPORTED_IMAGE');
    assert.match(fake.body.error.message, /图片/);
    let mine = await request(s.url).get('/api/family-search/wanderers').set(guardian.auth).expect(200);
    assert.equal(mine.body.items[0].hasPhoto, false, 'a refused photo changes nothing');

    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 40 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'GuardianPhone', Model: 'X1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 0/1' },
      })
      .toBuffer();
    assert.ok((await sharp(jpeg).metadata()).exif, 'the upload carries EXIF');
    const up = await request(s.url)
      .post(`/api/family-search/wanderers/${wandererId}/photo`)
      .set(guardian.auth)
      .attach('file', jpeg, { filename: 'mum.jpg', contentType: 'image/jpeg' })
      .expect(200);
    assert.equal(up.body.hasPhoto, true);
    const row = await s.app.modules.familySearch.models.WandererPhoto.findOne({
      where: { wanderer_id: wandererId },
      raw: true,
    });
    assert.ok(row);
    const stored = Buffer.from((row as { data: Buffer }).data);
    const meta = await sharp(stored).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined, 'EXIF removed');
    assert.ok(!stored.includes(Buffer.from('GuardianPhone')), 'no device name left in the bytes');
    mine = await request(s.url).get('/api/family-search/wanderers').set(guardian.auth).expect(200);
    assert.equal(mine.body.items[0].hasPhoto, true);
  });

  it('does not let another citizen or an anonymous caller put a photo on it', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const notMine = await request(s.url)
      .post(`/api/family-search/wanderers/${wandererId}/photo`)
      .set(other.auth)
      .attach('file', png, { filename: 'x.png', contentType: 'image/png' })
      .expect(404);
    assert.match(notMine.body.error.message, /未找到/);
    await request(s.url)
      .post(`/api/family-search/wanderers/${wandererId}/photo`)
      .attach('file', png, { filename: 'x.png', contentType: 'image/png' })
      .expect(401);
  });
});
