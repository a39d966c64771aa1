import assert from 'node:assert/strict';
import sharp from 'sharp';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { setBeijingTime, staffAt } from '../cases/support';
import { applicationFor, bornIn, idNumber, member, pdfBytes, pngBytes, realNamedCitizen } from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * 入户调查 photos through HTTP: the named worker uploads the survey's photos (images only,
 * encoded anew without EXIF), the survey names them and fixes them to it; a photo of another
 * case refuses the survey and changes nothing; staff of the case's divisions see the photos in
 * the case and view each one, audited; another county gets 404, a clerk not holding the survey
 * the engine's refusal.
 */
describe('社会救助 · 入户调查照片', () => {
  let s: TestServer;
  let clerk: Staff;
  let surveyor: Staff;
  let otherCounty: Staff;
  let admin: Record<string, string>;

  const act = (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body);
  const upload = (who: Staff, caseId: number, data: Buffer, filename: string) =>
    request(s.url)
      .post(`/api/staff/assistance/cases/${caseId}/survey-photos`)
      .set(who.auth)
      .attach('file', data, { filename, contentType: 'application/octet-stream' });
  const photoOf = (who: Staff, caseId: number, token: string) =>
    request(s.url)
      .get(`/api/staff/assistance/cases/${caseId}/survey-photos/${token}`)
      .set(who.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const survey = (photoIds?: string[]) => ({
    visitedOn: '2026-03-04',
    findings: '入户查看，家中无高档电器，孩子就读小学，情况属实',
    housing: '自有住房',
    livingConditionsMatch: true,
    ...(photoIds ? { photoIds } : {}),
  });

  /** A family applies in 110105001003 and the clerk sends the surveyor: the case at 入户调查. */
  async function caseAtSurvey(name: string) {
    const family = await realNamedCitizen(s.url, name, idNumber(bornIn(1980), '1'));
    const created = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member(name, family.idNumber, '本人', 50_000)]))
      .expect(201);
    const { caseId, number } = created.body as { caseId: number; number: string };
    await act(clerk, caseId, 'accept', { form: { assigneeStaffId: surveyor.id } }).expect(200);
    return { caseId, number };
  }

  before(async () => {
    s = await startServer();
    clerk = await staffAt(s.url, ['110105001'], ['assistance_officer'], '李受理');
    surveyor = await staffAt(s.url, ['110105001'], ['assistance_officer'], '赵调查');
    otherCounty = await staffAt(s.url, ['110108'], ['assistance_officer'], '孙外县');
    admin = (await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD)).auth;
  });
  after(async () => s.close());

  it('the worker attaches photos to the survey; staff in scope view them, audited; others are refused', async () => {
    setBeijingTime(s, '2026-03-02'); // Monday
    const a = await caseAtSurvey('张秀英');
    const b = await caseAtSurvey('王桂兰');

    // Two photos: a PNG, and a phone JPEG whose EXIF names the device.
    const jpeg = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#3a6' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SecretPhone', Model: 'X1' } })
      .toBuffer();
    assert.ok(jpeg.includes('SecretPhone'));
    const first = await upload(surveyor, a.caseId, await pngBytes(), '客厅.png').expect(201);
    assert.equal(first.body.photo.mime, 'image/png');
    const second = await upload(surveyor, a.caseId, jpeg, 'IMG_0001.JPG').expect(201);
    assert.equal(second.body.photo.mime, 'image/jpeg');
    const ids = [first.body.photo.id as string, second.body.photo.id as string];

    // Not a photo: a PDF and a text file named .jpg are refused in plain Chinese.
    const pdf = await upload(surveyor, a.caseId, pdfBytes(), '证明.pdf').expect(400);
    assert.equal(pdf.body.error.code, 'UNSUPPORTED_PHOTO');
    assert.match(pdf.body.error.message, /JPG、PNG/);
    const text = await upload(surveyor, a.caseId, Buffer.from('这不是照片'), 'photo.jpg').expect(400);
    assert.equal(text.body.error.code, 'UNSUPPORTED_PHOTO');

    // Only the worker holding the survey uploads: the clerk of the same 乡镇 gets the engine's
    // 403, another county 404 (it must not learn the case exists).
    const notHolder = await upload(clerk, a.caseId, await pngBytes(), 'x.png').expect(403);
    assert.match(notHolder.body.error.message, /办理/);
    await upload(otherCounty, a.caseId, await pngBytes(), 'x.png').expect(404);

    // A photo of case B named in case A's survey: refused, and nothing changes on A.
    const foreign = await upload(surveyor, b.caseId, await pngBytes(), 'b.png').expect(201);
    const before = await request(s.url).get(`/api/staff/cases/${a.caseId}`).set(clerk.auth).expect(200);
    const refused = await act(surveyor, a.caseId, 'submit_survey', {
      form: survey([ids[0], foreign.body.photo.id]),
    }).expect(400);
    assert.equal(refused.body.error.code, 'SURVEY_PHOTO_NOT_FOUND');
    const after = await request(s.url).get(`/api/staff/cases/${a.caseId}`).set(clerk.auth).expect(200);
    assert.equal(after.body.case.version, before.body.case.version);
    assert.equal(after.body.current.stage, 'investigate');
    const tooMany = await act(surveyor, a.caseId, 'submit_survey', {
      form: survey(Array.from({ length: 10 }, () => ids[0])),
    }).expect(400);
    assert.equal(tooMany.body.error.code, 'VALIDATION_FAILED');
    // Before the survey names it, a photo is nobody's to view.
    await photoOf(clerk, a.caseId, ids[0]).expect(404);

    // The survey with its two photos: the case moves on to the economic check, which answers.
    await act(surveyor, a.caseId, 'submit_survey', { form: survey(ids) }).expect(200);
    await s.app.platform.jobs.drain();
    const view = await request(s.url).get(`/api/staff/assistance/cases/${a.caseId}`).set(clerk.auth).expect(200);
    assert.equal(view.body.current.stage, 'review');
    assert.deepEqual(
      view.body.application.surveyPhotos.map((p: { id: string }) => p.id),
      ids,
    );
    const step = view.body.steps.find((st: { action: string }) => st.action === 'submit_survey');
    assert.deepEqual(step.form.photoIds, ids);
    // Fixed to that survey: a photo once submitted is not named again, nor uploaded to a case past its survey.
    const again = await act(surveyor, b.caseId, 'submit_survey', { form: survey([ids[0]]) }).expect(400);
    assert.equal(again.body.error.code, 'SURVEY_PHOTO_NOT_FOUND');
    const late = await upload(surveyor, a.caseId, await pngBytes(), 'late.png').expect(409);
    assert.equal(late.body.error.code, 'CASE_STAGE_MISMATCH');
    // Case B's own photo still goes with B's survey.
    await act(surveyor, b.caseId, 'submit_survey', { form: survey([foreign.body.photo.id]) }).expect(200);

    // Staff of the 乡镇 view the photos: image bytes written anew, no EXIF.
    const png = await photoOf(clerk, a.caseId, ids[0]).expect(200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(png.headers['x-content-type-options'], 'nosniff');
    const photo = await photoOf(clerk, a.caseId, ids[1]).expect(200);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
    const bytes = photo.body as Buffer;
    assert.equal(bytes.includes('SecretPhone'), false);
    assert.equal((await sharp(bytes).metadata()).exif, undefined);
    // Another county: 404 on the case, on its photos; a photo named under another case: 404.
    await request(s.url).get(`/api/staff/assistance/cases/${a.caseId}`).set(otherCounty.auth).expect(404);
    await photoOf(otherCounty, a.caseId, ids[0]).expect(404);
    await photoOf(clerk, b.caseId, ids[0]).expect(404);

    // Each view is audited against the case: the clerk's two views of A's photos, and no others.
    const audit = await request(s.url)
      .get(`/api/staff/audit-logs?action=assistance.survey_photo.read&targetId=${a.number}`)
      .set(admin)
      .expect(200);
    assert.equal(audit.body.items.length, 2);
    assert.ok(audit.body.items.every((e: { actor: { id: string } }) => String(e.actor.id) === String(clerk.id)));
    const uploads = await request(s.url)
      .get(`/api/staff/audit-logs?action=assistance.survey_photo.upload&targetId=${a.number}`)
      .set(admin)
      .expect(200);
    assert.equal(uploads.body.items.length, 2);
  });
});
