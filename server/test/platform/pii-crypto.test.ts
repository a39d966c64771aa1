import assert from 'node:assert/strict';
import { createPiiCrypto, hashPassword, verifyPassword } from '../../src/platform/crypto';
import { maskPii } from '../../src/platform/logger';

describe('Personal data protection', () => {
  const pii = createPiiCrypto(Buffer.alloc(32, 1));

  it('encrypts with a fresh nonce each time and decrypts back', () => {
    const a = pii.encrypt('11010519491231002X');
    const b = pii.encrypt('11010519491231002X');
    assert.notEqual(a, b);
    assert.equal(pii.decrypt(a), '11010519491231002X');
    assert.equal(a.includes('1949'), false);
  });

  it('detects tampering', () => {
    const c = pii.encrypt('13912345678');
    const raw = Buffer.from(c.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    assert.throws(() => pii.decrypt(`v1:${raw.toString('base64')}`));
  });

  it('hashes deterministically with a key: equal values match, another key does not', () => {
    assert.equal(pii.hash('13912345678'), pii.hash('13912345678'));
    assert.notEqual(pii.hash('13912345678'), createPiiCrypto(Buffer.alloc(32, 2)).hash('13912345678'));
  });

  it('masks ID and phone numbers anywhere in a log line', () => {
    assert.equal(
      maskPii('{"m":"id 11010519491231002X tel 13912345678"}'),
      '{"m":"id 110105********002X tel 139****5678"}',
    );
    assert.equal(maskPii('order 202611290001 ok'), 'order 202611290001 ok');
  });

  it('hashes staff passwords with scrypt and verifies them', async () => {
    const h = await hashPassword('Correct-horse-42');
    assert.match(h, /^scrypt\$32768\$/);
    assert.equal(await verifyPassword('Correct-horse-42', h), true);
    assert.equal(await verifyPassword('wrong', h), false);
  });
});
