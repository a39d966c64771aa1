import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { pdfText } from '../support/pdf-text';
import { moveTo, organization, publishedActivity, type Staff, volunteer } from './support';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * A volunteer saves their certificate as a PDF: set in the project's own Chinese font (embedded,
 * with a ToUnicode map so the text copies out), with their name, the certificate number, the
 * 补录 mark and the QR to /verify; a request not yet issued has no PDF; nobody else gets it.
 */
describe('志愿服务 · the certificate as a PDF with correct Chinese text', () => {
  let s: TestServer;
  let organizer: Staff;
  let orgId: number;

  before(async function () {
    this.timeout(180_000);
    s = await startServer();
    moveTo(s, '2026-12-18', '10:00');
    ({ organizer, orgId } = await organization(s.url, `海淀区银龄志愿服务队${Date.now() % 1e6}`));
  });
  after(async () => s.close());

  it('downloads the issued certificate, whose text reads back in Chinese', async function () {
    this.timeout(120_000);
    const activityId = await publishedActivity(s.url, organizer, orgId, '2026-12-20', { title: '社区助老读报服务' });
    const v = await volunteer(s.url, '欧阳晓燕');
    await request(s.url)
      .post(`/api/staff/volunteer/activities/${activityId}/manual-hours`)
      .set(organizer.auth)
      .send({
        volunteerNumber: v.number,
        startAt: '2026-12-20T09:00:00+08:00',
        endAt: '2026-12-20T11:30:00+08:00',
        reason: '现场网络故障，凭签到表补录',
      })
      .expect(201);
    const asked = await request(s.url)
      .post('/api/volunteer/me/certificates')
      .set(v.auth)
      .send({ orgId, purpose: '学校综合素质评价' })
      .expect(201);
    const certId = asked.body.certificate.id as number;

    const early = await request(s.url).get(`/api/volunteer/me/certificates/${certId}/pdf`).set(v.auth).expect(409);
    assert.match(early.body.error.message, /尚未开具/);

    const issued = await request(s.url)
      .post(`/api/staff/volunteer/certificates/${certId}/issue`)
      .set(organizer.auth)
      .expect(200);
    const number = issued.body.certificate.number as string;

    const res = await request(s.url)
      .get(`/api/volunteer/me/certificates/${certId}/pdf`)
      .set(v.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(res.headers['content-disposition'], new RegExp(`${number}\\.pdf`));
    const pdf = res.body as Buffer;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const { text, embeddedFonts, toUnicode } = pdfText(pdf);
    assert.ok(embeddedFonts >= 1, 'the Chinese font is embedded, not left to the reader');
    assert.ok(toUnicode >= 1, 'the font maps its glyphs back to Unicode');
    assert.ok(!text.includes('\uFFFD'), 'every shown glyph maps to a character');
    for (const expected of [
      '志愿服务记录证明',
      '欧阳晓燕',
      number,
      v.number,
      '社区助老读报服务',
      '补录',
      '其中补录 2.5 小时',
      '经办人',
      '陈组织',
      `/verify/${number}`,
    ])
      assert.ok(text.includes(expected), `the PDF says ${expected}`);
    assert.ok(!text.includes(v.idNumber), 'the ID number is masked on the PDF');

    // Someone else's certificate is not theirs to download.
    const other = await volunteer(s.url, '钱旁人');
    await request(s.url).get(`/api/volunteer/me/certificates/${certId}/pdf`).set(other.auth).expect(404);

    // The organization's admin may print it too.
    const staffCopy = await request(s.url)
      .get(`/api/staff/volunteer/certificates/${certId}/pdf`)
      .set(organizer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.ok(pdfText(staffCopy.body as Buffer).text.includes(number));

    // Revoked: still downloadable by its owner, marked 已撤销 across the page.
    await request(s.url)
      .post(`/api/staff/volunteer/certificates/${certId}/revoke`)
      .set(organizer.auth)
      .send({ reason: '服务时长记录有误，重新开具' })
      .expect(200);
    const revoked = await request(s.url)
      .get(`/api/volunteer/me/certificates/${certId}/pdf`)
      .set(v.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.ok(pdfText(revoked.body as Buffer).text.includes('已撤销'));
  });
});
