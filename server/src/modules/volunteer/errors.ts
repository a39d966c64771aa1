import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';

export const realNameRequiredError = () => forbidden('请先在「我的」完成实名认证，再注册志愿者');
export const alreadyVolunteerError = () => conflict('ALREADY_VOLUNTEER', '您已经是注册志愿者，无需重复注册');
export const idNumberTakenError = () =>
  conflict('ID_NUMBER_TAKEN', '该证件号码已注册为志愿者，如非本人操作，请联系志愿服务组织或当地民政部门');
export const notVolunteerError = () => new AppError(404, 'NOT_VOLUNTEER', '您还不是注册志愿者，请先注册');
export const orgNotFoundError = () => notFound('未找到该志愿服务组织');
export const orgNameTakenError = () => conflict('ORG_NAME_TAKEN', '已有同名的志愿服务组织');
export const socialOrgNotFoundError = () =>
  badRequest('SOCIAL_ORG_NOT_FOUND', '未找到该统一社会信用代码对应的社会组织，请核对');
export const staffNotFoundError = () => badRequest('STAFF_NOT_FOUND', '未找到该工作人员账号');
export const activityNotFoundError = () => notFound('未找到该志愿活动');
export const activityNotEditableError = () =>
  conflict('ACTIVITY_NOT_EDITABLE', '活动已发布，不能再修改；如需变更请取消后重新发布');
export const badTransitionError = (from: string, action: string) =>
  conflict('BAD_TRANSITION', `活动当前为「${from}」，不能${action}`);
export const badTimesError = (message: string) => badRequest('BAD_TIMES', message);
export const notOpenForSignupError = () => conflict('NOT_OPEN', '该活动当前不在招募中，无法报名');
export const signupDeadlinePassedError = () => conflict('DEADLINE_PASSED', '报名已截止');
export const alreadySignedUpError = () => conflict('ALREADY_SIGNED_UP', '您已报名该活动，请勿重复报名');
export const signupNotFoundError = () => notFound('未找到该报名记录');
export const cancelClosedError = () => conflict('CANCEL_CLOSED', '报名已截止，不能在线取消，请联系活动组织者');
export const signupNotPendingError = () => conflict('SIGNUP_DECIDED', '该报名已处理或已取消');
export const reasonRequiredError = (what: string) =>
  badRequest('REASON_REQUIRED', `请填写${what}的理由`, { reason: `请填写${what}的理由` });

// The on-site code and scans. Every refusal is recorded as an attempt, nothing else.
export const codeMalformedError = () =>
  badRequest('CODE_INVALID', '这不是有效的志愿活动签到码，请扫描现场出示的二维码');
export const codeForgedError = () => badRequest('CODE_INVALID', '签到码无效，请扫描现场组织者出示的最新二维码');
export const codeExpiredError = () =>
  badRequest('CODE_EXPIRED', '签到码已过期，请扫描现场组织者出示的最新二维码（二维码每30秒更新）');
export const codeOtherActivityError = () =>
  badRequest('CODE_OTHER_ACTIVITY', '该签到码不属于您报名的这个活动，请确认活动后再扫码');
export const codeReplayedError = () =>
  badRequest('CODE_REPLAYED', '签退请扫描现场出示的最新二维码，不能使用签到时的二维码');
export const notApprovedForActivityError = () =>
  forbidden('您没有被录用参加该活动，不能签到；请先报名并等待组织者审核');
export const activityNotActiveError = () => conflict('ACTIVITY_NOT_ACTIVE', '该活动未在进行，不能签到签退');
export const alreadySignedInError = () => conflict('ALREADY_SIGNED_IN', '您已签到，请勿重复扫码；活动结束时请扫码签退');
export const alreadySignedOutError = () => conflict('ALREADY_SIGNED_OUT', '您已签退，请勿重复扫码');
export const notSignedInError = () => conflict('NOT_SIGNED_IN', '您还没有签到，不能签退');
export const openElsewhereError = (title: string) =>
  conflict('SIGNED_IN_ELSEWHERE', `您在「${title}」的签到尚未签退，同一时间只能参加一个活动`);
export const locationTooFarError = () =>
  badRequest('LOCATION_TOO_FAR', '您当前的位置离活动地点太远，不能签到签退；请到达活动现场后再扫码');
export const attendanceNotFoundError = () => notFound('未找到该签到记录');
export const attendanceNotReadyError = () => conflict('NOT_SIGNED_OUT', '该志愿者尚未签退，不能确认时长');
export const attendanceDecidedError = () => conflict('ALREADY_DECIDED', '该记录的时长已经处理过');
export const exceptionReasonRequiredError = () =>
  badRequest('REASON_REQUIRED', '该记录的签到或签退不在活动地点或时间范围内，确认时长须填写理由', {
    reason: '请填写确认理由',
  });
export const hoursOverlapError = () =>
  conflict('HOURS_OVERLAP', '该志愿者在这段时间已有其他活动的服务时长，同一时间不能重复计入');
export const noHoursError = () => conflict('NO_HOURS', '签到与签退之间没有落在活动时间内的服务时长');
export const manualOutsideActivityError = () =>
  badRequest('BAD_TIMES', '补录的服务时间须在活动时间范围内，且结束晚于开始');
export const volunteerNumberNotFoundError = () => badRequest('VOLUNTEER_NOT_FOUND', '未找到该志愿者编号');
export const ledgerEntryNotFoundError = () => notFound('未找到该时长记录');

export const certificateNotFoundError = () => notFound('未找到该证明');
export const certificateNumberInvalidError = () =>
  new AppError(404, 'CERTIFICATE_NOT_FOUND', '证明编号不存在或有误，请核对后再查询');
export const certificateStateError = (what: string) => conflict('CERTIFICATE_STATE', what);
export const noHoursForCertificateError = () =>
  conflict('NO_CONFIRMED_HOURS', '您在该组织还没有已确认的服务时长，暂不能申请证明');
export const divisionOutOfScopeError = () => badRequest('DIVISION_OUT_OF_SCOPE', '所选地区不在您的管辖范围内');

// Membership of organizations.
export const alreadyMemberError = () => conflict('ALREADY_MEMBER', '您已是该志愿服务组织的成员');
export const joinPendingError = () => conflict('JOIN_PENDING', '您的入队申请正在审核中，请耐心等待');
export const memberNotFoundError = () => notFound('未找到该入队申请');
export const memberNotPendingError = () => conflict('MEMBER_DECIDED', '该入队申请已处理');
