import type { z } from 'zod';
import { assertDivision, coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { type AppError, badRequest, conflict, forbidden, notFound, unavailable } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { type Wechat, wechatErrorOf, wechatReason } from '../../wechat';
import type { MatrixModels } from './index';
import { MEMBER_LEVELS, toMemberAdminView, toMemberView, type MemberLevel, type MemberRow } from './models';
import type { memberPatchBody, newMemberBody } from './schemas';

export type NewMember = z.infer<typeof newMemberBody>;
export type MemberPatch = z.infer<typeof memberPatchBody>;

/** Checking a member's credentials: a wrong pair is the editor's to fix; anything else is WeChat's. */
function credentialError(err: unknown): AppError | Error {
  const info = wechatErrorOf(err);
  if (!info) return err as Error;
  const reason = wechatReason(err);
  // Trying credentials is fetching a token: there 40001 means a wrong AppSecret too.
  if (info.condition === 'credentials-invalid' || info.condition === 'token-invalid')
    return badRequest('MEMBER_CREDENTIALS_INVALID', `公众号凭据校验未通过：${reason}，请核对 AppID 和 AppSecret`, {
      secret: reason,
    });
  if (info.condition === 'ip-not-whitelisted')
    return badRequest('MEMBER_IP_NOT_WHITELISTED', `公众号凭据校验未通过：${reason}`);
  return unavailable('WECHAT_UNAVAILABLE', `暂时无法校验公众号凭据：${reason}，请稍后再试`);
}

const levelRank = (l: MemberLevel) => MEMBER_LEVELS.indexOf(l);
const byLevelThenRegion = (a: MemberRow, b: MemberRow) =>
  levelRank(a.level) - levelRank(b.level) || a.division_code.localeCompare(b.division_code) || a.id - b.id;

/**
 * The matrix's member accounts. Editors and admins add and edit them within their divisions; a
 * member's credentials are tried against WeChat before they are saved, and the secret is
 * stored only encrypted.
 */
export function makeMembers(p: Platform, wechat: Wechat, { Member }: MatrixModels) {
  async function checkCredentials(appid: string, secret: string) {
    try {
      await wechat.freepublish.checkCredentials(appid, secret);
    } catch (err) {
      throw credentialError(err);
    }
  }

  async function findInScope(actor: StaffPrincipal, id: number) {
    const m = await Member.findByPk(id);
    if (!m) throw notFound('未找到该成员账号');
    assertDivision(actor, m.division_code, '成员账号');
    return m;
  }

  return {
    async add(actor: StaffPrincipal, input: NewMember) {
      if (!coversDivision(actor, input.divisionCode)) throw forbidden('不能添加您管辖区划以外的成员账号');
      if (await Member.findOne({ where: { appid: input.appid } }))
        throw conflict('MEMBER_EXISTS', '该公众号已是矩阵成员');
      await checkCredentials(input.appid, input.secret);
      const m = await Member.create({
        name: input.name,
        appid: input.appid,
        secret_enc: p.pii.encrypt(input.secret),
        original_id: input.originalId ?? null,
        level: input.level as MemberLevel,
        division_code: input.divisionCode,
        category: input.category,
        qr_url: input.qrUrl ?? null,
        active: input.active,
        sync_failures: 0,
      });
      wechat.tokens.register(m.appid, input.secret);
      await p.audit.record({
        actor: { type: 'staff', id: actor.id },
        action: 'matrix.member.add',
        target: { type: 'matrix_member', id: m.id },
        detail: { appid: m.appid },
      });
      return toMemberAdminView(m);
    },

    async edit(actor: StaffPrincipal, id: number, patch: MemberPatch) {
      const m = await findInScope(actor, id);
      if (patch.divisionCode && !coversDivision(actor, patch.divisionCode))
        throw forbidden('不能把成员账号移到您管辖区划以外');
      if (patch.appid && patch.appid !== m.appid && (await Member.findOne({ where: { appid: patch.appid } }))) {
        throw conflict('MEMBER_EXISTS', '该公众号已是矩阵成员');
      }
      const credentialsChanged = (patch.appid && patch.appid !== m.appid) || patch.secret !== undefined;
      const secret = patch.secret ?? p.pii.decrypt(m.secret_enc);
      const appid = patch.appid ?? m.appid;
      if (credentialsChanged) await checkCredentials(appid, secret);
      await m.update({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.appid !== undefined && { appid: patch.appid }),
        ...(patch.secret !== undefined && { secret_enc: p.pii.encrypt(patch.secret) }),
        ...(patch.originalId !== undefined && { original_id: patch.originalId }),
        ...(patch.level !== undefined && { level: patch.level as MemberLevel }),
        ...(patch.divisionCode !== undefined && { division_code: patch.divisionCode }),
        ...(patch.category !== undefined && { category: patch.category }),
        ...(patch.qrUrl !== undefined && { qr_url: patch.qrUrl }),
        ...(patch.active !== undefined && { active: patch.active }),
        // New credentials deserve a fresh start: no back-off left from the old ones.
        ...(credentialsChanged && { sync_failures: 0, next_sync_at: null, last_error: null }),
      });
      if (credentialsChanged) wechat.tokens.register(appid, secret);
      const changed = Object.keys(patch).filter((k) => k !== 'secret');
      await p.audit.record({
        actor: { type: 'staff', id: actor.id },
        action: 'matrix.member.edit',
        target: { type: 'matrix_member', id: m.id },
        detail: { changed: patch.secret !== undefined ? [...changed, 'secret'] : changed },
      });
      return toMemberAdminView(m);
    },

    /** The 矩阵成员 page: every active member, national first. */
    async listPublic() {
      const rows = await Member.findAll({ where: { active: true } });
      return rows.sort(byLevelThenRegion).map(toMemberView);
    },

    async listForStaff(actor: StaffPrincipal) {
      const rows = (await Member.findAll()).filter((m) => coversDivision(actor, m.division_code));
      return rows.sort(byLevelThenRegion).map(toMemberAdminView);
    },

    async getForStaff(actor: StaffPrincipal, id: number) {
      return toMemberAdminView(await findInScope(actor, id));
    },

    /** For the token manager: the secret of a member's appid, decrypted only when a token is fetched. */
    async secretOf(appid: string): Promise<string | undefined> {
      const m = await Member.findOne({ where: { appid } });
      return m ? p.pii.decrypt(m.secret_enc) : undefined;
    },
  };
}
