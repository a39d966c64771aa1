import { AppError, conflict } from '../../platform/errors';

export const realNameRequiredError = () =>
  new AppError(403, 'REAL_NAME_REQUIRED', '预约须先完成实名认证，请在「我的」中绑定身份证');
export const alreadyBookedError = () => conflict('ALREADY_BOOKED', '您已有该事项的有效预约，如需改期请先取消原预约');
export const slotFullError = () => new AppError(409, 'SLOT_FULL', '已约满，请选择其他时段或日期');
