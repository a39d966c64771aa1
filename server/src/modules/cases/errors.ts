import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';

export const caseNotFoundError = () => notFound('未找到该案件');
export const stageMismatchError = (stageName: string, actionName: string) =>
  conflict('CASE_STAGE_MISMATCH', `该案件当前处于「${stageName}」环节，不能进行「${actionName}」`);
export const unknownActionError = () => badRequest('CASE_ACTION_UNKNOWN', '该案件没有这项办理操作');
export const notHolderError = (holderName: string) => forbidden(`该环节由${holderName}办理，您的账号不能办理`);
export const caseChangedError = () => conflict('CASE_CHANGED', '该案件刚刚已被他人办理，请刷新后查看最新状态');
export const opinionRequiredError = () =>
  badRequest('OPINION_REQUIRED', '请填写办理意见', { opinion: '请填写办理意见' });
export const assigneeRequiredError = (stageName: string) =>
  badRequest('ASSIGNEE_REQUIRED', `请指定「${stageName}」的承办人员`, { assigneeStaffId: '请指定承办人员' });
export const assigneeInvalidError = (levelName: string) =>
  badRequest('ASSIGNEE_INVALID', `指定的承办人员不在本案件所属${levelName}的经办人员中，请重新选择`, {
    assigneeStaffId: '承办人员无效',
  });
export const notBulkActionError = (actionName: string) =>
  badRequest('CASE_ACTION_NOT_BULK', `「${actionName}」需要逐件办理，不能批量操作`);
export const bulkRefusedError = (refused: Array<{ number: string; reason: string }>) =>
  new AppError(
    409,
    'BULK_REFUSED',
    `有 ${refused.length} 件案件不能批量办理，本次未办理任何案件：${refused
      .slice(0, 5)
      .map((r) => `${r.number}（${r.reason}）`)
      .join('；')}${refused.length > 5 ? ' 等' : ''}`,
    Object.fromEntries(refused.map((r) => [r.number, r.reason])),
  );
