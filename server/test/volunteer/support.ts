import { randomInt } from 'node:crypto';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import type { TestServer } from '../../../test/support/server';
import { setBeijingTime, staffAt } from '../cases/support';
import { withCheckDigit } from '../support/id-numbers';

export { setBeijingTime, staffAt };
export type Staff = Awaited<ReturnType<typeof staffAt>>;

/** The 天安门广场 of our stories, and points at known distances from it. */
export const SITE = { lat: 39.9087, lng: 116.3975 };
/** About `m` metres north of the site. */
export const north = (m: number) => ({ lat: SITE.lat + m / 111_000, lng: SITE.lng });

export const randomIdNumber = () =>
  withCheckDigit(
    `110105${1970 + randomInt(0, 30)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${randomInt(100, 999)}`,
  );

/** A citizen who bound their real name and registered as a volunteer. */
export async function volunteer(url: string, name = '张志愿') {
  const c = await loginCitizen(url);
  const idNumber = randomIdNumber();
  await request(url).put('/api/me/identity').set(c.auth).send({ name, idNumber }).expect(200);
  const { body } = await request(url)
    .post('/api/volunteer/me')
    .set(c.auth)
    .send({ skills: ['急救'], serviceTypes: ['elderly'], areas: ['110105'], availability: '周末' })
    .expect(201);
  return { ...c, name, idNumber, number: body.volunteer.number as string };
}

/** An officer of 朝阳区, an organization, and an organizer who is its admin. */
export async function organization(url: string, name = `朝阳区阳光志愿服务队${randomInt(1e6)}`) {
  const officer = await staffAt(url, ['110105'], ['volunteer_officer'], '刘管理');
  const organizer = await staffAt(url, [], ['volunteer_organizer'], '陈组织');
  const { body } = await request(url)
    .post('/api/staff/volunteer/orgs')
    .set(officer.auth)
    .send({ name, divisionCode: '110105', contact: '010-65000000' })
    .expect(201);
  await request(url)
    .post(`/api/staff/volunteer/orgs/${body.org.id}/admins`)
    .set(officer.auth)
    .send({ staffId: organizer.id })
    .expect(200);
  return { officer, organizer, orgId: body.org.id as number };
}

/** A published activity on `date`, 09:00–12:00 Beijing, sign-up until the day before 18:00. */
export async function publishedActivity(
  url: string,
  organizer: Staff,
  orgId: number,
  date: string,
  extra: Record<string, unknown> = {},
) {
  const id = await draftActivity(url, organizer, orgId, date, extra);
  await request(url).post(`/api/staff/volunteer/activities/${id}/publish`).set(organizer.auth).expect(200);
  return id;
}

/** The same activity as a draft (not published). */
export async function draftActivity(
  url: string,
  organizer: Staff,
  orgId: number,
  date: string,
  extra: Record<string, unknown> = {},
) {
  const day = new Date(`${date}T00:00:00+08:00`);
  const before = new Date(day.getTime() - 6 * 3600_000).toISOString();
  const { body } = await request(url)
    .post('/api/staff/volunteer/activities')
    .set(organizer.auth)
    .send({
      orgId,
      title: '重阳节敬老院陪伴',
      type: 'elderly',
      divisionCode: '110105001',
      description: '陪伴老人聊天、读报，协助组织文艺活动',
      tasks: '陪伴聊天、读报',
      requirements: '有耐心，年满16周岁',
      risks: '无特殊风险',
      insurance: true,
      quota: 2,
      address: '北京市朝阳区某敬老院',
      ...SITE,
      startsAt: `${date}T09:00:00+08:00`,
      endsAt: `${date}T12:00:00+08:00`,
      signupDeadline: before,
      ...extra,
    })
    .expect(201);
  return body.activity.id as number;
}

export async function onsiteCode(url: string, organizer: Staff, activityId: number): Promise<string> {
  const { body } = await request(url)
    .get(`/api/staff/volunteer/activities/${activityId}/code`)
    .set(organizer.auth)
    .expect(200);
  return body.code;
}

export function scan(
  url: string,
  who: { auth: Record<string, string> },
  code: string,
  action: 'in' | 'out',
  where: { lat: number; lng: number } = SITE,
  extra: Record<string, unknown> = {},
) {
  return request(url)
    .post('/api/volunteer/scan')
    .set(who.auth)
    .send({ code, action, ...where, accuracy: 30, ...extra });
}

export const moveTo = (s: TestServer, date: string, hhmm: string) => setBeijingTime(s, date, hhmm);
