import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { MAX_IMPORT_ROWS } from '../../src/modules/social-orgs/import-orgs';
import { newUscc, officer } from './helpers';

const HEADER = ['统一社会信用代码', '名称', '类型', '登记管理机关', '区划代码', '法定代表人', '成立登记日期', '住所'];
const row = (i: number) => [
  newUscc('110105'),
  `北京市朝阳区第${i}号测试协会`,
  '社会团体',
  '北京市朝阳区民政局',
  '110105',
  '李明',
  '2018-06-01',
  '北京市朝阳区光华路1号',
];

/**
 * An officer's import is read in one pass and bounded: a table one row past the limit is
 * refused as soon as that row is read, with a message saying what to do, and nothing is written.
 */
describe('Register imports are bounded and refused early', () => {
  let s: TestServer;
  let beijing: Awaited<ReturnType<typeof officer>>;
  before(async () => {
    s = await startServer();
    beijing = await officer(s.url, ['11']);
  });
  after(async () => s.close());

  const importFile = (data: Buffer, filename: string) =>
    request(s.url).post('/api/staff/social-orgs/import').set(beijing.auth).attach('file', data, filename);
  const assertRefused = (res: request.Response) => {
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'IMPORT_TOO_LARGE');
    assert.equal(res.body.error.message, `表格超过${MAX_IMPORT_ROWS}行，请拆分后分批导入`);
  };

  it('refuses an XLSX sheet one row past the limit', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('社会组织');
    sheet.addRow(HEADER);
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) sheet.addRow(row(i));
    assertRefused(await importFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'orgs.xlsx'));
    const { body } = await request(s.url).get('/api/social-orgs').query({ q: '测试协会' }).expect(200);
    assert.equal(body.total, 0, 'nothing was written');
  });

  it('refuses a CSV one row past the limit, and takes one within it', async () => {
    const lines = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => row(i))].map((r) => r.join(','));
    assertRefused(await importFile(Buffer.from(lines.join('\r\n')), 'orgs.csv'));
    const small = [HEADER, row(1), row(2)].map((r) => r.join(',')).join('\r\n');
    const ok = await importFile(Buffer.from(small), 'orgs.csv').expect(200);
    assert.equal(ok.body.imported, 2);
  });
});
