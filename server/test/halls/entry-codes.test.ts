import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, hallStaff, MARRIAGE } from './fixtures';
import { decodeScene, encodeScene } from '../../src/modules/halls/scene';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('Hall QR entry: scenes, mini-program codes and public-account QR codes', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hall: number;
  let other: number;
  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    hall = await createHall(s.url, adminAuth);
    other = await createHall(s.url, adminAuth);
  });
  after(async () => s.close());

  it('encodes compact, versioned scenes that only we can make', () => {
    const key = { secret: Buffer.alloc(32, 7) };
    const scene = encodeScene(key, 2_000_000_000, 2_000_000_000);
    assert.ok(scene.length <= 32, scene);
    assert.match(scene, /^h1\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{6}$/);
    assert.deepEqual(decodeScene(key, scene), { hallId: 2_000_000_000, entryId: 2_000_000_000 });
    assert.deepEqual(decodeScene(key, encodeURIComponent(scene)), { hallId: 2_000_000_000, entryId: 2_000_000_000 });
    assert.equal(decodeScene({ secret: Buffer.alloc(32, 8) }, scene), null, "another deployment's scene");
    assert.equal(decodeScene(key, scene.replace(/^h1\.[0-9a-z]+/, 'h1.1')), null, 'a tampered hall id');
    for (const junk of ['', 'abc', 'h2.1.1.AAAAAA', '%E0%A4%A', 'h1.1.1.AAAAAA'])
      assert.equal(decodeScene(key, junk), null, junk);
  });

  it('lets staff make a code for a window, download both PNGs, and a scan lands on the hall', async () => {
    const staff = await hallStaff(s.url, adminAuth, [hall]);
    const { body } = await request(s.url)
      .post(`/api/staff/halls/${hall}/entry-codes`)
      .set(staff.auth)
      .send({ windowNumber: '1', serviceCode: MARRIAGE })
      .expect(201);
    const code = body.entryCode;
    assert.ok(code.scene.length <= 32);
    assert.equal(code.page, 'packages/halls/pages/hall/index');

    const png = await request(s.url)
      .get(`/api/staff/halls/${hall}/entry-codes/${code.id}/wxacode.png`)
      .set(staff.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.ok((png.body as Buffer).subarray(0, 8).equals(PNG));
    assert.match(png.headers['content-disposition'], /attachment/);
    const issued = await request(s.url).get('/__wechat__/dev/wxacodes').expect(200);
    assert.ok(
      issued.body.items.some((i: { scene: string; page: string }) => i.scene === code.scene && i.page === code.page),
    );

    const mp = await request(s.url)
      .get(`/api/staff/halls/${hall}/entry-codes/${code.id}/mp-qrcode.png`)
      .set(staff.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.ok((mp.body as Buffer).subarray(0, 8).equals(PNG));

    // The mini-program gets the scene URL-encoded in its launch options.
    const scan = await request(s.url)
      .get(`/api/scenes/${encodeURIComponent(encodeURIComponent(code.scene))}`)
      .expect(200);
    assert.equal(scan.body.hallId, hall);
    assert.equal(scan.body.windowNumber, '1');
    assert.equal(scan.body.serviceCode, MARRIAGE);
    assert.equal(scan.body.hall.id, hall);
    // The public account's EventKey carries the same scene behind "hall:".
    assert.equal((await s.app.modules.halls.resolveScene(`hall:${code.scene}`)).hallId, hall);
  });

  it('refuses foreign and withdrawn scenes with a friendly message', async () => {
    const staff = await hallStaff(s.url, adminAuth, [hall]);
    const { body } = await request(s.url)
      .post(`/api/staff/halls/${hall}/entry-codes`)
      .set(staff.auth)
      .send({})
      .expect(201);
    const scene: string = body.entryCode.scene;
    const forged = scene.slice(0, -1) + (scene.endsWith('A') ? 'B' : 'A');
    for (const bad of [forged, 'h1.1.1.AAAAAA', 'someone-elses-code', 'x'.repeat(32)]) {
      const r = await request(s.url)
        .get(`/api/scenes/${encodeURIComponent(bad)}`)
        .expect(404);
      assert.equal(r.body.error.code, 'SCENE_UNKNOWN');
      assert.match(r.body.error.message, /大厅列表/);
    }
    await request(s.url)
      .post(`/api/staff/halls/${hall}/entry-codes/${body.entryCode.id}/withdraw`)
      .set(staff.auth)
      .expect(200);
    const gone = await request(s.url).get(`/api/scenes/${scene}`).expect(410);
    assert.equal(gone.body.error.code, 'SCENE_WITHDRAWN');
    await request(s.url)
      .get(`/api/staff/halls/${hall}/entry-codes/${body.entryCode.id}/wxacode.png`)
      .set(staff.auth)
      .expect(410);
    await request(s.url)
      .get(`/api/scenes/${'x'.repeat(300)}`)
      .expect(400);
  });

  it('keeps staff to their own halls and checks windows and services', async () => {
    const staff = await hallStaff(s.url, adminAuth, [hall]);
    await request(s.url).post(`/api/staff/halls/${other}/entry-codes`).set(staff.auth).send({}).expect(404);
    const mine = await request(s.url).post(`/api/staff/halls/${hall}/entry-codes`).set(staff.auth).send({}).expect(201);
    const otherStaff = await hallStaff(s.url, adminAuth, [other]);
    await request(s.url)
      .get(`/api/staff/halls/${hall}/entry-codes/${mine.body.entryCode.id}/wxacode.png`)
      .set(otherStaff.auth)
      .expect(404);
    const w = await request(s.url)
      .post(`/api/staff/halls/${hall}/entry-codes`)
      .set(staff.auth)
      .send({ windowNumber: '42' })
      .expect(400);
    assert.equal(w.body.error.code, 'UNKNOWN_WINDOW');
    const svc = await request(s.url)
      .post(`/api/staff/halls/${hall}/entry-codes`)
      .set(staff.auth)
      .send({ serviceCode: 'MZ-BZ-01' })
      .expect(400);
    assert.equal(svc.body.error.code, 'UNKNOWN_SERVICE');
    await request(s.url)
      .post(`/api/staff/halls/${hall}/entry-codes`)
      .set(staff.auth)
      .send({ windowNumber: '../1' })
      .expect(400);
  });

  it('says what WeChat answered when getwxacodeunlimit fails (one catalogue of WeChat errors), never 500', async () => {
    const staff = await hallStaff(s.url, adminAuth, [hall]);
    const { body } = await request(s.url)
      .post(`/api/staff/halls/${hall}/entry-codes`)
      .set(staff.auth)
      .send({})
      .expect(201);
    const png = (errcode: number, status: number) =>
      request(s.url)
        .post('/__wechat__/dev/faults')
        .send({ path: '/wxa/getwxacodeunlimit', errcode, times: 1 })
        .expect(200)
        .then(() =>
          request(s.url)
            .get(`/api/staff/halls/${hall}/entry-codes/${body.entryCode.id}/wxacode.png`)
            .set(staff.auth)
            .expect(status),
        );
    assert.equal((await png(-1, 503)).body.error.code, 'WECHAT_UNAVAILABLE');
    const quota = (await png(45009, 503)).body.error;
    assert.equal(quota.code, 'WECHAT_QUOTA');
    assert.match(quota.message, /明天/);
    const refused = (await png(41030, 502)).body.error;
    assert.equal(refused.code, 'WECHAT_REFUSED');
    assert.match(refused.message, /小程序页面不存在/);
  });
});
