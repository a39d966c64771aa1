import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { newUscc, officer, orgBody } from './helpers';

const HEADER = [
  '统一社会信用代码',
  '名称',
  '类型',
  '登记管理机关',
  '登记管理机关级别',
  '区划代码',
  '法定代表人',
  '成立登记日期',
  '注册资金',
  '住所',
  '登记状态',
];
const row = (uscc: string, name: string, division = '110105', type = '社会团体') => [
  uscc,
  name,
  type,
  '北京市朝阳区民政局',
  '县级',
  division,
  '李明',
  '2018-06-01',
  '50000',
  '北京市朝阳区光华路1号',
  '正常',
];
const csv = (rows: string[][]) =>
  Buffer.from(
    `\uFEFF${[HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`,
  );
async function xlsx(rows: (string | Date)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('社会组织');
  ws.addRow(HEADER);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Officers keep the register of their region', () => {
  let s: TestServer;
  let beijing: Awaited<ReturnType<typeof officer>>;
  before(async () => {
    s = await startServer({}, { freshDatabase: true });
    beijing = await officer(s.url, ['11']);
  });
  after(async () => s.close());

  const importFile = (auth: Record<string, string>, data: Buffer, filename: string) =>
    request(s.url).post('/api/staff/social-orgs/import').set(auth).attach('file', data, filename);
  const count = async (q: string) =>
    (await request(s.url).get('/api/social-orgs').query({ q }).expect(200)).body.total as number;

  it('creates and edits organizations in their region, audited, and not elsewhere', async () => {
    const body = orgBody({ name: '北京市朝阳区茶文化研究会' });
    const created = await request(s.url).post('/api/staff/social-orgs').set(beijing.auth).send(body).expect(201);
    assert.equal(created.body.org.typeName, '社会团体');
    assert.deepEqual(created.body.warnings, []);
    const dup = await request(s.url).post('/api/staff/social-orgs').set(beijing.auth).send(body).expect(409);
    assert.equal(dup.body.error.code, 'ORG_EXISTS');
    const elsewhere = await request(s.url)
      .post('/api/staff/social-orgs')
      .set(beijing.auth)
      .send(orgBody({ divisionCode: '440305' }))
      .expect(404);
    assert.equal(elsewhere.body.error.code, 'NOT_FOUND');
    const notCivil = await request(s.url)
      .post('/api/staff/social-orgs')
      .set(beijing.auth)
      .send({ ...orgBody(), uscc: '91110000100000000A'.slice(0, 17) + 'X' })
      .expect(400);
    assert.equal(notCivil.body.error.code, 'INVALID_USCC');
    const wrongType = await request(s.url)
      .post('/api/staff/social-orgs')
      .set(beijing.auth)
      .send({ ...orgBody(), type: 'foundation' })
      .expect(400);
    assert.match(wrongType.body.error.message, /第2位/);

    await request(s.url)
      .patch(`/api/staff/social-orgs/${body.uscc}`)
      .set(beijing.auth)
      .send({ status: 'deregistered', address: '北京市朝阳区光华路9号' })
      .expect(200);
    const profile = await request(s.url).get(`/api/social-orgs/${body.uscc}`).expect(200);
    assert.equal(profile.body.org.statusName, '注销');
    const shenzhen = await officer(s.url, ['44']);
    await request(s.url)
      .patch(`/api/staff/social-orgs/${body.uscc}`)
      .set(shenzhen.auth)
      .send({ name: '改名' })
      .expect(404);
    await request(s.url).patch(`/api/staff/social-orgs/${body.uscc}`).set(beijing.auth).send({}).expect(400);
    const [audits] = await s.app.platform.db.query(
      `SELECT action, detail FROM audit_logs WHERE target_id = '${body.uscc}' ORDER BY id`,
    );
    assert.deepEqual(
      (audits as { action: string }[]).map((a) => a.action),
      ['social_org.create', 'social_org.update'],
    );
    assert.match((audits as { detail: string }[])[1].detail, /deregistered/);
  });

  it('renames an organization: found by its new name, no longer by the old one', async () => {
    const body = orgBody({ name: '北京市朝阳区古琴艺术研究会' });
    await request(s.url).post('/api/staff/social-orgs').set(beijing.auth).send(body).expect(201);
    assert.equal(await count('古琴艺术研究'), 1);
    await request(s.url)
      .patch(`/api/staff/social-orgs/${body.uscc}`)
      .set(beijing.auth)
      .send({ name: '北京市朝阳区昆曲艺术研究会' })
      .expect(200);
    assert.equal(await count('昆曲艺术研究'), 1);
    assert.equal(await count('古琴艺术研究'), 0);
    const [[audit]] = (await s.app.platform.db.query(
      `SELECT detail FROM audit_logs WHERE target_id = '${body.uscc}' AND action = 'social_org.update'`,
    )) as [{ detail: string }[], unknown];
    const changes = (typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail).changes as {
      field: string;
      from: string;
      to: string;
    }[];
    assert.deepEqual(
      changes.find((c) => c.field === 'name'),
      { field: 'name', from: '北京市朝阳区古琴艺术研究会', to: '北京市朝阳区昆曲艺术研究会' },
    );
  });

  it('imports a CSV file whole, or nothing with every bad row named', async () => {
    const a = newUscc('110105');
    const bad = a.slice(0, 17) + (a[17] === '0' ? '1' : '0');
    const rejected = await importFile(
      beijing.auth,
      csv([
        row(a, '北京市朝阳区围棋研究会'),
        row(bad, '北京市朝阳区校验位错误协会'),
        row(a, '北京市朝阳区重复代码协会'),
        row(newUscc('440305'), '深圳市南山区越权协会', '440305'),
        row(newUscc('110105'), '', '110105'),
      ]),
      'orgs.csv',
    ).expect(422);
    assert.equal(rejected.body.error.code, 'IMPORT_FAILED');
    const f = rejected.body.error.fields;
    assert.match(f['rows.3.uscc'], /校验位/);
    assert.match(f['rows.4.uscc'], /第2行/);
    assert.match(f['rows.5.divisionCode'], /管辖范围/);
    assert.ok(f['rows.6.name']);
    assert.equal(await count('围棋研究会'), 0, 'nothing was written');

    const ok = await importFile(
      beijing.auth,
      csv([
        row(a, '北京市朝阳区围棋研究会'),
        row(newUscc('110105', '2'), '北京市朝阳区"阳光"康复中心', '110105', '社会服务机构'),
      ]),
      'orgs.csv',
    ).expect(200);
    assert.equal(ok.body.imported, 2);
    assert.equal(await count('围棋研究会'), 1);
    assert.equal(await count('阳光"康复'), 1);
    const again = await importFile(beijing.auth, csv([row(a, '北京市朝阳区围棋研究会')]), 'orgs.csv').expect(422);
    assert.match(again.body.error.fields['rows.2.uscc'], /已登记/);
  });

  it('imports an XLSX workbook the same way', async () => {
    const file = await xlsx([
      row(newUscc('110105'), '北京市朝阳区剪纸艺术协会'),
      [
        ...row(newUscc('110105', '3'), '北京市朝阳区助学基金会', '110105', '基金会').slice(0, 7),
        new Date('2019-09-09T00:00:00Z'),
        '2000000',
        '北京市朝阳区',
        '正常',
      ],
    ]);
    const ok = await importFile(beijing.auth, file, 'orgs.xlsx').expect(200);
    assert.equal(ok.body.imported, 2);
    const { body } = await request(s.url).get('/api/social-orgs').query({ q: '助学基金会' }).expect(200);
    assert.equal(body.items[0].registeredAt, '2019-09-09');
    assert.equal(body.items[0].typeName, '基金会');
    const broken = await importFile(beijing.auth, await xlsx([row('123', '北京市朝阳区错误协会')]), 'orgs.xlsx').expect(
      422,
    );
    assert.ok(broken.body.error.fields['rows.2.uscc']);
  });

  it('reads a workbook as Excel stores it (sheets before shared strings) without parking it in temp files', async () => {
    // exceljs' one-pass reader parks such sheets in temp files and, under load, lost the workbook
    // part stored last: a good file came back 400. With no usable temp directory, the old reader
    // failed every time; the file must still import.
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/minzheng-no-temp';
    try {
      const file = await xlsx([row(newUscc('110105'), '北京市朝阳区书法协会')]);
      const ok = await importFile(beijing.auth, file, 'orgs.xlsx').expect(200);
      assert.equal(ok.body.imported, 1);
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    assert.equal(await count('书法协会'), 1);
  });

  it('refuses files that are not tables, and people who are not officers', async () => {
    const r1 = await importFile(beijing.auth, Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'x.csv').expect(400);
    assert.equal(r1.body.error.code, 'UNSUPPORTED_FILE');
    const r2 = await importFile(beijing.auth, Buffer.from('a,b\n1,2\n'), 'x.csv').expect(400);
    assert.equal(r2.body.error.code, 'IMPORT_HEADER');
    const r3 = await importFile(
      beijing.auth,
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]),
      'x.xlsx',
    ).expect(400);
    assert.equal(r3.body.error.code, 'UNSUPPORTED_FILE');
    await request(s.url).post('/api/staff/social-orgs/import').set(beijing.auth).send({ rows: [] }).expect(415);
    const citizen = await loginCitizen(s.url);
    await importFile(citizen.auth, csv([]), 'x.csv').expect(401);
    const editor = await officer(s.url, ['11'], ['editor']);
    await importFile(editor.auth, csv([]), 'x.csv').expect(403);
  });

  it('publishes suspected illegal organizations, once per authority', async () => {
    const body = {
      name: '全球华人书画家联合总会',
      authority: '北京市民政局',
      divisionCode: '110000',
      publishedAt: '2025-08-08',
      source: '北京市民政局官网',
    };
    await request(s.url).post('/api/staff/social-orgs/illegal').set(beijing.auth).send(body).expect(201);
    const dup = await request(s.url).post('/api/staff/social-orgs/illegal').set(beijing.auth).send(body).expect(409);
    assert.equal(dup.body.error.code, 'ILLEGAL_ORG_EXISTS');
    await request(s.url)
      .post('/api/staff/social-orgs/illegal')
      .set(beijing.auth)
      .send({ ...body, divisionCode: '440300' })
      .expect(404);
    const { body: list } = await request(s.url).get('/api/social-orgs/illegal').expect(200);
    assert.equal(list.items[0].name, '全球华人书画家联合总会');
    const search = await request(s.url).get('/api/social-orgs').query({ q: '书画家联合' }).expect(200);
    assert.equal(search.body.warning.matches[0].authority, '北京市民政局');
  });
});
