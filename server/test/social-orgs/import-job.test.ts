import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { IMPORT_JOB_ROWS } from '../../src/modules/social-orgs/import-orgs';
import { newUscc, officer } from './helpers';

const HEADER = ['统一社会信用代码', '名称', '类型', '登记管理机关', '区划代码', '法定代表人', '成立登记日期', '住所'];
const rowOf = (tag: string, i: number, over: Partial<Record<'uscc' | 'division', string>> = {}) => [
  over.uscc ?? newUscc(over.division ?? '110105'),
  `北京市朝阳区${tag}第${i}号协会`,
  '社会团体',
  '北京市朝阳区民政局',
  over.division ?? '110105',
  '李明',
  '2018-06-01',
  '北京市朝阳区光华路1号',
];
const csv = (rows: string[][]) => Buffer.from([HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
/** A tag of Chinese characters no other story uses, so counts see only this file's organizations. */
const newTag = () => Array.from(randomBytes(4), (b) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'[b % 22]).join('');

/**
 * A large register import is a job (platform/jobs: BullMQ with Redis, in-process without): the
 * upload answers 202 with the import's id at once, the officer follows its status, progress and
 * bad rows, and the file goes in whole or not at all.
 */
describe('Large register imports run as a job', () => {
  let s: TestServer;
  let beijing: Awaited<ReturnType<typeof officer>>;
  before(async () => {
    s = await startServer();
    beijing = await officer(s.url, ['11']);
  });
  after(async () => s.close());

  const upload = (data: Buffer, auth = beijing.auth) =>
    request(s.url).post('/api/staff/social-orgs/import').set(auth).attach('file', data, 'orgs.csv');
  const statusOf = (id: number, auth = beijing.auth) =>
    request(s.url).get(`/api/staff/social-orgs/imports/${id}`).set(auth);
  const countNamed = async (tag: string) => {
    const [rows] = (await s.app.platform.db.query('SELECT COUNT(*) AS n FROM social_orgs WHERE name LIKE ?', {
      replacements: [`%${tag}第%`],
    })) as [{ n: number | string }[], unknown];
    return Number(rows[0].n);
  };
  /** Follows the import until it ends (each poll is a request the server answers meanwhile). */
  const settled = async (id: number) => {
    const seen = new Set<string>();
    for (let i = 0; i < 1200; i++) {
      const { body } = await statusOf(id).expect(200);
      seen.add(body.import.status);
      if (body.import.status === 'done' || body.import.status === 'failed') return { ...body.import, seen };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`import ${id} did not end`);
  };

  it('queues a file past the threshold (202 with an id), answers other requests, and imports every row', async () => {
    const tag = newTag();
    const rows = Array.from({ length: IMPORT_JOB_ROWS + 100 }, (_, i) => rowOf(tag, i));
    const queued = await upload(csv(rows)).expect(202);
    assert.equal(queued.body.import.status, 'queued');
    assert.equal(queued.body.import.totalRows, rows.length);
    assert.equal(queued.body.import.checkedRows, 0);
    const id = queued.body.import.id as number;

    // The server keeps answering while the job works.
    await request(s.url).get('/healthz').expect(200);
    await request(s.url).get('/api/social-orgs').query({ q: '朝阳区' }).expect(200);

    const done = await settled(id);
    assert.equal(done.status, 'done', JSON.stringify(done));
    assert.equal(done.importedRows, rows.length);
    assert.equal(done.progress, 1);
    assert.deepEqual(done.errors, {});
    assert.equal(await countNamed(tag), rows.length);
    const one = await request(s.url).get(`/api/social-orgs/${rows[7][0]}`).expect(200);
    assert.equal(one.body.org.name, rows[7][1]);

    // Only the officer who imported follows it.
    const other = await officer(s.url, ['11']);
    await statusOf(id, other.auth).expect(404);
    const [audit] = (await s.app.platform.db.query(
      "SELECT detail FROM audit_logs WHERE action = 'social_org.import' AND actor_id = ?",
      { replacements: [String(beijing.staff.id)] },
    )) as [{ detail: string }[], unknown];
    assert.ok(audit.some((a) => String(a.detail).includes(rows[0][0])));
  });

  it('reports each bad row of a large file and writes nothing', async () => {
    const tag = newTag();
    const rows = Array.from({ length: IMPORT_JOB_ROWS + 50 }, (_, i) => rowOf(tag, i));
    rows[9] = rowOf(tag, 9, { uscc: '51110105MJ0000000X' }); // a wrong check character
    rows[349] = rowOf(tag, 349, { division: '440305' }); // outside the officer's region
    rows[420][0] = rows[421][0]; // the same code twice
    const queued = await upload(csv(rows)).expect(202);
    const failed = await settled(queued.body.import.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.importedRows, 0);
    assert.match(failed.message, new RegExp(`共${rows.length}行，其中3行有误，未导入任何数据`));
    assert.ok(failed.errors['rows.11.uscc'], JSON.stringify(failed.errors));
    assert.equal(failed.errors['rows.351.divisionCode'], '该区划不在您的管辖范围内');
    assert.match(failed.errors['rows.423.uscc'], /与第422行的统一社会信用代码重复/);
    assert.equal(Object.keys(failed.errors).length, 3);
    assert.equal(await countNamed(tag), 0, 'nothing was written');
  });

  it('refuses a bad large file in the answer itself, queuing nothing', async () => {
    const tag = newTag();
    const rows = Array.from({ length: IMPORT_JOB_ROWS + 10 }, (_, i) => rowOf(tag, i));
    const headerless = Buffer.from(rows.map((r) => r.join(',')).join('\r\n'));
    const [before] = (await s.app.platform.db.query('SELECT COUNT(*) AS n FROM org_imports')) as [
      { n: number | string }[],
      unknown,
    ];
    const refused = await upload(headerless).expect(400);
    assert.equal(refused.body.error.code, 'IMPORT_HEADER');
    const [after] = (await s.app.platform.db.query('SELECT COUNT(*) AS n FROM org_imports')) as [
      { n: number | string }[],
      unknown,
    ];
    assert.equal(Number(after[0].n), Number(before[0].n));
    assert.equal(await countNamed(tag), 0);
    await request(s.url).get('/api/staff/social-orgs/imports/abc').set(beijing.auth).expect(400);
    await statusOf(99999999).expect(404);
  });
});

describe('With Redis, a worker process runs the import a server process queued', () => {
  let server: TestServer;
  let worker: TestServer;
  before(async function () {
    if (!TEST_REDIS_URL) return this.skip(); // without Redis the one process works its own jobs (above)
    server = await startServer({ RUN_WORKERS: 'false' });
    worker = await startServer(); // works the queue, as `npm run worker` does
  });
  after(async () => {
    await server?.close();
    await worker?.close();
  });

  it('imports through the shared queue', async () => {
    const beijing = await officer(server.url, ['11']);
    const tag = newTag();
    const rows = Array.from({ length: IMPORT_JOB_ROWS + 1 }, (_, i) => rowOf(tag, i));
    const queued = await request(server.url)
      .post('/api/staff/social-orgs/import')
      .set(beijing.auth)
      .attach('file', csv(rows), 'orgs.csv')
      .expect(202);
    let last: { status: string; importedRows: number } = queued.body.import;
    for (let i = 0; i < 1200 && last.status !== 'done' && last.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      last = (
        await request(server.url)
          .get(`/api/staff/social-orgs/imports/${queued.body.import.id}`)
          .set(beijing.auth)
          .expect(200)
      ).body.import;
    }
    assert.equal(last.status, 'done');
    assert.equal(last.importedRows, rows.length);
  });
});
