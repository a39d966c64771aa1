import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';

export const communityNotFoundError = () =>
  notFound('未找到该村/社区：请核对12位村级区划代码（统计用区划代码），或从所在乡镇/街道的列表中选择');
export const streetNotFoundError = () => notFound('未找到该乡镇/街道：请核对9位乡镇级区划代码');
export const noticeNotFoundError = () => notFound('未找到该公开事项');
export const attachmentNotFoundError = () => notFound('未找到该附件');
export const unknownAttachmentError = () =>
  badRequest('ATTACHMENT_NOT_FOUND', '附件不存在或已被使用，请重新上传后再发布', { attachments: '请重新上传附件' });
export const unsupportedAttachmentError = () =>
  badRequest('UNSUPPORTED_FILE', '附件只能是 PDF 文件或 JPG、PNG、WEBP 图片');
export const realNameRequiredError = () => forbidden('请先在「我的」完成实名认证，再申请成为社区居民');
export const alreadyResidentError = (status: string) =>
  conflict('ALREADY_APPLIED', `您已申请登记为居民（${status}），一人只能登记在一个村/社区`);
export const personTakenError = () =>
  conflict('PERSON_ALREADY_RESIDENT', '该身份证号已登记为其他村/社区的居民，如有疑问请联系社区居委会');
export const nothingToWithdrawError = () => notFound('您还没有登记为任何村/社区的居民，无需撤回');
export const refusedNotWithdrawnError = () =>
  conflict('NOT_WITHDRAWABLE', '您的居民登记未予确认，无需撤回；如需登记，可重新申请');
export const residentWithdrawnError = () =>
  conflict('RESIDENT_WITHDRAWN', '该居民已撤回居民登记申请，无需再确认；如其重新申请，会再次出现在待确认列表中');
export const residentNotFoundError = () => notFound('未找到该居民登记申请');
export const residentDecidedError = () => conflict('ALREADY_DECIDED', '该居民登记申请已经处理过，不能重复确认');
export const notResidentError = () =>
  new AppError(403, 'NOT_RESIDENT', '您不是该村/社区经确认的居民，不能参与议事协商；请先申请登记，待社区确认');
export const proposalNotFoundError = () => notFound('未找到该议题');
export const commentNotFoundError = () => notFound('未找到该评论');
export const proposalClosedForCommentsError = () => conflict('PROPOSAL_CLOSED', '该议题已公布结果，不能再发表意见');
export const voteNotOpenError = () => conflict('VOTE_NOT_OPEN', '该议题当前不在投票中');
export const voteAlreadyOpenError = () => conflict('VOTE_ALREADY_OPENED', '该议题已开始投票或已结束，不能再次发起');
export const alreadyVotedError = () => conflict('ALREADY_VOTED', '您已对该议题投过票，每位居民只能投一票');
export const badOptionError = (count: number) =>
  badRequest('BAD_OPTION', `请选择一个有效的选项（共${count}个选项）`, { option: '请选择一个有效的选项' });
export const electionNotFoundError = () => notFound('未找到该届选举');
export const electionTermTakenError = () => conflict('TERM_EXISTS', '该村/社区的这一届选举已经发布过');
export const electionStageError = (message: string) => conflict('ELECTION_STAGE', message);
