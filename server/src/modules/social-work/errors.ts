import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';

export const stationNotFoundError = () => notFound('未找到该社工站');
export const workerNotFoundError = () => notFound('未找到该社会工作者');
export const orgNotFoundError = () => notFound('未找到该社会工作服务机构');
export const requestNotFoundError = () => notFound('未找到该求助');
export const recordNotFoundError = () => notFound('未找到该服务记录');
export const projectNotFoundError = () => notFound('未找到该项目');
export const photoNotFoundError = () => notFound('未找到该照片');
export const divisionOutOfScopeError = () => badRequest('DIVISION_OUT_OF_SCOPE', '所选地区不在您的管辖范围内');
export const townshipRequiredError = () =>
  badRequest('TOWNSHIP_REQUIRED', '社工站须设在乡镇（街道），请选择到乡镇（街道）一级的地区', {
    divisionCode: '请选择乡镇（街道）',
  });
export const socialOrgUnknownError = () =>
  badRequest('SOCIAL_ORG_NOT_FOUND', '未找到该统一社会信用代码对应的社会组织，请先在社会组织登记中核对');
export const orgTakenError = () => conflict('ORG_EXISTS', '该机构已登记为社会工作服务机构');
export const certificateTakenError = () => conflict('CERTIFICATE_TAKEN', '该证书编号已登记，请勿重复登记');
export const staffTakenError = () => conflict('STAFF_TAKEN', '该工作人员账号已关联其他社会工作者');
export const staffUnknownError = () =>
  badRequest('STAFF_NOT_FOUND', '未找到该工作人员账号，或其没有「社工站工作人员」角色', {
    staffId: '请选择社工站工作人员账号',
  });
export const badDatesError = (message: string) => badRequest('BAD_DATES', message);
export const noStationError = () =>
  new AppError(422, 'NO_STATION', '您所在的乡镇（街道）暂未设立社工站，请拨打12345或联系当地民政部门求助');
export const workerNotInStationError = () =>
  badRequest('WORKER_NOT_IN_STATION', '该社会工作者不属于这个社工站，请选择本站的社工', {
    workerId: '请选择本站的社工',
  });
export const requestClosedError = () => conflict('REQUEST_CLOSED', '该求助已结案，不能再变更');
export const notAssignedToMeError = () => forbidden('该求助没有分派给您，不能填写服务记录；如需协助请联系社工站负责人');
export const notYetAssignedError = () => conflict('NOT_ASSIGNED', '该求助尚未分派社工');
export const recordDecidedError = () => conflict('RECORD_DECIDED', '该服务记录已审核，不能重复审核');
export const reasonRequiredError = () =>
  badRequest('REASON_REQUIRED', '退回服务记录须填写理由', { reason: '请填写退回理由' });
export const notClosedError = () => conflict('NOT_CLOSED', '服务结案后才能评价');
export const alreadyRatedError = () => conflict('ALREADY_RATED', '您已评价过本次服务，每次服务只能评价一次');
export const nothingApprovedError = () =>
  conflict('NO_APPROVED_RECORD', '该求助还没有通过督导审核的服务记录，暂不能结案');
export const tokenReusedError = () =>
  conflict('CLIENT_TOKEN_REUSED', '该提交编号已用于另一条求助的服务记录，请刷新后重新填写');
export const trainingTakenError = () => conflict('TRAINING_EXISTS', '该社工同一天的这门课程已登记过学时，请勿重复录入');
export const alreadyComplainedError = (trackingNo: string) =>
  conflict('ALREADY_COMPLAINED', `您已就本次服务提交过投诉（编号 ${trackingNo}），请在「我的投诉」中查看办理进度`);
