import { timingSafeEqual } from 'node:crypto';
import type { StaffPrincipal } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { AppError, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { HallModels } from './index';
import type { makeManage } from './manage';

/**
 * The hall's TV display (叫号屏) runs without a staff sign-in: staff set a per-hall token, shown
 * once, which the display presents. Setting a new one retires the old (a screen that was taken
 * away stops working); only the token's hash is stored.
 */
export function makeDisplayToken(p: Platform, { Hall }: HallModels, manage: ReturnType<typeof makeManage>) {
  const audit = (staff: StaffPrincipal, action: string, hallId: number) =>
    p.audit.record({ actor: { type: 'staff', id: staff.id }, action, target: { type: 'hall', id: hallId } });

  return {
    async status(staff: StaffPrincipal, hallId: number) {
      const hall = await manage.hallInScope(staff, hallId);
      return { set: Boolean(hall.display_token_hash), setAt: hall.display_token_set_at?.toISOString() ?? null };
    },
    /** A new token (the old one stops working at once), returned this once. */
    async rotate(staff: StaffPrincipal, hallId: number) {
      const hall = await manage.hallInScope(staff, hallId);
      const token = randomToken(24);
      await hall.update({ display_token_hash: sha256(token), display_token_set_at: p.clock.date() });
      await audit(staff, 'hall.display_token', hallId);
      return { token, setAt: hall.display_token_set_at!.toISOString() };
    },
    async withdraw(staff: StaffPrincipal, hallId: number) {
      const hall = await manage.hallInScope(staff, hallId);
      await hall.update({ display_token_hash: null, display_token_set_at: null });
      await audit(staff, 'hall.display_token_withdraw', hallId);
      return { set: false, setAt: null };
    },
    /** For the display's own requests: the hall when the token is its current one. */
    async verify(hallId: number, token: string | undefined) {
      const hall = await Hall.findByPk(hallId);
      if (!hall || !hall.active) throw notFound('未找到该服务大厅');
      const expected = hall.display_token_hash;
      const given = sha256(token ?? '');
      if (!token || !expected || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
        throw new AppError(401, 'DISPLAY_TOKEN_INVALID', '叫号屏令牌无效或已更换，请在大厅设置中重新获取叫号屏地址');
      return hall;
    },
  };
}
