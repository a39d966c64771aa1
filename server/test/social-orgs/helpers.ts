import { randomInt } from 'node:crypto';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { makeUscc } from '../../src/modules/social-orgs/uscc';

export const RED_CROSS = '53100000500019795A'; // 中国红十字基金会, registered by the Ministry

let serial = 0;
/** A fresh, valid credit code of a social organization registered in `division`. */
export function newUscc(division = '110105', typeDigit = '1'): string {
  serial++;
  return makeUscc(typeDigit, division, `${String(randomInt(1000, 9999))}${String(serial % 10000).padStart(4, '0')}`);
}

const TAG_CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
/** A name no other test uses, so stories sharing a database do not find each other's orgs. */
export const uniqueName = () =>
  `北京市朝阳区${Array.from({ length: 5 }, () => TAG_CHARS[randomInt(TAG_CHARS.length)]).join('')}联谊会`;

export function orgBody(overrides: Record<string, unknown> = {}) {
  const divisionCode = (overrides.divisionCode as string) ?? '110105';
  const type = (overrides.type as string) ?? 'social_group';
  const digit = { social_group: '1', social_service: '2', foundation: '3' }[type]!;
  return {
    uscc: newUscc(divisionCode, digit),
    name: uniqueName(),
    type,
    authority: '北京市朝阳区民政局',
    authorityLevel: 'county',
    divisionCode,
    supervisor: '北京市朝阳区文化和旅游局',
    legalRepresentative: '王建国',
    registeredAt: '2015-03-18',
    registeredCapital: 30000,
    address: '北京市朝阳区建国路88号',
    businessScope: '书法交流、展览、培训',
    certificate: { validFrom: '2020-03-18', validTo: '2030-03-17' },
    ...overrides,
  };
}

export async function adminOf(url: string) {
  return loginStaff(url, 'admin', TEST_ADMIN_PASSWORD);
}

/** An org_officer whose scope is the given division prefixes. */
export async function officer(url: string, divisions: string[], roles = ['org_officer']) {
  const admin = await adminOf(url);
  const username = `org${Date.now().toString(36)}${randomInt(1e6)}`;
  const password = 'Officer-pass-2026';
  await request(url)
    .post('/api/staff/accounts')
    .set(admin.auth)
    .send({ username, displayName: '登记管理员', password, roles, scope: { divisions, halls: [] } })
    .expect(201);
  return loginStaff(url, username, password);
}

export async function createOrg(url: string, auth: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const body = orgBody(overrides);
  const res = await request(url).post('/api/staff/social-orgs').set(auth).send(body);
  if (res.status !== 201) throw new Error(`create org failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...body, uscc: res.body.org.uscc as string };
}

export const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86400_000).toISOString().slice(0, 10);

/** A real 1×1 PNG, and bytes that only claim to be one. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
