import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';

type Auth = Record<string, string>;

const notice = (over: Record<string, unknown> = {}) => ({
  sex: 'female',
  ageMin: 60,
  ageMax: 66,
  accent: '北京口音',
  stationName: '东城区救助管理站',
  stationContact: '010-87654321',
  stationDivisionCode: '110101',
  foundDate: '2026-11-02',
  foundDivisionCode: '110101',
  foundPlace: '东城区天坛东门',
  ...over,
});

describe('救助寻亲: a notice names real divisions within the staff member’s scope, or nothing is published', () => {
  let s: TestServer;
  let station: { auth: Auth };
  // What the station has published and what the audit log holds: a refused notice changes neither.
  // Counted in the table, not from the station's list: that is a page of 20, and other stories
  // in the same database publish in the same region.
  const published = async () => {
    const [rows] = (await s.app.platform.db.query('SELECT COUNT(*) AS n FROM family_search_notices')) as [
      { n: number }[],
      unknown,
    ];
    return Number(rows[0].n);
  };
  const audited = async () => {
    const [rows] = (await s.app.platform.db.query(
      "SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'family_search.publish'",
    )) as [{ n: number }[], unknown];
    return Number(rows[0].n);
  };
  const refused = async (body: Record<string, unknown>, code: string, field: string) => {
    const before = [await published(), await audited()];
    const r = await request(s.url).post('/api/staff/family-search/notices').set(station.auth).send(body).expect(400);
    assert.equal(r.body.error.code, code);
    assert.match(r.body.error.message, /[\u4e00-\u9fa5]/);
    assert.equal(r.body.error.fields?.[field], r.body.error.message);
    assert.deepEqual([await published(), await audited()], before);
    return r.body.error.message as string;
  };

  before(async function () {
    this.timeout(120_000); // a fresh MariaDB schema on a busy machine
    s = await startServer();
    station = await staffAt(s.url, ['1101'], ['station_staff'], '东城救助站赵');
  });
  after(async () => s.close());

  it('refuses a station or found division code that never existed, with the code named', async () => {
    // The divisions module has never heard of either code.
    await request(s.url).get('/api/divisions/110199').expect(404);
    await request(s.url).get('/api/divisions/110101999').expect(404);
    const station = await refused(notice({ stationDivisionCode: '110199' }), 'UNKNOWN_DIVISION', 'stationDivisionCode');
    assert.match(station, /110199 不存在/);
    const found = await refused(notice({ foundDivisionCode: '110101999' }), 'UNKNOWN_DIVISION', 'foundDivisionCode');
    assert.match(found, /110101999 不存在/);
  });

  it('refuses a station or found place outside the staff member’s divisions', async () => {
    const station = await refused(
      notice({ stationDivisionCode: '440305' }),
      'DIVISION_OUT_OF_SCOPE',
      'stationDivisionCode',
    );
    assert.match(station, /不在您的管辖范围内/);
    const found = await refused(
      notice({ foundDivisionCode: '130602', foundPlace: '保定市竞秀区火车站' }),
      'DIVISION_OUT_OF_SCOPE',
      'foundDivisionCode',
    );
    assert.match(found, /发现地点所在地区不在您的管辖范围内/);
  });

  it('publishes with real codes in scope; an abolished found code is kept as today’s division', async () => {
    const before = await published();
    const { body } = await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send(notice({ foundDivisionCode: '110103', foundPlace: '原崇文区天坛东门' }))
      .expect(201);
    // 崇文区 (110103) was merged into today's 东城区 (110101).
    assert.equal(body.foundDivisionCode, '110101');
    assert.equal(await published(), before + 1);
    const page = await request(s.url).get(`/api/family-search/notices/${body.id}`).expect(200);
    assert.equal(page.body.foundDivisionCode, '110101');
  });
});
