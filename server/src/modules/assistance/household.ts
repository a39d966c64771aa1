import { maskIdNumber, maskName } from '../identity';

/** Age in whole years on `today` (YYYY-MM-DD), from a GB 11643 ID number's birth date. */
export function ageOn(idNumber: string, today: string): number {
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  let age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  if (today.slice(5) < birth.slice(5)) age--;
  return age;
}

/** 无劳动能力 for 特困 (民发〔2021〕43号): ≥60 or <16, or a severe disability grade. */
export function unableToWork(age: number, disability: string): boolean {
  if (age >= 60 || age < 16) return true;
  return /^(智力或精神残疾[一二三]级|肢体残疾[一二]级|视力残疾一级)$/.test(disability);
}

/** 张* (110105********0034): how a member is named in errors and findings. */
export const memberLabel = (name: string, idNumber: string) => `${maskName(name)}（${maskIdNumber(idNumber)}）`;

export const yuan = (cents: number) => `${(cents / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
