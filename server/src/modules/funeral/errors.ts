import { badRequest, conflict, notFound } from '../../platform/errors';

export const placeNotFoundError = () => notFound('未找到该殡仪馆或公墓');
export const billNotFoundError = () => notFound('未找到该账单，请核对账单号和查询码');
export const feeNotListedError = (code: string) =>
  badRequest('FEE_NOT_LISTED', `收费项目「${code}」不在本单位公示的收费目录中，不能收费`);
export const notAFuneralHomeError = () => badRequest('NOT_A_FUNERAL_HOME', '只有殡仪馆可以登记殡葬服务收费');
export const billClaimedError = () => conflict('BILL_CLAIMED', '该账单已由其他家属绑定，如有疑问请联系殡仪馆');
