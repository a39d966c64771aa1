import assert from 'node:assert/strict';
import sharp from 'sharp';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { PNG_1PX } from '../social-orgs/helpers';

const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

/**
 * Every upload goes through platform/uploads: bounded, and images decoded and encoded anew,
 * so what the server stores and serves is pixels it wrote — told here through a citizen's
 * complaint photos.
 */
describe('Uploaded images are verified, re-encoded and served inert', () => {
  let s: TestServer;
  let citizen: Awaited<ReturnType<typeof loginCitizen>>;
  before(async () => {
    s = await startServer();
    citizen = await loginCitizen(s.url);
  });
  after(async () => s.close());

  const upload = (data: Buffer, filename = 'photo.png', contentType = 'image/png') =>
    request(s.url)
      .post('/api/social-orgs/complaint-images')
      .set(citizen.auth)
      .attach('file', data, { filename, contentType });
  const fetchImage = (id: string) =>
    request(s.url)
      .get(`/api/social-orgs/complaint-images/${id}`)
      .set(citizen.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);

  it('refuses a PNG signature followed by HTML, whatever it is called', async () => {
    const fake = Buffer.concat([PNG_1PX.subarray(0, 16), HTML]);
    const res = await upload(fake).expect(400);
    assert.equal(res.body.error.code, 'UNSUPPORTED_IMAGE');
    assert.match(res.body.error.message, /图片/);
    const text = await upload(HTML, 'photo.png').expect(400);
    assert.equal(text.body.error.code, 'UNSUPPORTED_IMAGE');
  });

  it('keeps only the pixels of a real image carrying HTML after its end, and serves it with nosniff', async () => {
    const polyglot = Buffer.concat([PNG_1PX, HTML]);
    const { body } = await upload(polyglot).expect(201);
    assert.equal(body.image.mime, 'image/png');
    const served = await fetchImage(body.image.id);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    assert.match(served.headers['content-security-policy'], /sandbox/);
    const bytes = served.body as Buffer;
    assert.equal(bytes.length, body.image.size);
    assert.equal(bytes.includes('<script>'), false, 'the HTML is gone');
    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1, 1]);
  });

  it('strips EXIF (device, location) and applies the orientation it asked for', async () => {
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SecretPhone', Model: 'X1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    assert.ok(photo.includes('SecretPhone'));
    const { body } = await upload(photo, 'IMG_0001.JPG', 'image/jpeg').expect(201);
    assert.equal(body.image.mime, 'image/jpeg');
    const bytes = (await fetchImage(body.image.id)).body as Buffer;
    assert.equal(bytes.includes('SecretPhone'), false);
    const meta = await sharp(bytes).metadata();
    assert.equal(meta.exif, undefined);
    assert.deepEqual([meta.width, meta.height], [20, 40], 'turned as the camera said');
  });

  it('refuses a body past the limit, and a second file, before reading them', async () => {
    const big = await request(s.url)
      .post('/api/social-orgs/complaint-images')
      .set(citizen.auth)
      .attach('file', Buffer.alloc(3 * 1024 * 1024, 1), { filename: 'big.png', contentType: 'image/png' })
      .expect(413);
    assert.equal(big.body.error.code, 'FILE_TOO_LARGE');
    assert.match(big.body.error.message, /2MB/);
    const two = await request(s.url)
      .post('/api/social-orgs/complaint-images')
      .set(citizen.auth)
      .attach('file', PNG_1PX, { filename: 'a.png', contentType: 'image/png' })
      .attach('other', PNG_1PX, { filename: 'b.png', contentType: 'image/png' })
      .expect(413);
    assert.equal(two.body.error.code, 'TOO_MANY_PARTS');
  });
});
