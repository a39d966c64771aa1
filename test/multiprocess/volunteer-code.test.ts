/**
 * The on-site code is kept as a hash with its version and expiry in the database, never in a
 * process's memory: the organizer's screen may be served by one server process and the
 * volunteer's scan land on another. Two real server processes share one database and Redis.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../support/citizen';
import { ownDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD, testEnv } from '../support/env';
import { withCheckDigit } from '../../server/test/support/id-numbers';
import { startServerProcess, type ServerProcess } from './support/server-process';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe('志愿服务 · the rotating on-site code across two server processes', function () {
  this.timeout(300_000);
  const servers: ServerProcess[] = [];
  let a: string;
  let b: string;

  before(async () => {
    const env = testEnv({
      REDIS_URL,
      REDIS_PREFIX: `mz:test:volunteer-two:${randomBytes(4).toString('hex')}:`,
      DATABASE_URL: await ownDatabase('volunteer_two'),
      LOG_LEVEL: 'warn',
      SERVE_H5: 'false',
    });
    // One after the other: the first applies the migrations, the second finds them done.
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
    [a, b] = servers.map((s) => s.url);
  });
  after(async () => {
    for (const s of servers) await s.stop();
  });

  it('a code shown by one process signs in on the other; a forged one is refused there too', async () => {
    const admin = await loginStaff(a, 'admin', TEST_ADMIN_PASSWORD);
    const { body: org } = await request(a)
      .post('/api/staff/volunteer/orgs')
      .set(admin.auth)
      .send({ name: '两进程志愿服务队', divisionCode: '110105', contact: '010-65000000' })
      .expect(201);
    const now = Date.now();
    const { body: created } = await request(a)
      .post('/api/staff/volunteer/activities')
      .set(admin.auth)
      .send({
        orgId: org.org.id,
        title: '社区义诊',
        type: 'health',
        divisionCode: '110105001',
        description: '协助医生维持秩序、引导居民',
        insurance: false,
        quota: 5,
        address: '北京市朝阳区某社区卫生服务站',
        lat: 39.9087,
        lng: 116.3975,
        startsAt: new Date(now + 10 * 60_000).toISOString(),
        endsAt: new Date(now + 3 * 3600_000).toISOString(),
        signupDeadline: new Date(now + 5 * 60_000).toISOString(),
      })
      .expect(201);
    const id = created.activity.id;
    await request(a).post(`/api/staff/volunteer/activities/${id}/publish`).set(admin.auth).expect(200);

    const citizen = await loginCitizen(b);
    const idNumber = withCheckDigit(`11010519900101${String(100 + (now % 900)).padStart(3, '0')}`);
    await request(b).put('/api/me/identity').set(citizen.auth).send({ name: '郑两地', idNumber }).expect(200);
    await request(b).post('/api/volunteer/me').set(citizen.auth).send({}).expect(201);
    await request(b).post(`/api/volunteer/activities/${id}/signup`).set(citizen.auth).expect(201);
    const { body: roster } = await request(a)
      .get(`/api/staff/volunteer/activities/${id}/signups`)
      .set(admin.auth)
      .expect(200);
    await request(a)
      .post(`/api/staff/volunteer/signups/${roster.items[0].id}/approve`)
      .set(admin.auth)
      .send({})
      .expect(200);

    const shown = await request(a).get(`/api/staff/volunteer/activities/${id}/code`).set(admin.auth).expect(200);
    const where = { lat: 39.9088, lng: 116.3975, accuracy: 20 };
    const forged = `${shown.body.code.slice(0, -3)}${shown.body.code.endsWith('xyz') ? 'abc' : 'xyz'}`;
    const refused = await request(b)
      .post('/api/volunteer/scan')
      .set(citizen.auth)
      .send({ code: forged, action: 'in', ...where })
      .expect(400);
    assert.equal(refused.body.error.code, 'CODE_INVALID');
    const signedIn = await request(b)
      .post('/api/volunteer/scan')
      .set(citizen.auth)
      .send({ code: shown.body.code, action: 'in', ...where })
      .expect(200);
    assert.equal(signedIn.body.attendance.status, 'signed_in');

    // The next code, shown by the second process, signs out on the first.
    const next = await request(b).get(`/api/staff/volunteer/activities/${id}/code`).set(admin.auth).expect(200);
    assert.ok(next.body.version > shown.body.version);
    const out = await request(a)
      .post('/api/volunteer/scan')
      .set(citizen.auth)
      .send({ code: next.body.code, action: 'out', ...where })
      .expect(200);
    assert.equal(out.body.attendance.status, 'signed_out');
  });
});
