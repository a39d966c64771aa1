import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';

export const placeNotFoundError = () => notFound('未找到该养老服务机构');
export const realNameRequiredError = () => forbidden('请先完成实名认证，再领取或申请养老补贴');
export const underAgeError = (age: number, minAge: number) =>
  badRequest('UNDER_AGE', `高龄津贴须年满${minAge}周岁，您目前${age}周岁，暂不符合条件`);
export const alreadyClaimedError = (number: string) =>
  conflict('ALREADY_CLAIMED', `您已确认领取高龄津贴（办件编号${number}），无需重复确认`);
export const subsidyOpenError = (number: string) =>
  conflict('SUBSIDY_IN_PROGRESS', `您已有一件正在办理的养老服务补贴申请（办件编号${number}）`);
export const levelNotEligibleError = () =>
  badRequest('LEVEL_NOT_ELIGIBLE', '养老服务补贴面向经能力评估为轻度及以上失能的老年人，能力完好的暂不符合条件');
export const vacanciesOverBedsError = () =>
  badRequest('VACANCIES_OVER_BEDS', '空余床位数不能超过床位总数', { vacancies: '空余床位数不能超过床位总数' });
export const staleVersionError = () => conflict('STALE_VERSION', '该机构信息已被他人更新，请刷新后重新填写');
export const unknownDivisionError = () => badRequest('UNKNOWN_DIVISION', '所选地区不在服务范围内，请重新选择');
export const claimNotFoundError = () => notFound('未找到该申请');
