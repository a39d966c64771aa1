import { randomInt } from 'node:crypto';
import request from 'supertest';
import { setBeijingTime, staffAt } from '../cases/support';
import { orgBody } from '../social-orgs/helpers';

export { setBeijingTime, staffAt };
export type Staff = Awaited<ReturnType<typeof staffAt>>;

/** 建外街道 (朝阳区) and 三里屯街道: two 乡镇 of one county. */
export const JIANWAI = '110105001';
export const SANLITUN = '110105004';

let serial = 0;
export const certificateNo = () =>
  `SW${process.pid}${Date.now().toString(36)}${++serial}${randomInt(1000)}`.slice(0, 40);

/** A social organization in the register (by an org_officer of Beijing), for its credit code. */
export async function socialOrg(url: string, officer: Staff) {
  const body = orgBody({ type: 'social_service', name: `北京市朝阳区阳光社会工作服务中心${randomInt(1e6)}` });
  await request(url).post('/api/staff/social-orgs').set(officer.auth).send(body).expect(201);
  return body.uscc as string;
}

/** A station at `division`, created by a 社会工作管理 officer. */
export async function station(url: string, officer: Staff, division = JIANWAI, extra: Record<string, unknown> = {}) {
  const { body } = await request(url)
    .post('/api/staff/social-work/stations')
    .set(officer.auth)
    .send({
      name: `建外街道社工站${randomInt(1e6)}`,
      divisionCode: division,
      address: '北京市朝阳区建国门外大街1号',
      phone: '010-65000001',
      officeHours: '周一至周五 9:00-17:00',
      description: '为辖区困难群众提供专业社会工作服务',
      services: ['elderly', 'children', 'psychological', 'family'],
      lat: 39.908,
      lng: 116.44,
      ...extra,
    })
    .expect(201);
  return body.station.id as number;
}

/** A 社工站 staff account that is also a registered 中级 social worker of the station. */
export async function worker(url: string, officer: Staff, stationId: number, division = JIANWAI, name = '李社工') {
  const account = await staffAt(url, [division], ['social_worker'], name);
  const { body } = await request(url)
    .post('/api/staff/social-work/workers')
    .set(officer.auth)
    .send({
      name,
      level: 'intermediate',
      certificateNo: certificateNo(),
      certifiedOn: '2025-06-01',
      registeredOn: '2025-08-01',
      divisionCode: division,
      stationId,
      staffId: account.id,
    })
    .expect(201);
  return { ...account, workerId: body.worker.id as number };
}
