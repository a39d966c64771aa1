import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { AppError, badRequest, notFound } from '../../platform/errors';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { type Wechat, wechatAppError } from '../../wechat';
import type { HallModels } from './index';
import type { EntryCodeRow } from './models';
import { decodeScene, encodeScene } from './scene';
import type { makeManage } from './manage';
import { PAGES } from '@minzheng/contracts';

/** The page a scanned hall code opens; it reads `scene` from its launch options. */
export const HALL_PAGE = PAGES.hall;
/** Public-account QR scenes carry our scene behind this prefix (EventKey = qrscene_hall:…). */
export const MP_SCENE_PREFIX = 'hall:';

const view = (e: EntryCodeRow) => ({
  id: e.id,
  hallId: e.hall_id,
  windowNumber: e.window_number,
  serviceCode: e.service_code,
  scene: e.scene,
  page: HALL_PAGE,
  mpQrUrl: e.mp_url,
  withdrawn: Boolean(e.withdrawn_at),
  createdAt: new Date(e.created_at).toISOString(),
});

/**
 * The codes on a hall's wall. Staff make one per hall, window or service; each has its own
 * signed scene, so one can be withdrawn (a poster torn down, a window closed) without
 * reprinting the others. Scanning resolves the scene back to where the citizen stands.
 */
export function makeEntryCodes(
  p: Platform,
  wechat: Wechat,
  { EntryCode, Window }: HallModels,
  manage: ReturnType<typeof makeManage>,
) {
  const key = { secret: createHash('sha256').update(`hall-scene:${p.config.sessionSecret}`).digest() };

  async function ownCode(staff: StaffPrincipal, hallId: number, entryId: number) {
    await manage.hallInScope(staff, hallId);
    const code = await EntryCode.findOne({ where: { id: entryId, hall_id: hallId } });
    if (!code) throw notFound('未找到该二维码');
    return code;
  }

  return {
    key,
    async create(staff: StaffPrincipal, hallId: number, input: { windowNumber?: string; serviceCode?: string }) {
      await manage.hallInScope(staff, hallId);
      if (input.windowNumber || input.serviceCode) {
        const windows = await Window.findAll({ where: { hall_id: hallId, active: true } });
        if (input.windowNumber && !windows.some((w) => w.number === input.windowNumber))
          throw badRequest('UNKNOWN_WINDOW', '该大厅没有这个窗口');
        if (input.serviceCode && !windows.some((w) => w.service_codes.includes(input.serviceCode!)))
          throw badRequest('UNKNOWN_SERVICE', '该大厅不办理这项事项');
      }
      // The row first (for its id), then its scene; a placeholder scene keeps the column unique.
      const row = await EntryCode.create({
        hall_id: hallId,
        window_number: input.windowNumber ?? null,
        service_code: input.serviceCode ?? null,
        scene: `pending-${createHash('sha1').update(`${Date.now()}${Math.random()}`).digest('hex').slice(0, 20)}`,
        created_by: staff.id,
      });
      await row.update({ scene: encodeScene(key, hallId, row.id) });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'hall.entry_code.create',
        target: { type: 'hall', id: hallId },
        detail: { entryId: row.id },
      });
      return { entryCode: view(row) };
    },
    async list(staff: StaffPrincipal, hallId: number) {
      await manage.hallInScope(staff, hallId);
      return { items: (await EntryCode.findAll({ where: { hall_id: hallId }, order: [['id', 'DESC']] })).map(view) };
    },
    async withdraw(staff: StaffPrincipal, hallId: number, entryId: number) {
      const code = await ownCode(staff, hallId, entryId);
      if (!code.withdrawn_at) await code.update({ withdrawn_at: p.clock.date() });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'hall.entry_code.withdraw',
        target: { type: 'hall', id: hallId },
        detail: { entryId },
      });
      return { entryCode: view(code) };
    },
    /** PNG of the mini-program code, from WeChat's getwxacodeunlimit. */
    async miniProgramPng(staff: StaffPrincipal, hallId: number, entryId: number): Promise<Buffer> {
      const code = await ownCode(staff, hallId, entryId);
      if (code.withdrawn_at) throw new AppError(410, 'ENTRY_CODE_WITHDRAWN', '该二维码已停用');
      return wechat.mini
        .getUnlimitedCode({ scene: code.scene, page: HALL_PAGE, checkPath: false, width: 860 })
        .catch((err) => {
          throw wechatAppError(err);
        });
    },
    /**
     * PNG of the public account's permanent parameter QR. WeChat answers a ticket and the URL
     * the QR encodes; we draw the QR from that URL ourselves (the image endpoint is a download
     * of the same thing) and remember the ticket so the code is made once.
     */
    async publicAccountPng(staff: StaffPrincipal, hallId: number, entryId: number): Promise<Buffer> {
      const code = await ownCode(staff, hallId, entryId);
      if (code.withdrawn_at) throw new AppError(410, 'ENTRY_CODE_WITHDRAWN', '该二维码已停用');
      if (!code.mp_url) {
        const qr = await wechat.mp.createQrcode(`${MP_SCENE_PREFIX}${code.scene}`).catch((err) => {
          throw wechatAppError(err);
        });
        await code.update({ mp_ticket: qr.ticket, mp_url: qr.url });
      }
      return QRCode.toBuffer(code.mp_url!, { type: 'png', width: 860, margin: 2, errorCorrectionLevel: 'M' });
    },
    /**
     * A scanned scene → where the citizen stands. Anything we did not sign is "unknown"; a
     * code staff withdrew says so; both answer with a way forward, never a blank page.
     */
    async resolve(raw: string) {
      const ids = decodeScene(key, raw.startsWith(MP_SCENE_PREFIX) ? raw.slice(MP_SCENE_PREFIX.length) : raw);
      const code = ids ? await EntryCode.findOne({ where: { id: ids.entryId, hall_id: ids.hallId } }) : null;
      if (!code)
        throw new AppError(
          404,
          'SCENE_UNKNOWN',
          '无法识别该二维码，它可能不是本平台的办事大厅码。您可以在大厅列表中选择要去的大厅。',
        );
      if (code.withdrawn_at)
        throw new AppError(
          410,
          'SCENE_WITHDRAWN',
          '该二维码已停用，请扫描大厅内最新张贴的二维码，或在大厅列表中选择大厅。',
        );
      return { hallId: code.hall_id, windowNumber: code.window_number, serviceCode: code.service_code };
    },
  };
}
