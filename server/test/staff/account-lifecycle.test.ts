import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { withCheckDigit } from '../support/id-numbers';
import { startServer, type TestServer } from '../../../test/support/server';

const PASSWORD = 'Correct-horse-42';
let serial = 0;
const uniqueName = (prefix: string) => `${prefix}.${process.pid}.${++serial}`;
/**
 * A number of 110105 nobody binds (this file shares the suite's database with the identity
 * stories, which bind the standard's example 11010519491231002X): its look-up answers 404.
 */
const UNBOUND_ID = withCheckDigit(`11010519500101${String(process.pid % 1000).padStart(3, '0')}`);

describe('Staff accounts through their life: sign-out, revocation, one-time passwords, admin edits', () => {
  let s: TestServer;
  let admin: Awaited<ReturnType<typeof loginStaff>>;
  before(async () => {
    s = await startServer();
    admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
  });
  after(async () => s.close());

  async function newStaff(roles: string[], divisions: string[], password: string | null = PASSWORD) {
    const username = uniqueName(roles[0].replace('_', ''));
    const r = await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username,
        displayName: '测试人员',
        ...(password ? { password } : {}),
        roles,
        scope: { divisions, halls: [] },
      })
      .expect(201);
    return { username, id: r.body.staff.id as number, body: r.body };
  }

  async function auditRows(action: string, targetId: number) {
    const [rows] = (await s.app.platform.db.query(
      'SELECT actor_type, actor_id, ip, request_id, detail FROM audit_logs WHERE action = ? AND target_id = ? ORDER BY id',
      { replacements: [action, String(targetId)] },
    )) as [
      { actor_type: string; actor_id: string; ip: string | null; request_id: string | null; detail: string }[],
      unknown,
    ];
    return rows;
  }

  it('signs a citizen out: the same token answers 401 at once', async () => {
    const c = await loginCitizen(s.url);
    await request(s.url).get('/api/me').set(c.auth).expect(200);
    await request(s.url).post('/api/auth/logout').set(c.auth).expect(204);
    const after = await request(s.url).get('/api/me').set(c.auth).expect(401);
    assert.equal(after.body.error.code, 'UNAUTHENTICATED');
  });

  it('signs a staff member out: the same token answers 401 at once, and it is audited', async () => {
    const { id, username } = await newStaff(['editor'], ['']);
    const me = await loginStaff(s.url, username, PASSWORD);
    await request(s.url).get('/api/staff/me').set(me.auth).expect(200);
    await request(s.url).post('/api/staff/logout').set(me.auth).expect(204);
    await request(s.url).get('/api/staff/me').set(me.auth).expect(401);
    const [rows] = (await s.app.platform.db.query(
      "SELECT actor_id FROM audit_logs WHERE action = 'staff.logout' AND actor_id = ?",
      { replacements: [String(id)] },
    )) as [unknown[], unknown];
    assert.equal(rows.length, 1);
  });

  it('ends a disabled account’s live session on its next request, and lets it back in once enabled', async () => {
    const { id, username } = await newStaff(['hall_staff'], ['110105']);
    const clerk = await loginStaff(s.url, username, PASSWORD);
    const lookup = () => request(s.url).get('/api/staff/citizens').query({ idNumber: UNBOUND_ID }).set(clerk.auth);
    assert.equal((await lookup()).status, 404); // working: nobody bound that number here yet

    const disabled = await request(s.url).post(`/api/staff/accounts/${id}/disable`).set(admin.auth).expect(200);
    assert.equal(disabled.body.staff.disabled, true);
    const refused = await lookup().expect(401);
    assert.equal(refused.body.error.code, 'ACCOUNT_DISABLED');
    const login = await request(s.url).post('/api/staff/login').send({ username, password: PASSWORD }).expect(401);
    assert.equal(login.body.error.message, '用户名或密码错误');

    await request(s.url).post(`/api/staff/accounts/${id}/enable`).set(admin.auth).expect(200);
    await lookup().expect(401); // the old session stays ended
    const again = await loginStaff(s.url, username, PASSWORD);
    await request(s.url).get('/api/staff/citizens').query({ idNumber: UNBOUND_ID }).set(again.auth).expect(404);
    assert.equal((await auditRows('staff.disable', id)).length, 1);
    assert.equal((await auditRows('staff.enable', id)).length, 1);
  });

  it('ends the sessions of an account whose roles change; the new roles hold from the next sign-in', async () => {
    const { id, username } = await newStaff(['editor', 'approver'], ['']);
    const before = await loginStaff(s.url, username, PASSWORD);
    await request(s.url).get('/api/staff/me').set(before.auth).expect(200);

    const r = await request(s.url)
      .patch(`/api/staff/accounts/${id}`)
      .set(admin.auth)
      .send({ roles: ['editor'] })
      .expect(200);
    assert.deepEqual(r.body.staff.roles, ['editor']);
    assert.deepEqual(r.body.staff.scope, { divisions: [''], halls: [] }); // untouched by the PATCH
    const revoked = await request(s.url).get('/api/staff/me').set(before.auth).expect(401);
    assert.equal(revoked.body.error.code, 'SESSION_REVOKED');

    const after = await loginStaff(s.url, username, PASSWORD);
    assert.deepEqual(after.staff.roles, ['editor']);
    const rows = await auditRows('staff.update', id);
    assert.equal(rows.length, 1);
    assert.deepEqual(JSON.parse(rows[0].detail).before.roles, ['editor', 'approver']);
    assert.equal(rows[0].actor_id, String(admin.staff.id));
    assert.ok(rows[0].ip, 'the audit row names the address');
    assert.ok(rows[0].request_id, 'the audit row names the request');
  });

  it('narrows a clerk’s scope: the next request is refused, and the records of the old scope are out of reach', async () => {
    const { id, username } = await newStaff(['hall_staff'], ['110105']);
    const clerk = await loginStaff(s.url, username, PASSWORD);
    await request(s.url)
      .patch(`/api/staff/accounts/${id}`)
      .set(admin.auth)
      .send({ scope: { divisions: ['110108'] } })
      .expect(200);
    await request(s.url).get('/api/staff/me').set(clerk.auth).expect(401);
    const again = await loginStaff(s.url, username, PASSWORD);
    assert.deepEqual(again.staff.scope.divisions, ['110108']);
  });

  it('renames without ending sessions or touching roles and scope', async () => {
    const { id, username } = await newStaff(['editor'], ['11']);
    const me = await loginStaff(s.url, username, PASSWORD);
    const r = await request(s.url)
      .patch(`/api/staff/accounts/${id}`)
      .set(admin.auth)
      .send({ displayName: '新名字' })
      .expect(200);
    assert.equal(r.body.staff.displayName, '新名字');
    assert.deepEqual(r.body.staff.roles, ['editor']);
    assert.deepEqual(r.body.staff.scope.divisions, ['11']);
    const mine = await request(s.url).get('/api/staff/me').set(me.auth).expect(200);
    assert.equal(mine.body.staff.displayName, '新名字');
    const empty = await request(s.url).patch(`/api/staff/accounts/${id}`).set(admin.auth).send({}).expect(400);
    assert.equal(empty.body.error.code, 'VALIDATION_FAILED');
  });

  it('gives an account created without a password a one-time one that must be changed before anything else', async () => {
    const { username, body } = await newStaff(['admin'], [''], null);
    assert.match(body.oneTimePassword, /^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    assert.equal(body.staff.mustChangePassword, true);

    const login = await request(s.url)
      .post('/api/staff/login')
      .send({ username, password: body.oneTimePassword })
      .expect(200);
    assert.equal(login.body.mustChangePassword, true);
    const auth = { Authorization: `Bearer ${login.body.token}` };
    const me = await request(s.url).get('/api/staff/me').set(auth).expect(200);
    assert.equal(me.body.staff.mustChangePassword, true);
    const blocked = await request(s.url).get('/api/staff/accounts').set(auth).expect(403);
    assert.equal(blocked.body.error.code, 'PASSWORD_CHANGE_REQUIRED');
    assert.match(blocked.body.error.message, /修改/);

    const wrongOld = await request(s.url)
      .post('/api/staff/me/password')
      .set(auth)
      .send({ oldPassword: 'not-the-password-1', newPassword: 'Brand-new-pass-77' })
      .expect(400);
    assert.equal(wrongOld.body.error.code, 'WRONG_PASSWORD');
    const weak = await request(s.url)
      .post('/api/staff/me/password')
      .set(auth)
      .send({ oldPassword: body.oneTimePassword, newPassword: 'short1' })
      .expect(400);
    assert.match(weak.body.error.fields.newPassword, /至少12位/);
    const letters = await request(s.url)
      .post('/api/staff/me/password')
      .set(auth)
      .send({ oldPassword: body.oneTimePassword, newPassword: 'onlyletterslong' })
      .expect(400);
    assert.match(letters.body.error.fields.newPassword, /字母和数字/);
    const withName = await request(s.url)
      .post('/api/staff/me/password')
      .set(auth)
      .send({ oldPassword: body.oneTimePassword, newPassword: `${username}-2026` })
      .expect(400);
    assert.match(withName.body.error.fields.newPassword, /用户名/);
    await request(s.url).get('/api/staff/accounts').set(auth).expect(403); // nothing changed yet

    const changed = await request(s.url)
      .post('/api/staff/me/password')
      .set(auth)
      .send({ oldPassword: body.oneTimePassword, newPassword: 'Brand-new-pass-77' })
      .expect(200);
    assert.equal(changed.body.staff.mustChangePassword, false);
    await request(s.url).get('/api/staff/me').set(auth).expect(401); // the old session ended with the old password
    const fresh = { Authorization: `Bearer ${changed.body.token}` };
    await request(s.url).get('/api/staff/accounts').set(fresh).expect(200);
    await request(s.url).post('/api/staff/login').send({ username, password: body.oneTimePassword }).expect(401);
    await loginStaff(s.url, username, 'Brand-new-pass-77');
    assert.equal((await auditRows('staff.password_changed', changed.body.staff.id)).length, 1);
  });

  it('resets a forgotten password to a one-time one: old sessions end, the lock lifts, the change is required', async () => {
    const { id, username } = await newStaff(['org_officer'], ['11']);
    const old = await loginStaff(s.url, username, PASSWORD);
    for (let i = 0; i < 5; i++)
      await request(s.url)
        .post('/api/staff/login')
        .send({ username, password: `wrong-${i}` });
    await request(s.url).post('/api/staff/login').send({ username, password: PASSWORD }).expect(423);
    const listed = await request(s.url).get('/api/staff/accounts').set(admin.auth).expect(200);
    assert.equal(listed.body.items.find((x: { id: number }) => x.id === id).locked, true);

    const reset = await request(s.url).post(`/api/staff/accounts/${id}/reset-password`).set(admin.auth).expect(200);
    assert.equal(reset.body.staff.mustChangePassword, true);
    assert.equal(reset.body.staff.locked, false);
    await request(s.url).get('/api/staff/me').set(old.auth).expect(401);
    await request(s.url).post('/api/staff/login').send({ username, password: PASSWORD }).expect(401);
    const login = await request(s.url)
      .post('/api/staff/login')
      .send({ username, password: reset.body.oneTimePassword })
      .expect(200);
    assert.equal(login.body.mustChangePassword, true);
    assert.equal((await auditRows('staff.reset_password', id)).length, 1);
  });

  it('keeps at least one enabled admin; nobody disables themselves or resets their own password', async () => {
    const self = await request(s.url).post(`/api/staff/accounts/${admin.staff.id}/disable`).set(admin.auth).expect(409);
    assert.equal(self.body.error.code, 'CANNOT_DISABLE_SELF');
    const reset = await request(s.url)
      .post(`/api/staff/accounts/${admin.staff.id}/reset-password`)
      .set(admin.auth)
      .expect(409);
    assert.equal(reset.body.error.code, 'CANNOT_RESET_OWN_PASSWORD');
    // Every other admin the stories made is disabled first, so this one is the last.
    const { body } = await request(s.url).get('/api/staff/accounts').set(admin.auth).expect(200);
    for (const other of body.items as { id: number; roles: string[]; disabled: boolean }[]) {
      if (other.id !== admin.staff.id && other.roles.includes('admin') && !other.disabled)
        await request(s.url).post(`/api/staff/accounts/${other.id}/disable`).set(admin.auth).expect(200);
    }
    const last = await request(s.url)
      .patch(`/api/staff/accounts/${admin.staff.id}`)
      .set(admin.auth)
      .send({ roles: ['editor'] })
      .expect(409);
    assert.equal(last.body.error.code, 'LAST_ADMIN');
    await request(s.url).get('/api/staff/accounts').set(admin.auth).expect(200); // still an admin, still signed in
  });

  it('lets only an admin manage accounts, and answers 404 for an account that does not exist', async () => {
    const { username } = await newStaff(['editor'], ['']);
    const editor = await loginStaff(s.url, username, PASSWORD);
    await request(s.url).post(`/api/staff/accounts/${admin.staff.id}/reset-password`).set(editor.auth).expect(403);
    await request(s.url)
      .patch(`/api/staff/accounts/${admin.staff.id}`)
      .set(editor.auth)
      .send({ roles: ['editor'] })
      .expect(403);
    const missing = await request(s.url).post('/api/staff/accounts/999999/disable').set(admin.auth).expect(404);
    assert.equal(missing.body.error.code, 'NOT_FOUND');
    const badRole = await request(s.url)
      .patch(`/api/staff/accounts/${admin.staff.id}`)
      .set(admin.auth)
      .send({ roles: ['root'] })
      .expect(400);
    assert.ok(badRole.body.error.fields['roles.0']);
  });
});
