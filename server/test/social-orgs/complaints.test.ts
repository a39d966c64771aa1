import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { adminOf, createOrg, officer, PNG_1PX } from './helpers';

describe('A citizen files a complaint and follows it to the answer', () => {
  let s: TestServer;
  let beijing: Awaited<ReturnType<typeof officer>>;
  let shenzhen: Awaited<ReturnType<typeof officer>>;
  let org: { uscc: string };
  let illegalId: number;
  before(async () => {
    s = await startServer();
    beijing = await officer(s.url, ['11']);
    shenzhen = await officer(s.url, ['44']);
    org = await createOrg(s.url, beijing.auth, { name: '北京市朝阳区老年体育协会' });
    const admin = await adminOf(s.url);
    const ill = await request(s.url)
      .post('/api/staff/social-orgs/illegal')
      .set(admin.auth)
      .send({ name: '中华老年养生总会', authority: '民政部', divisionCode: '440300', publishedAt: '2025-03-01' })
      .expect(201);
    illegalId = ill.body.illegalOrg.id;
  });
  after(async () => s.close());

  const upload = (auth: Record<string, string>, data: Buffer, filename = 'photo.png', contentType = 'image/png') =>
    request(s.url).post('/api/social-orgs/complaint-images').set(auth).attach('file', data, { filename, contentType });
  const complaint = (over: Record<string, unknown> = {}) => ({
    target: { uscc: org.uscc },
    category: 'fees',
    content: '该协会以办理会员证为名收取每人500元费用，未开具任何票据。',
    idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}`,
    ...over,
  });
  const messages = async (auth: Record<string, string>) =>
    (await request(s.url).get('/api/messages').set(auth).expect(200)).body.items as { title: string }[];

  it('checks evidence photos by their bytes and size', async () => {
    const c = await loginCitizen(s.url);
    const ok = await upload(c.auth, PNG_1PX).expect(201);
    assert.equal(ok.body.image.mime, 'image/png');
    const fake = await upload(c.auth, Buffer.from('<?php echo 1; ?>'), 'x.png').expect(400);
    assert.equal(fake.body.error.code, 'UNSUPPORTED_IMAGE');
    const huge = Buffer.alloc(2 * 1024 * 1024 + 1, 0);
    huge.set([0xff, 0xd8, 0xff]);
    const big = await upload(c.auth, huge, 'big.jpg', 'image/jpeg').expect(413);
    assert.equal(big.body.error.code, 'FILE_TOO_LARGE');
    const none = await request(s.url)
      .post('/api/social-orgs/complaint-images')
      .set(c.auth)
      .field('note', 'x')
      .expect(400);
    assert.equal(none.body.error.code, 'FILE_REQUIRED');
    await request(s.url).post('/api/social-orgs/complaint-images').set(c.auth).send({ file: 'x' }).expect(415);
    await upload({}, PNG_1PX).expect(401);
    // Only the uploader sees it.
    await request(s.url)
      .get(`/api/social-orgs/complaint-images/${ok.body.image.id}`)
      .set(c.auth)
      .expect(200)
      .expect('Content-Type', 'image/png');
    const other = await loginCitizen(s.url);
    await request(s.url).get(`/api/social-orgs/complaint-images/${ok.body.image.id}`).set(other.auth).expect(404);
  });

  it('files one complaint however often it is submitted with the same key, and shows its progress', async () => {
    const c = await loginCitizen(s.url);
    const images = await Promise.all([upload(c.auth, PNG_1PX), upload(c.auth, PNG_1PX)]);
    const body = complaint({
      images: images.map((r) => r.body.image.id),
      contact: { name: '张先生', phone: '13912345678' },
    });
    const taps = await Promise.all(
      [1, 2, 3, 4, 5].map(() => request(s.url).post('/api/social-orgs/complaints').set(c.auth).send(body)),
    );
    assert.ok(
      taps.every((t) => [200, 201].includes(t.status)),
      taps.map((t) => t.status).join(),
    );
    assert.equal(taps.filter((t) => t.status === 201).length, 1);
    const trackingNo = taps[0].body.complaint.trackingNo;
    assert.match(trackingNo, /^TS\d{8}[0-9A-Z]{6}$/);
    assert.ok(taps.every((t) => t.body.complaint.trackingNo === trackingNo));
    const [rows] = await s.app.platform.db.query(
      `SELECT contact_phone_enc FROM org_complaints WHERE tracking_no = '${trackingNo}'`,
    );
    assert.equal(rows.length, 1);
    assert.equal(JSON.stringify(rows).includes('13912345678'), false, 'the phone is stored encrypted');

    const reused = await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(c.auth)
      .send({ ...body, content: '换了内容但沿用了同一个提交标识的投诉。' })
      .expect(409);
    assert.equal(reused.body.error.code, 'IDEMPOTENCY_KEY_REUSED');

    const mine = await request(s.url).get('/api/social-orgs/complaints').set(c.auth).expect(200);
    assert.deepEqual(
      mine.body.items.map((i: { trackingNo: string }) => i.trackingNo),
      [trackingNo],
    );
    const detail = await request(s.url).get(`/api/social-orgs/complaints/${trackingNo}`).set(c.auth).expect(200);
    assert.equal(detail.body.complaint.contactPhone, '139****5678');
    assert.equal(detail.body.complaint.images.length, 2);
    assert.deepEqual(
      detail.body.complaint.progress.map((p: { status: string }) => p.status),
      ['submitted'],
    );
    const other = await loginCitizen(s.url);
    await request(s.url).get(`/api/social-orgs/complaints/${trackingNo}`).set(other.auth).expect(404);
    assert.match((await messages(c.auth))[0].title, /投诉已提交/);
  });

  it('is worked by the officers of its region only, step by step, and the citizen is told each time', async () => {
    const c = await loginCitizen(s.url);
    const img = await upload(c.auth, PNG_1PX).expect(201);
    const filed = await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(c.auth)
      .send(complaint({ images: [img.body.image.id], contact: { phone: '13800001111' } }))
      .expect(201);
    const trackingNo = filed.body.complaint.trackingNo;

    const list = await request(s.url)
      .get('/api/staff/social-orgs/complaints')
      .set(beijing.auth)
      .query({ status: 'submitted' })
      .expect(200);
    const item = list.body.items.find((i: { trackingNo: string }) => i.trackingNo === trackingNo);
    assert.ok(item);
    const id = item.id;
    const other = await request(s.url).get('/api/staff/social-orgs/complaints').set(shenzhen.auth).expect(200);
    assert.equal(
      other.body.items.some((i: { trackingNo: string }) => i.trackingNo === trackingNo),
      false,
    );
    for (const [method, path] of [
      ['get', ''],
      ['post', '/accept'],
    ] as const) {
      const r = await request(s.url)
        [method](`/api/staff/social-orgs/complaints/${id}${path}`)
        .set(shenzhen.auth)
        .send({})
        .expect(404);
      assert.equal(r.body.error.code, 'NOT_FOUND');
    }
    const seen = await request(s.url).get(`/api/staff/social-orgs/complaints/${id}`).set(beijing.auth).expect(200);
    assert.equal(seen.body.complaint.contact.phone, '13800001111');
    await request(s.url)
      .get(`/api/staff/social-orgs/complaints/${id}/images/${img.body.image.id}`)
      .set(beijing.auth)
      .expect(200);
    await request(s.url)
      .get(`/api/staff/social-orgs/complaints/${id}/images/${img.body.image.id}`)
      .set(shenzhen.auth)
      .expect(404);
    const [reads] = await s.app.platform.db.query(
      `SELECT actor_id FROM audit_logs WHERE action = 'social_org.complaint.read_contact' AND target_id = '${trackingNo}'`,
    );
    assert.equal(reads.length, 1, 'reading the contact is audited');

    const early = await request(s.url)
      .post(`/api/staff/social-orgs/complaints/${id}/answer`)
      .set(beijing.auth)
      .send({ answer: '经调查，该协会已退还费用。' })
      .expect(409);
    assert.equal(early.body.error.code, 'INVALID_TRANSITION');
    await request(s.url).post(`/api/staff/social-orgs/complaints/${id}/accept`).set(beijing.auth).expect(200);
    assert.match((await messages(c.auth))[0].title, /已受理/);
    const answered = await request(s.url)
      .post(`/api/staff/social-orgs/complaints/${id}/answer`)
      .set(beijing.auth)
      .send({ answer: '经调查，该协会已退还违规收取的费用，并被责令整改。' })
      .expect(200);
    assert.equal(answered.body.complaint.status, 'answered');
    assert.match((await messages(c.auth))[0].title, /已答复/);
    await request(s.url)
      .post(`/api/staff/social-orgs/complaints/${id}/reject`)
      .set(beijing.auth)
      .send({ reason: '重复' })
      .expect(409);

    const detail = await request(s.url).get(`/api/social-orgs/complaints/${trackingNo}`).set(c.auth).expect(200);
    assert.equal(detail.body.complaint.statusName, '已答复');
    assert.match(detail.body.complaint.answer, /退还/);
    assert.deepEqual(
      detail.body.complaint.progress.map((p: { status: string }) => p.status),
      ['submitted', 'accepted', 'answered'],
    );
    const [writes] = await s.app.platform.db.query(
      `SELECT action FROM audit_logs WHERE target_id = '${trackingNo}' AND actor_type = 'staff' ORDER BY id`,
    );
    assert.deepEqual(
      (writes as { action: string }[]).map((w) => w.action).filter((a) => !a.endsWith('read_contact')),
      ['social_org.complaint.read_image', 'social_org.complaint.accept', 'social_org.complaint.answer'],
    );
  });

  it('takes anonymous complaints about suspected illegal organizations, which may be rejected with a reason', async () => {
    const c = await loginCitizen(s.url);
    const bad = await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(c.auth)
      .send(complaint({ target: { illegalOrgId: illegalId }, anonymous: true, contact: { phone: '13800001111' } }))
      .expect(400);
    assert.ok(bad.body.error.fields.contact);
    const filed = await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(c.auth)
      .send(complaint({ target: { illegalOrgId: illegalId }, category: 'unregistered', anonymous: true }))
      .expect(201);
    const list = await request(s.url).get('/api/staff/social-orgs/complaints').set(shenzhen.auth).expect(200);
    const { id } = list.body.items.find(
      (i: { trackingNo: string }) => i.trackingNo === filed.body.complaint.trackingNo,
    );
    const seen = await request(s.url).get(`/api/staff/social-orgs/complaints/${id}`).set(shenzhen.auth).expect(200);
    assert.equal(seen.body.complaint.contact, null);
    assert.equal(seen.body.complaint.targetName, '中华老年养生总会');
    await request(s.url).post(`/api/staff/social-orgs/complaints/${id}/reject`).set(shenzhen.auth).send({}).expect(400);
    await request(s.url)
      .post(`/api/staff/social-orgs/complaints/${id}/reject`)
      .set(shenzhen.auth)
      .send({ reason: '该组织已被依法取缔，不再重复受理' })
      .expect(200);
    const detail = await request(s.url)
      .get(`/api/social-orgs/complaints/${filed.body.complaint.trackingNo}`)
      .set(c.auth)
      .expect(200);
    assert.equal(detail.body.complaint.status, 'rejected');
    assert.equal(detail.body.complaint.rejectReason, '该组织已被依法取缔，不再重复受理');
  });

  it('refuses bad complaints with field messages', async () => {
    const c = await loginCitizen(s.url);
    const post = (b: unknown) =>
      request(s.url)
        .post('/api/social-orgs/complaints')
        .set(c.auth)
        .send(b as object);
    for (const [b, field] of [
      [complaint({ content: '太短' }), 'content'],
      [complaint({ content: '长'.repeat(1001) }), 'content'],
      [complaint({ category: 'spam' }), 'category'],
      [complaint({ images: ['a', 'b', 'c', 'd'] }), 'images'],
      [complaint({ idempotencyKey: 'x' }), 'idempotencyKey'],
      [complaint({ target: {} }), 'target'],
      [complaint({ contact: { phone: '12345' } }), 'contact.phone'],
    ] as const) {
      const r = await post(b).expect(400);
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.ok(r.body.error.fields[field], `${field}: ${JSON.stringify(r.body.error.fields)}`);
    }
    assert.equal(
      (await post(complaint({ target: { uscc: '53100000500019795B' } })).expect(400)).body.error.code,
      'INVALID_USCC',
    );
    await post(complaint({ target: { illegalOrgId: 999999 } })).expect(404);
    const stolen = await upload(await loginCitizen(s.url).then((o) => o.auth), PNG_1PX).expect(201);
    assert.equal(
      (await post(complaint({ images: [stolen.body.image.id] })).expect(400)).body.error.code,
      'IMAGE_INVALID',
    );
    await request(s.url).post('/api/social-orgs/complaints').send(complaint()).expect(401);
    await request(s.url).get('/api/social-orgs/complaints/NOT-A-NUMBER').set(c.auth).expect(400);
  });
});
