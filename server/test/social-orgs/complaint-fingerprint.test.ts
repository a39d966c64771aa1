import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { createPiiCrypto } from '../../src/platform/crypto';
import { keyedFingerprint } from '../../src/modules/social-orgs/complaints/fingerprint';
import { up as rekeyFingerprints } from '../../src/modules/social-orgs/migrations/202612120020-keyed-complaint-fingerprints';
import { complaintBody } from '../../src/modules/social-orgs/schemas';
import { createOrg, officer } from './helpers';

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('A complaint’s fingerprint gives away nothing of its contact', () => {
  let s: TestServer;
  let org: { uscc: string };
  before(async () => {
    s = await startServer();
    org = await createOrg(s.url, (await officer(s.url, ['11'])).auth, { name: '北京市朝阳区书法爱好者协会' });
  });
  after(async () => s.close());

  const fingerprintOf = async (trackingNo: string) => {
    const [rows] = (await s.app.platform.db.query('SELECT fingerprint FROM org_complaints WHERE tracking_no = ?', {
      replacements: [trackingNo],
    })) as [{ fingerprint: string }[], unknown];
    return rows[0].fingerprint;
  };

  it('stores a keyed hash: the text (name and phone included) does not give it back without the key', async () => {
    const c = await loginCitizen(s.url);
    const body = {
      target: { uscc: org.uscc },
      category: 'fees',
      content: '该协会收取培训费每人800元，未开具任何票据。',
      contact: { name: '李女士', phone: '13812345678' },
      idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}`,
    };
    const { body: sent } = await request(s.url).post('/api/social-orgs/complaints').set(c.auth).send(body).expect(201);
    const stored = await fingerprintOf(sent.complaint.trackingNo);

    // Everything an attacker could guess — the text as the server read it, down to the phone — and
    // its SHA-256 is not what is stored; only the server's key turns the guess into the stored value.
    const { idempotencyKey: _key, ...content } = complaintBody.parse(body);
    assert.notEqual(stored, sha256(content));
    assert.notEqual(stored, createHash('sha256').update(JSON.stringify(body)).digest('hex'));
    assert.equal(stored, keyedFingerprint(s.app.platform.pii, sha256(content)));
    const otherKey = createPiiCrypto(Buffer.alloc(32, 7));
    assert.notEqual(stored, keyedFingerprint(otherKey, sha256(content)));

    // The idempotency key still works with it: the same tap again is the same complaint.
    const again = await request(s.url).post('/api/social-orgs/complaints').set(c.auth).send(body).expect(200);
    assert.equal(again.body.complaint.trackingNo, sent.complaint.trackingNo);
  });

  it('re-keys the fingerprints stored before (the migration), which keep working for a repeated tap', async () => {
    const c = await loginCitizen(s.url);
    const body = {
      target: { uscc: org.uscc },
      category: 'fees',
      content: '该协会以会员年检为名收取每人300元，无收据。',
      contact: { name: '王先生', phone: '13700007777' },
      idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}`,
    };
    const { body: sent } = await request(s.url).post('/api/social-orgs/complaints').set(c.auth).send(body).expect(201);
    const trackingNo = sent.complaint.trackingNo;
    // A row as the old code wrote it: the bare SHA-256 of the text.
    const { idempotencyKey: _key, ...content } = complaintBody.parse(body);
    await s.app.platform.db.query('UPDATE org_complaints SET fingerprint = ? WHERE tracking_no = ?', {
      replacements: [sha256(content), trackingNo],
    });

    // The migration rewrites every row; other suites' rows sharing this database get theirs back.
    const [before] = (await s.app.platform.db.query(
      'SELECT id, fingerprint FROM org_complaints WHERE tracking_no <> ?',
      { replacements: [trackingNo] },
    )) as [{ id: number; fingerprint: string }[], unknown];
    await rekeyFingerprints({
      context: s.app.platform.db.getQueryInterface(),
      db: s.app.platform.db,
      keys: { pii: s.app.platform.pii },
    });
    for (const row of before)
      await s.app.platform.db.query('UPDATE org_complaints SET fingerprint = ? WHERE id = ?', {
        replacements: [row.fingerprint, row.id],
      });
    const [left] = (await s.app.platform.db.query('SELECT id FROM org_complaints WHERE fingerprint = ?', {
      replacements: [sha256(content)],
    })) as [unknown[], unknown];
    assert.equal(left.length, 0, 'no bare digest is left');
    assert.equal(await fingerprintOf(trackingNo), keyedFingerprint(s.app.platform.pii, sha256(content)));
    const again = await request(s.url).post('/api/social-orgs/complaints').set(c.auth).send(body).expect(200);
    assert.equal(again.body.complaint.trackingNo, trackingNo);
    assert.equal(again.body.replayed, true);
  });
});
