// Shared by the halls, bookings and queue stories: a hall as an admin sets it up, its staff,
// and citizens who have bound their real names.
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';

export const MARRIAGE = 'MZ-HY-01';
export const DIVORCE = 'MZ-HY-02';
export const REISSUE = 'MZ-HY-03';
export const DIBAO = 'MZ-JZ-01';

export const admin = (url: string) => loginStaff(url, 'admin', TEST_ADMIN_PASSWORD);

let seq = 0;
export async function createHall(
  url: string,
  auth: Record<string, string>,
  over: Record<string, unknown> = {},
  windows?: unknown[],
) {
  seq++;
  const { body } = await request(url)
    .post('/api/staff/halls')
    .set(auth)
    .send({
      name: `测试婚姻登记处${seq}`,
      divisionCode: '110105',
      address: '北京市朝阳区测试路1号',
      latitude: 39.92 + seq / 1000,
      longitude: 116.44,
      phone: '010-12345678',
      hours: [
        ['09:00', '12:00'],
        ['13:30', '17:00'],
      ],
      ...over,
    })
    .expect(201);
  const id = body.hall.id as number;
  await request(url)
    .put(`/api/staff/halls/${id}/windows`)
    .set(auth)
    .send({
      windows: windows ?? [
        { number: '1', name: '结婚登记窗口', serviceCodes: [MARRIAGE, REISSUE] },
        { number: '2', name: '离婚登记窗口', serviceCodes: [DIVORCE] },
        {
          number: '3',
          name: '综合窗口（优先）',
          serviceCodes: [MARRIAGE, DIVORCE, REISSUE, DIBAO],
          priorityLane: true,
        },
      ],
    })
    .expect(200);
  return id;
}

export async function hallStaff(url: string, adminAuth: Record<string, string>, halls: number[]) {
  seq++;
  const username = `hall.t${seq}.${process.pid}.${Math.floor(Math.random() * 1e6)}`;
  const password = 'Hall-staff-pass-1';
  await request(url)
    .post('/api/staff/accounts')
    .set(adminAuth)
    .send({
      username,
      displayName: '窗口工作人员',
      password,
      roles: ['hall_staff'],
      scope: { divisions: [], halls },
    })
    .expect(201);
  return loginStaff(url, username, password);
}

/** A valid GB 11643 number: Beijing Chaoyang, the given birth date, odd sequence = male. */
export function idNumber(birth: string, male: boolean, n = Math.floor(Math.random() * 50)): string {
  const seqNo = String(n * 2 + (male ? 1 : 0))
    .padStart(3, '0')
    .slice(-3);
  const body = `110105${birth.replace(/-/g, '')}${seqNo}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = w.reduce((acc, x, i) => acc + x * Number(body[i]), 0);
  return body + '10X98765432'[s % 11];
}

let people = 0;
/** A citizen logged in and real-named; distinct ID numbers across the whole test run. */
export async function realNamed(url: string, opts: { male?: boolean; birth?: string; name?: string } = {}) {
  const n = ++people; // taken before any await: callers run many of these at once
  const c = await loginCitizen(url);
  const male = opts.male ?? n % 2 === 1;
  // Unique per person: the birth date walks day by day from 1960 on, the sequence varies per process.
  const birth =
    opts.birth ??
    new Date(Date.UTC(1960, 0, 1) + (n + (process.pid % 500) * 40) * 86_400_000).toISOString().slice(0, 10);
  const id = idNumber(birth, male, (n * 7 + process.pid) % 50);
  await request(url)
    .put('/api/me/identity')
    .set(c.auth)
    .send({ name: opts.name ?? (male ? '张三' : '李四'), idNumber: id })
    .expect(200);
  return { ...c, idNumber: id, male };
}
