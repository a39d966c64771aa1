import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { MAX_ERROR_FIELDS } from '../../src/platform/validation';

/**
 * A validation error names what is wrong, but never repeats a flood of input back: a body
 * of ~250 KB of unknown keys once came back as 458 KB. Whatever is sent, the answer is small.
 */
describe('Validation errors repeat a bounded amount of the input', () => {
  let s: TestServer;
  let citizen: Awaited<ReturnType<typeof loginCitizen>>;
  before(async () => {
    s = await startServer();
    citizen = await loginCitizen(s.url);
  });
  after(async () => s.close());

  it('names a few unknown keys and how many there were, not all 8,000 of them', async () => {
    const flood: Record<string, boolean> = {};
    for (let i = 0; i < 8_000; i++) flood[`unknown_preference_${i}`] = true;
    const body = JSON.stringify(flood);
    assert.ok(body.length > 240_000);
    const res = await request(s.url)
      .put('/api/messages/preferences')
      .set(citizen.auth)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
    assert.ok(res.text.length < 2_000, `answer of ${res.text.length} bytes`);
    assert.match(res.body.error.message, /不支持的字段：“unknown_preference_0”/);
    assert.match(res.body.error.message, /等共 8000 个/);
  });

  it('names at most MAX_ERROR_FIELDS fields, with long keys cut short', async () => {
    const results: Record<string, string> = {};
    for (let i = 0; i < 3_000; i++) results[`${'t'.repeat(60)}_${i}`] = 'maybe';
    const res = await request(s.url).post('/api/messages/consents').set(citizen.auth).send({ results }).expect(400);
    const fields = Object.keys(res.body.error.fields);
    assert.ok(fields.length <= MAX_ERROR_FIELDS, `${fields.length} fields`);
    assert.ok(fields.length >= 2);
    for (const key of fields) assert.ok(key.length <= 64, key);
    assert.ok(res.text.length < 8_000, `answer of ${res.text.length} bytes`);
    // and a body that is fine still goes through
    await request(s.url).put('/api/messages/preferences').set(citizen.auth).send({}).expect(200);
  });
});
