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
export const linkSelfError = () => badRequest('LINK_SELF', '不能绑定自己，请填写长辈的姓名和身份证号');
export const linkExistsError = () => conflict('LINK_EXISTS', '您已绑定或已申请绑定这位长辈，无需重复申请');
export const linkNotFoundError = () => notFound('未找到该亲属绑定');
export const notLinkedError = () =>
  forbidden('您尚未与这位长辈完成亲属绑定（需长辈在本人的小程序中确认），暂不能为其预订或申请');
export const notMealPlaceError = () =>
  badRequest('NOT_MEAL_PLACE', '该机构不提供助餐预订，请选择社区养老服务站或助餐点');
export const menuNotFoundError = () => notFound('未找到该餐次，可能已被助餐点撤下');
export const mealCutoffError = (when: string) =>
  conflict('MEAL_CUTOFF_PASSED', `该餐已于${when}截止预订和取消，请选择其他餐次`);
export const mealSoldOutError = () => conflict('MEAL_SOLD_OUT', '该餐已订完，请选择其他餐次或其他助餐点');
export const mealOrderedError = () => conflict('MEAL_ALREADY_ORDERED', '已为这位用餐人预订了该餐，无需重复预订');
export const mealOrderNotFoundError = () => notFound('未找到该订餐记录');
export const mealCancelledError = () => conflict('MEAL_ORDER_CANCELLED', '该订餐已取消');
export const menuPastDayError = () => badRequest('MENU_PAST_DAY', '只能发布今天及以后的菜单');
export const portionsBelowOrderedError = (ordered: number) =>
  badRequest('PORTIONS_BELOW_ORDERED', `该餐已有${ordered}份预订，供应份数不能少于已订份数`);
export const menuHasOrdersError = () => conflict('MENU_HAS_ORDERS', '该餐已有人预订，不能撤下；可在截止前调整菜品');
export const slotNotFoundError = () => notFound('未找到该评估时段');
export const slotClosedError = () => badRequest('SLOT_CLOSED', '该时段已不可预约，请选择明天及以后的时段');
export const assessmentOpenError = () =>
  conflict('ASSESSMENT_IN_PROGRESS', '这位老人已有一次未完成的能力评估预约，请完成或撤回后再约');
export const assessmentNotFoundError = () => notFound('未找到该评估记录');
export const mealPickedUpError = () => conflict('MEAL_PICKED_UP', '该餐已取餐，不能取消');
export const pickupInvalidError = () =>
  badRequest('PICKUP_INVALID', '取餐码无效：不是本助餐点的订餐，请让老人出示小程序“我的订餐”中本餐的取餐码');
export const pickupOtherMealError = (meal: string) =>
  conflict('PICKUP_OTHER_MEAL', `这是${meal}的取餐码，不是本餐的，请核对餐次`);
export const pickupUsedError = (when: string) =>
  conflict('PICKUP_USED', `该取餐码${when ? `已于${when}` : '已'}使用，每份餐只能取一次`);
export const hallLinkNotFoundError = () =>
  notFound('未找到待确认的亲属绑定：请子女先在小程序中发起绑定，长辈户籍须在本窗口的服务范围内');
export const hallIdMismatchError = () =>
  badRequest('HALL_ID_MISMATCH', '长辈的姓名或身份证号与绑定申请不符，请核对长辈本人的身份证', {
    idNumber: '与绑定申请中的长辈不符',
  });
