import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEV_SECRETS, loadConfig } from '../../../config';

describe('Configuration', () => {
  it('defaults to the embedded mode: SQLite file, in-process cache, the simulator', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.database.dialect, 'sqlite');
    assert.match(c.database.storage!, /data\/minzheng\.sqlite$/);
    assert.equal(c.redis.url, undefined);
    assert.equal(c.wechat.embeddedSimulator, true);
  });

  it('reads MySQL and Redis from the environment', () => {
    const c = loadConfig({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
    });
    assert.equal(c.database.dialect, 'mysql');
    assert.equal(c.redis.url, 'redis://127.0.0.1:6379');
  });

  it('names the variable in one line when a value is bad', () => {
    for (const [name, value] of [
      ['PORT', 'abc'],
      ['DATABASE_URL', 'postgres://x'],
      ['WX_MP_AES_KEY', 'short'],
      ['PII_KEY', 'bm90MzJieXRlcw=='],
      ['HOTLINES', '44:12349'],
    ]) {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (e: Error) => e.message.startsWith(`Invalid configuration: ${name} `) && !e.message.includes('\n'),
      );
    }
  });

  it('refuses production on development secrets or on the simulator', () => {
    const prod = {
      NODE_ENV: 'production',
      WX_MINI_SECRET: 'a-real-mini-secret-value',
      WX_MP_SECRET: 'a-real-mp-secret-value-x',
      WX_MP_TOKEN: 'realtoken',
      WX_MP_AES_KEY: 'Zyxwvutsrqponmlkjihgfedcba9876543210ABCDEFG',
      SESSION_SECRET: 'x'.repeat(40),
      PII_KEY: Buffer.alloc(32, 7).toString('base64'),
      VOLUNTEER_CERT_KEY: Buffer.alloc(32, 9).toString('base64'),
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
      IDENTITY_VERIFY_URL: 'https://idv.example.gov.cn',
    };
    assert.equal(loadConfig(prod).production, true);
    assert.throws(() => loadConfig({ ...prod, PII_KEY: DEV_SECRETS.PII_KEY }), /PII_KEY is the development default/);
    // Certificates signed with the published development key would prove nothing.
    assert.throws(
      () => loadConfig({ ...prod, VOLUNTEER_CERT_KEY: undefined }),
      /VOLUNTEER_CERT_KEY is the development default/,
    );
    // Plain and compatible pushes are for test accounts and switching; production takes safe-mode pushes only.
    assert.equal(loadConfig(prod).wechat.mp.pushMode, 'safe');
    for (const mode of ['plain', 'compatible'])
      assert.throws(
        () => loadConfig({ ...prod, WX_MP_PUSH_MODE: mode }),
        (e: Error) => e.message.startsWith('Invalid configuration: WX_MP_PUSH_MODE ') && !e.message.includes('\n'),
      );
    assert.throws(() => loadConfig({ ...prod, WECHAT_API_BASE: undefined }), /WECHAT_API_BASE/);
    // A test's moved clock never reaches production, whatever the offset.
    for (const offset of ['86400000', '0', '-1'])
      assert.throws(() => loadConfig({ ...prod, CLOCK_OFFSET_MS: offset }), /CLOCK_OFFSET_MS is for tests/);
    assert.throws(
      () => loadConfig({ ...prod, WECHAT_API_BASE: 'http://127.0.0.1:3000/__wechat__' }),
      /WECHAT_API_BASE/,
    );
  });

  it('stops the process with one clear line on a bad value', () => {
    const main = path.resolve(__dirname, '../../src/main.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, PORT: 'not-a-port' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr.trim(), /^Invalid configuration: PORT /);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
