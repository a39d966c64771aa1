import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { REMINDER_JOB } from '../../src/modules/volunteer';
import { moveTo, organization, publishedActivity, type Staff, volunteer } from './support';

const reminders = async (url: string, auth: Record<string, string>) =>
  (
    (await request(url).get('/api/messages').set(auth).expect(200)).body.items as { title: string; body: string }[]
  ).filter((m) => m.title === '志愿活动明天开始');

/**
 * The day before an activity, each volunteer it took is reminded once: not two days before,
 * not the ones still waiting or turned down, and not twice when the job runs again or two
 * workers run it at the same moment.
 */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('志愿服务 · the roster export and the reminder the day before', () => {
  let s: TestServer;
  let organizer: Staff;
  let orgId: number;

  before(async function () {
    this.timeout(180_000);
    s = await startServer();
    moveTo(s, '2026-12-17', '10:00');
    ({ organizer, orgId } = await organization(s.url));
  });
  after(async () => s.close());

  it('tells each approved volunteer once, the day before, and exports the roster masked', async function () {
    this.timeout(120_000);
    const activityId = await publishedActivity(s.url, organizer, orgId, '2026-12-20', { title: '冬至社区包饺子' });
    const taken = await volunteer(s.url, '冯录用');
    const waiting = await volunteer(s.url, '陈待审');
    for (const v of [taken, waiting])
      await request(s.url).post(`/api/volunteer/activities/${activityId}/signup`).set(v.auth).expect(201);
    const list = await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/signups`)
      .set(organizer.auth)
      .expect(200);
    const takenSignup = list.body.items.find((i: { volunteer: { name: string } }) => i.volunteer.name === '冯**');
    await request(s.url).post(`/api/staff/volunteer/signups/${takenSignup.id}/approve`).set(organizer.auth).expect(200);

    const runJob = async () => {
      await s.app.platform.jobs.enqueue(REMINDER_JOB, {});
      await s.app.platform.jobs.drain(60_000);
    };
    // Two days before: nothing yet.
    moveTo(s, '2026-12-18', '20:00');
    await runJob();
    assert.equal((await reminders(s.url, taken.auth)).length, 0);

    // The day before: the job runs twice, and two workers race at the same moment.
    moveTo(s, '2026-12-19', '08:00');
    await Promise.all([
      runJob(),
      runJob(),
      s.app.modules.volunteer.reminders.remindDayBefore(),
      s.app.modules.volunteer.reminders.remindDayBefore(),
    ]);
    const got = await reminders(s.url, taken.auth);
    assert.equal(got.length, 1, 'one reminder per sign-up');
    assert.match(got[0].body, /冬至社区包饺子/);
    assert.match(got[0].body, /2026\/12\/20 09:00/);
    assert.equal((await reminders(s.url, waiting.auth)).length, 0, 'not approved: no reminder');

    // Later the same day: still one.
    moveTo(s, '2026-12-19', '18:00');
    await runJob();
    assert.equal((await reminders(s.url, taken.auth)).length, 1);

    // The roster: XLSX and CSV, masked, audited; not for another organization's admin.
    const xlsx = await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/signups/export`)
      .set(organizer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    assert.equal(sheet.getRow(1).getCell(1).value, '冬至社区包饺子 报名名单');
    assert.equal(sheet.getRow(2).getCell(3).value, '姓名');
    const lines = [3, 4].map((r) => (sheet.getRow(r).values as unknown[]).slice(1).map(String));
    assert.deepEqual(
      lines.map((l) => [l[1], l[2], l[5]]),
      [
        [taken.number, '冯**', '已录用'],
        [waiting.number, '陈**', '待审核'],
      ],
    );
    const csv = await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/signups/export?format=csv`)
      .set(organizer.auth)
      .expect(200);
    assert.match(csv.headers['content-type'], /text\/csv/);
    assert.ok(csv.text.includes('冯**'));
    for (const idNumber of [taken.idNumber, waiting.idNumber]) {
      assert.ok(!csv.text.includes(idNumber), 'ID numbers masked');
      assert.ok(csv.text.includes(`${idNumber.slice(0, 4)}`), 'masked, with the first digits kept');
    }
    const outsider = await organization(s.url);
    await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/signups/export`)
      .set(outsider.organizer.auth)
      .expect(404);
    await request(s.url)
      .get(`/api/staff/volunteer/activities/${activityId}/signups/export?format=pdf`)
      .set(organizer.auth)
      .expect(400);
  });
});
