import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import type { TestServer } from '../../../test/support/server';
import { beijingInstant } from '../../src/platform/clock';

let seq = 0;

/** A staff account with `roles` acting at the divisions `prefixes` (9 digits 乡镇, 6 县), logged in. */
export async function staffAt(url: string, prefixes: string[], roles = ['assistance_officer'], displayName = '王芳') {
  const adminAuth = (await loginStaff(url, 'admin', TEST_ADMIN_PASSWORD)).auth;
  seq++;
  const username = `case.t${seq}.${process.pid}.${Math.floor(Math.random() * 1e6)}`;
  const password = 'Case-staff-pass-1';
  const { body } = await request(url)
    .post('/api/staff/accounts')
    .set(adminAuth)
    .send({ username, displayName, password, roles, scope: { divisions: prefixes, halls: [] } })
    .expect(201);
  const session = await loginStaff(url, username, password);
  return { id: body.staff?.id ?? body.id, auth: session.auth, username };
}

/** Moves the server's clock to a Beijing wall-clock time (forward or back). */
export function setBeijingTime(s: TestServer, date: string, hhmm = '09:00') {
  const clock = s.app.platform.clock;
  clock.advance(beijingInstant(date, hhmm).getTime() - clock.now());
}

/** Runs the daily clock as its job does and waits for it. */
export async function runCaseClock(s: TestServer) {
  await s.app.platform.jobs.enqueue('cases.daily-clock', {});
  await s.app.platform.jobs.drain();
}
