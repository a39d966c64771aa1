import { randomInt } from 'node:crypto';
import request from 'supertest';
import sharp from 'sharp';
import { loginCitizen } from '../../../test/support/citizen';
import { withCheckDigit } from '../support/id-numbers';

/**
 * An ID number born on `birth` (YYYYMMDD) whose 顺序码 starts with `seqFirst`: the check
 * simulator answers from it (9 → 999 deceased / 998 unknown; 8 → wages; 7 → a car; …).
 */
export function idNumber(birth: string, seqFirst = '1', seqRest?: string): string {
  const rest = seqRest ?? String(randomInt(10, 99));
  return withCheckDigit(`110105${birth}${seqFirst}${rest}`);
}

/** A random birth date in the given year, so parallel families never share an ID number. */
export const bornIn = (year: number) =>
  `${year}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`;

/** A citizen who has bound their real name (the applicant must be real-named). */
export async function realNamedCitizen(url: string, name: string, id: string) {
  const c = await loginCitizen(url);
  await request(url).put('/api/me/identity').set(c.auth).send({ name, idNumber: id }).expect(200);
  return { ...c, name, idNumber: id };
}

export async function pngBytes(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
}

export function pdfBytes(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

export function uploadMaterial(url: string, auth: Record<string, string>, data: Buffer, filename: string) {
  return request(url)
    .post('/api/assistance/materials?label=户口簿')
    .set(auth)
    .attach('file', data, { filename, contentType: 'application/octet-stream' });
}

export interface Member {
  name: string;
  idNumber: string;
  relation: string;
  monthlyIncomeCents: number;
  health: string;
  disability: string;
}

export const member = (name: string, id: string, relation: string, income = 0, disability = '无'): Member => ({
  name,
  idNumber: id,
  relation,
  monthlyIncomeCents: income,
  health: '健康',
  disability,
});

export function applicationFor(
  applicant: { name: string },
  members: Member[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    kind: 'dibao',
    divisionCode: '110105001003',
    address: '北京市朝阳区建国门外街道某小区3号楼2单元101',
    reason: '丈夫因病去世，本人无固定工作，孩子上学，家庭生活困难',
    members,
    assets: { vehicles: 0, houses: 1, depositsCents: 500_000 },
    consent: { agreed: true, signedName: applicant.name },
    materialIds: [],
    ...extra,
  };
}
