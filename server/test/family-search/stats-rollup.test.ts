import assert from 'node:assert/strict';
import request from 'supertest';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { beijingDateAt } from '../../src/platform/clock';
import type { NoticeRow } from '../../src/modules/family-search/models';
import { staffAt } from '../cases/support';

/**
 * A station's statistics are counted by the database: the same figures as going through every notice
 * of the station (by status, reunions and placements per Beijing month, median days in care overall
 * and by county), for notices closed at any hour of the day (Beijing's midnight is 16:00 UTC).
 */
describe('救助寻亲 statistics: counted in SQL, the same as a scan over every notice', () => {
  let s: TestServer;
  let station: { auth: Record<string, string> };

  before(async function () {
    this.timeout(120_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('family_search_stats') });
    station = await staffAt(s.url, ['1101'], ['station_staff'], '统计员');
    let x = 5;
    const rand = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 16) % n;
    };
    const rows = Array.from({ length: 1500 }, () => {
      const found = Date.parse('2025-01-01T00:00:00Z') + rand(600) * 86_400_000;
      const code = ['110105', '110108', '110101', '310101'][rand(4)];
      // Closed 0–200 days later at any minute (some a day "before" the find, as a wrong entry would be).
      const closed = found + (rand(200) - 1) * 86_400_000 + rand(1440) * 60_000;
      return {
        station_division_code: code,
        station_name: '合成救助站',
        station_contact: '010-00000000',
        sex: 'male',
        age_min: 30,
        age_max: 35,
        found_date: new Date(found).toISOString().slice(0, 10),
        found_division_code: rand(5) ? code : '110114',
        found_place: '合成地点',
        has_photo: false,
        status: ['open', 'lead', 'verified', 'reunited', 'reunited', 'placed'][rand(6)],
        created_by: 0,
        created_at: new Date(found),
        updated_at: new Date(closed),
      };
    });
    await s.app.modules.familySearch.models.Notice.bulkCreate(rows as never[]);
  });
  after(async () => s?.close());

  /** The statistics as a scan over every notice computes them. */
  function scan(rows: NoticeRow[]) {
    const median = (xs: number[]) => {
      if (!xs.length) return null;
      const v = [...xs].sort((a, b) => a - b);
      const mid = v.length >> 1;
      return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    };
    const byStatus: Record<string, number> = { open: 0, lead: 0, verified: 0, reunited: 0, placed: 0 };
    const months = new Map<string, { reunited: number; placed: number }>();
    const regions = new Map<string, { total: number; reunited: number; days: number[] }>();
    const days: number[] = [];
    for (const r of rows) {
      byStatus[r.status]++;
      const reg = regions.get(r.found_division_code.slice(0, 6)) ?? { total: 0, reunited: 0, days: [] };
      reg.total++;
      regions.set(r.found_division_code.slice(0, 6), reg);
      if (r.status !== 'reunited' && r.status !== 'placed') continue;
      const closed = beijingDateAt(new Date(r.updated_at).getTime());
      const mo = months.get(closed.slice(0, 7)) ?? { reunited: 0, placed: 0 };
      mo[r.status]++;
      months.set(closed.slice(0, 7), mo);
      if (r.status !== 'reunited') continue;
      const d = Math.max(0, Math.round((Date.parse(closed) - Date.parse(r.found_date)) / 86_400_000));
      days.push(d);
      reg.reunited++;
      reg.days.push(d);
    }
    return {
      total: rows.length,
      byStatus,
      byMonth: [...months.entries()].sort().map(([month, c]) => ({ month, ...c })),
      medianDaysToReunion: median(days),
      byRegion: [...regions.entries()]
        .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
        .map(([divisionCode, r]) => ({
          divisionCode,
          total: r.total,
          reunited: r.reunited,
          medianDaysToReunion: median(r.days),
        })),
    };
  }

  for (const [from, to] of [
    ['2025-01-01', '2026-12-31'],
    ['2025-03-10', '2025-09-30'],
    ['2025-06-01', '2025-06-01'],
  ]) {
    it(`${from} to ${to}: by status, per month, medians overall and by county`, async () => {
      const { Notice } = s.app.modules.familySearch.models;
      const mine = ((await Notice.findAll({ raw: true })) as NoticeRow[]).filter(
        (r) => r.station_division_code.startsWith('1101') && r.found_date >= from && r.found_date <= to,
      );
      const { body } = await request(s.url)
        .get('/api/staff/family-search/stats')
        .query({ from, to })
        .set(station.auth)
        .expect(200);
      const want = scan(mine);
      assert.ok(want.total > 0 || from === to);
      assert.equal(body.total, want.total);
      assert.deepEqual(
        Object.fromEntries(body.byStatus.map((b: { status: string; count: number }) => [b.status, b.count])),
        want.byStatus,
      );
      assert.deepEqual(body.byMonth, want.byMonth);
      assert.equal(body.medianDaysToReunion, want.medianDaysToReunion);
      assert.deepEqual(body.byRegion, want.byRegion);
    });
  }
});
