import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';

export const realNameRequiredError = () => forbidden('请先完成实名认证后再申请');
export const consentNameMismatchError = () =>
  badRequest('CONSENT_NAME_MISMATCH', '授权书须由申请人本人签名，签名应与实名认证的姓名一致');
export const applicantNotMemberError = () =>
  badRequest('APPLICANT_NOT_MEMBER', '第一位家庭成员应为申请人本人，身份证号应与实名认证一致');
export const unknownDivisionError = () => badRequest('UNKNOWN_DIVISION', '所选村（社区）不在服务范围内，请重新选择');
export const memberNotVerifiedError = (who: string, why: string) =>
  badRequest('MEMBER_NOT_VERIFIED', `家庭成员${who}经户籍核验${why}，请核对身份证号`);
export const memberInActiveCaseError = (who: string) =>
  conflict('MEMBER_IN_ACTIVE_CASE', `家庭成员${who}已在其他正在办理或享受中的救助申请中，不能重复申请`);
export const materialNotFoundError = () => badRequest('MATERIAL_NOT_FOUND', '材料不存在或已提交，请重新上传');
export const unsupportedMaterialError = () =>
  badRequest('UNSUPPORTED_MATERIAL', '材料仅支持 JPG、PNG、WEBP 图片或 PDF 文件');
export const notEligibleError = (reasons: string[]) =>
  badRequest('NOT_ELIGIBLE', `不符合申请条件：${reasons.join('；')}`);
export const applicationNotFoundError = () => notFound('未找到该申请');
export const publicityEndedError = () => conflict('PUBLICITY_ENDED', '该公示已结束或不在公示期，无法提出异议');
export const noStandardError = () =>
  new AppError(404, 'NO_STANDARD', '当地尚未公布低保标准，请咨询乡镇（街道）社会救助窗口');
export const unsupportedSurveyPhotoError = () =>
  badRequest('UNSUPPORTED_PHOTO', '入户调查照片仅支持 JPG、PNG 格式的图片，请重新选择');
export const surveyPhotoNotFoundError = () =>
  badRequest('SURVEY_PHOTO_NOT_FOUND', '照片不属于本案件或已随调查结果提交，请重新上传', {
    photoIds: '照片无效，请重新上传',
  });
export const tooManySurveyPhotosError = () =>
  conflict('TOO_MANY_SURVEY_PHOTOS', '本案件待提交的调查照片已达30张，请先删减或提交入户调查结果');
export const surveyPhotoMissingError = () => notFound('未找到该照片');
