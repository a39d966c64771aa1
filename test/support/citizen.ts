import { randomBytes } from 'node:crypto';
import request from 'supertest';

/** A citizen as the mini-program makes one: a login code from the simulator, then our login. */
export async function loginCitizen(url: string, openid = `o_test_${randomBytes(6).toString('hex')}`) {
  const { body: minted } = await request(url).post('/__wechat__/dev/login-code').send({ openid }).expect(200);
  const { body } = await request(url).post('/api/auth/login').send({ code: minted.code }).expect(200);
  return { openid, token: body.token as string, user: body.user, auth: { Authorization: `Bearer ${body.token}` } };
}

export async function loginStaff(url: string, username: string, password: string) {
  const { body } = await request(url).post('/api/staff/login').send({ username, password }).expect(200);
  return { token: body.token as string, staff: body.staff, auth: { Authorization: `Bearer ${body.token}` } };
}
