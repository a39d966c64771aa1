import assert from 'node:assert/strict';
import { QueryTypes, Sequelize } from 'sequelize';
import { MIGRATIONS } from '../../src/migrations';
import { createMigrator } from '../../src/platform/db/migrate';
import { POSTINGS_TABLE } from '../../src/modules/social-orgs/name-postings';
import { syntheticOrgs } from '../../src/modules/social-orgs/synthetic';
import { gramTokens, normalizeName, postingTokens } from '../../src/platform/search/ngrams';
import { ownMariaDb } from '../../../test/support/db';

/**
 * A register kept under the FULLTEXT index moves to the inverted index when the server is
 * upgraded: every organization already registered is filed under every key of its name, and
 * the FULLTEXT index and its column go.
 */
describe('Upgrading a MariaDB register to the inverted name index', function () {
  this.timeout(120_000);
  let db: Sequelize;

  before(async function () {
    const url = await ownMariaDb('minzheng_so_migrate');
    if (!url) this.skip(); // not a MariaDB run: ownMariaDb said so
    db = new Sequelize(url!, { logging: false, dialect: 'mysql' });
  });
  after(async () => db?.close());

  it('files every organization already registered, and drops the FULLTEXT index and its column', async () => {
    await createMigrator(db, MIGRATIONS).up({ to: '202612080010-org-gram-df-phrases' });
    // The register as the FULLTEXT era wrote it: the tokens column filled.
    const make = syntheticOrgs(77, '2026-11-30');
    const orgs = Array.from({ length: 1200 }, (_, i) => make(43_000_000 + i));
    const cols = [
      'uscc',
      'name',
      'search_name',
      'name_grams',
      'type',
      'authority',
      'authority_level',
      'division_code',
      'legal_rep',
      'registered_at',
      'address',
      'status',
      'credit_status',
      'created_at',
      'updated_at',
    ];
    for (let i = 0; i < orgs.length; i += 400) {
      const values = orgs.slice(i, i + 400).map((o) => {
        const norm = normalizeName(o.name);
        const row = [
          o.uscc,
          o.name,
          norm,
          gramTokens(norm),
          o.type,
          o.authority,
          o.authority_level,
          o.division_code,
          o.legal_rep,
          o.registered_at,
          o.address,
          o.status,
          o.credit_status,
          '2026-11-30 08:00:00',
          '2026-11-30 08:00:00',
        ];
        return `(${row.map((v) => db.escape(v)).join(',')})`;
      });
      await db.query(`INSERT INTO social_orgs (${cols.join(',')}) VALUES ${values.join(',')}`);
    }

    const ran = (await createMigrator(db, MIGRATIONS).up()).map((m) => m.name);
    assert.ok(ran.includes('202612090010-org-name-postings'), ran.join(', '));

    const registered = (await db.query('SELECT id, uscc, search_name FROM social_orgs', {
      type: QueryTypes.SELECT,
    })) as { id: number; uscc: string; search_name: string }[];
    assert.equal(registered.length, orgs.length);
    const want = new Set(
      registered.flatMap((o) => postingTokens(o.search_name).map((t) => `${t} ${o.id} ${o.search_name} ${o.uscc}`)),
    );
    const filed = (await db.query(`SELECT token, org_id, search_name, uscc FROM ${POSTINGS_TABLE}`, {
      type: QueryTypes.SELECT,
    })) as { token: string; org_id: number; search_name: string; uscc: string }[];
    assert.equal(filed.length, want.size);
    for (const r of filed)
      assert.ok(want.has(`${r.token} ${r.org_id} ${r.search_name} ${r.uscc}`), `${r.token} ${r.search_name}`);

    const fulltext = await db.query("SHOW INDEX FROM social_orgs WHERE Index_type = 'FULLTEXT'", {
      type: QueryTypes.SELECT,
    });
    assert.equal(fulltext.length, 0);
    const columns = (await db.query('SHOW COLUMNS FROM social_orgs', { type: QueryTypes.SELECT })) as {
      Field: string;
    }[];
    assert.ok(!columns.some((c) => c.Field === 'name_grams'));
  });
});
